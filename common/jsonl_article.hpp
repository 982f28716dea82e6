// Parser for one JSON Lines record holding an article.
#pragma once

#include <string_view>

#include "common/article.hpp"

namespace newsdex {

// Parses one line of JSON Lines into an article. Accepted keys (first present wins):
//   title: title, headline          body: body, text, content
//   date: date, published, published_at, pubDate
//   author: author, authors, byline (a string, or an array of strings joined with ", ")
//   source: source, publisher, site (a string, or an object with a "name")
//   url: url, link                  id: id, guid (a string or an integer)
// Unknown keys are ignored. Errors: not valid JSON, not an object, a known key with a
// value of the wrong type, no title and no body. An unparseable date is not an error: the
// article comes back with no date and raw_date set.
[[nodiscard]] ArticleParse parse_json_article(std::string_view line);

}  // namespace newsdex
