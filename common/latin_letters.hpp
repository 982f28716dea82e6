// The plain letters of accented Latin letters, shared by the lexicon's keys and the
// analyzer's folding of words and names.
#pragma once

#include <array>
#include <string_view>

namespace newsdex {

// Lower-case ASCII base letters of U+00C0..U+017F ("" keeps the character itself).
inline constexpr std::array<std::string_view, 192> kLatinBase{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o",
    "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a",
    "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o",
    "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c",
    "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g",
    "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i",
    "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n",
    "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r",
    "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z",
    "z", "s"};

// The lower-case ASCII spelling of a lower-case accented Latin letter ("é" → "e", "ß" → "ss",
// "æ" → "ae"), or "" for any other code point (which then stands for itself).
[[nodiscard]] constexpr std::string_view latin_base(unsigned cp) {
  if (cp >= 0xC0 && cp < 0xC0 + kLatinBase.size()) return kLatinBase[cp - 0xC0];
  if (cp >= 0x218 && cp <= 0x21B) return cp < 0x21A ? "s" : "t";  // Romanian comma-below Ș ș Ț ț
  return {};
}

}  // namespace newsdex
