// Splits raw article text into sentences of CoNLL-2003-style tokens with byte offsets:
// punctuation apart, possessive 's and n't apart, hyphenated words, numbers such as 1,000 and
// 3.5 and abbreviations such as U.S. and Mr. kept whole. Linear time; safe on any bytes.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace newsdex::ner {

// A token: text[begin, end) of the tokenized input.
struct RawToken {
  std::size_t begin = 0;
  std::size_t end = 0;
};

using RawSentence = std::vector<RawToken>;

// Tokenizes text into sentences. A sentence ends after ., ! or ? (possibly followed by closing
// quotes or brackets) when the next token is not lower-case, at every line break, and after
// kMaxSentenceTokens tokens. Invalid UTF-8 bytes become one-byte word characters.
[[nodiscard]] std::vector<RawSentence> tokenize_text(std::string_view text);

inline constexpr std::size_t kMaxSentenceTokens = 200;

}  // namespace newsdex::ner
