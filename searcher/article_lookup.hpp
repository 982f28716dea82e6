// Reading one article back by the id results show (--show), and finding articles related to
// it (--like).
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/stored_article.hpp"
#include "searcher/searcher.hpp"

namespace newsdex {

struct FoundArticle {
  Xapian::docid did = 0;
  StoredArticle article;
  bool damaged = false;  // the stored record did not read back (see read_stored_article)
};

// No article has the id asked for. what() names it.
struct ArticleNotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// More than one article shows the id asked for (a bare id such as "2" scoped by two feeds).
// what() names the id; candidates hold each one's "PATH#ID" form, which names it alone.
struct AmbiguousId : std::runtime_error {
  AmbiguousId(const std::string& message, std::vector<std::string> forms)
      : std::runtime_error(message), candidates(std::move(forms)) {}
  std::vector<std::string> candidates;
};

// The articles of db whose shown id (the "id" of a result) is id, in docid order: an
// article's own id or URL, or its path below the input root (with ":LINE" for a JSON line).
// "PATH#ID" names the article with id ID read from the file PATH (its "path"). Empty when
// none has it.
[[nodiscard]] std::vector<FoundArticle> find_articles(const Xapian::Database& db, std::string_view id);

// The one article that id names in the database at db_path. Throws ArticleNotFound,
// AmbiguousId, DatabaseProblem or SchemaMismatch.
[[nodiscard]] FoundArticle show_article(const std::string& db_path, std::string_view id);

// The articles of story id (Slot::story, story_term) in time order, undated ones last, at
// most limit (0: all); total counts them all. An article without a story value is found as
// a story of one by its own id. Throws ArticleNotFound when no story has the id, and as
// show_article.
[[nodiscard]] SearchResults list_story(const std::string& db_path, std::string_view id,
                                       std::size_t limit);

// Up to limit articles related to the one id names, best first: found by the words that
// mark it out (Xapian's expand set over it as the relevant set) and the persons,
// organizations and places it mentions, the rarer the more, then ranked by RelatedRanker,
// those that may report its event first; each hit's score is RelatedRanker's. The article
// itself and copies of its text are left out. Throws as show_article.
[[nodiscard]] SearchResults like_article(const std::string& db_path, std::string_view id,
                                         std::size_t limit);

}  // namespace newsdex
