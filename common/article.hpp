// The article model shared by the parsers, the indexer and the searcher.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace newsdex {

// One news article as read from input, before indexing.
struct Article {
  std::string id;      // stable unique id from the input (JSON id/guid); empty when it has none
  std::string title;
  std::string body;
  std::string author;  // as given, e.g. "Maria Lopez"; several authors joined with ", "
  std::string source;  // publisher, e.g. "Harbor Daily News"
  std::string url;
  std::string path;    // input file, relative to the input root; set by the indexer
  std::optional<DateTime> date;
  std::string raw_date;  // the date text as found, kept when it could not be parsed
};

// What a parser makes of one record: an article, or the reason there is none.
struct ArticleParse {
  std::optional<Article> article;
  std::string error;  // set exactly when article is empty
  bool no_text = false;  // the record is well formed but holds neither title nor body
};

}  // namespace newsdex
