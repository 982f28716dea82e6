// Text helpers shared by the parsers, the indexer and the searcher: encoding repair,
// case folding and trimming.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

// Result of repair_utf8: the text, and whether anything had to change.
struct RepairedText {
  std::string text;
  bool repaired = false;
};

// Returns valid UTF-8 for any byte string. Scraped news is mostly UTF-8 with stray
// Windows-1252 bytes (a lone 0xA3 for "£"), so each byte that is not part of a valid UTF-8
// sequence is read as Windows-1252. NUL and other C0 control characters except tab, line
// feed and carriage return are dropped, since they break terminals and term lists.
[[nodiscard]] RepairedText repair_utf8(std::string_view bytes);

// Whether text is valid UTF-8 (as repair_utf8 judges it).
[[nodiscard]] bool is_valid_utf8(std::string_view text);

// Unicode lower case of a UTF-8 string (valid input assumed), for case-insensitive keys.
[[nodiscard]] std::string fold_case(std::string_view text);

// ASCII white space, as the C locale's isspace has it. Inline, as are the ASCII helpers
// below, so that the parsers, which do not link the rest of this file, share them.
[[nodiscard]] constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// ASCII lower case of one byte; other bytes (UTF-8 included) unchanged.
[[nodiscard]] constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Equal but for ASCII case.
[[nodiscard]] constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// Text without trailing ASCII white space.
[[nodiscard]] constexpr std::string_view trim_end(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

// Text without leading and trailing ASCII white space.
[[nodiscard]] constexpr std::string_view trim(std::string_view text) {
  text = trim_end(text);
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  return text;
}

// Collapses every run of white space (including line breaks) to one space and trims.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);

// Text that cannot move the cursor, clear or retitle a terminal, or forge a line of output:
// for printing text read from articles, file names or a database on a terminal or in plain
// text. Line breaks and tabs (C0 TAB..CR, U+0085, U+2028, U+2029) become a space; every other
// control character (C0, DEL, C1 U+0080..U+009F), each bidirectional override or isolate
// (U+202A..U+202E, U+2066..U+2069) and each byte that is not valid UTF-8 (a raw C1 byte
// included) becomes U+FFFD. Valid printable UTF-8 is kept as it is.
[[nodiscard]] std::string terminal_safe(std::string_view text);

// The longest prefix of text that is at most max_bytes long and ends on a character boundary.
[[nodiscard]] std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace newsdex
