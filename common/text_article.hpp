// Parser for plain-text article files, the layout scrapers and feed readers write.
#pragma once

#include <string_view>

#include "common/article.hpp"

namespace newsdex {

// Parses one article file:
// - an optional header block of "Key: value" lines first (Title, Date, Author, Source, URL;
//   keys case-insensitive; ends at the first blank line or non-header line);
// - the first non-empty line after it is the headline (unless a Title header gave one);
// - the body follows;
// - an optional trailing byline block is recognized and removed from the body: the
//   author's name on its own line and a date line, possibly glued to the source name and
//   feed noise ("Tue, 03/04/2025 – 09:15Harbor Daily NewsRead More"), then blank lines and
//   short junk tokens. Its author, date (with time) and source become fields.
// Header fields win over trailer fields. Returns an error for a file with no text.
// The id is left empty (the indexer derives it from the path).
[[nodiscard]] ArticleParse parse_text_article(std::string_view text);

}  // namespace newsdex
