// CSV output of search results (RFC 4180): a header row, then one row per result.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "searcher/searcher.hpp"

namespace newsdex {

// The columns, in order: id, date, source, author, title, url, path, persons,
// organizations, places, score.
void print_csv_header(std::ostream& out);

// One row for hit: the date as YYYY-MM-DD (as --json has it), absent values empty, the persons,
// organizations and places each joined with "; ", the score as the shortest decimal that
// reads back as the same number. Rows end with CRLF, as RFC 4180 has it. Text is as stored
// (valid UTF-8; invalid bytes become U+FFFD), not made terminal-safe: CSV is data.
void print_csv_row(const SearchHit& hit, std::ostream& out);

// value as one RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF (or
// begins or ends with a space, which some readers trim), with double quotes doubled.
[[nodiscard]] std::string csv_field(std::string_view value);

}  // namespace newsdex
