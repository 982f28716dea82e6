// UTF-8 decoding and encoding of single characters, shared by the text and entity code.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

// Decodes the character starting at text[i] (i < text.size()) and sets length to its bytes.
// An invalid or truncated sequence yields on_invalid with length 1, so callers decide whether
// a stray byte reads as U+FFFD or as itself.
[[nodiscard]] inline unsigned decode_utf8(std::string_view text, std::size_t i, std::size_t& length,
                                          unsigned on_invalid) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned c = byte(i);
  length = 1;
  if (c < 0x80) return c;
  std::size_t n = 0;
  unsigned cp = 0;
  if ((c & 0xE0U) == 0xC0U) {
    n = 1;
    cp = c & 0x1FU;
  } else if ((c & 0xF0U) == 0xE0U) {
    n = 2;
    cp = c & 0x0FU;
  } else if ((c & 0xF8U) == 0xF0U) {
    n = 3;
    cp = c & 0x07U;
  } else {
    return on_invalid;
  }
  if (i + n >= text.size()) return on_invalid;
  for (std::size_t k = 1; k <= n; ++k) {
    const unsigned b = byte(i + k);
    if ((b & 0xC0U) != 0x80U) return on_invalid;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  length = n + 1;
  return cp;
}

// Appends code point cp (at most U+10FFFF) to out as UTF-8.
inline void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0U | (cp >> 6U));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0U | (cp >> 12U));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (cp >> 18U));
    out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  }
}

}  // namespace newsdex
