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
// Unknown keys are ignored. Errors: not valid JSON, not an object, a known key other than a
// date key with a value of the wrong type, no title and no body. A date key may hold a
// string (any form parse_date reads) or a number (YYYYMMDD with 8 digits, else a Unix time
// in seconds or milliseconds: date_from_unix_time); the first that reads as a date wins. A
// date that cannot be read, or of another type, is not an error: the article comes back
// with no date and raw_date set (the JSON text of a non-string).
[[nodiscard]] ArticleParse parse_json_article(std::string_view line);

}  // namespace newsdex
