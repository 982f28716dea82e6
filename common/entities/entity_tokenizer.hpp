// Tokens of an article for entity extraction: words with their normalized keys and case,
// and marks for sentence ends, punctuation and brackets. Each line is checked for all-caps
// ("wire headline") and the title also for Title Case; journalists' credits are flagged.
// Linear in the input and never reads out of bounds, whatever the bytes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entity_detail {

template <std::size_t N>
bool in(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}


enum class Tok : std::uint8_t { word, brk, end, open, close };
enum class Mode : std::uint8_t { normal, title_case, all_caps };
enum class Conn : std::uint8_t { none, particle, joiner };

struct Token {
  std::string_view text;  // surface, possessive stripped
  std::uint32_t key_begin = 0;
  std::uint32_t key_size = 0;
  Tok type = Tok::word;
  Mode mode = Mode::normal;
  Conn conn = Conn::none;
  std::uint8_t letters = 0;  // number of letters, saturating
  bool cap = false;          // starts with a capital (or al-/d' + capital)
  bool all_caps = false;     // no lower-case letter, at least one capital
  bool stop_after = false;   // possessive or "-backed" adjective: ends a sequence
  bool sentence_initial = false;
  bool credit = false;       // in a "Reporting by ...; Editing by ..." credit or byline
};

// Is the token a connective inside a name ("of", "and", "von", "al-") rather than a word of
// it? A capitalized one is a word ("Of Mice", "Van Morrison") except in all-caps text.
[[nodiscard]] inline bool is_connective(const Token& t) {
  return t.conn != Conn::none && (!t.cap || t.mode == Mode::all_caps);
}

// Is the newline at text[at] a wrap inside a paragraph of hard-wrapped copy (text follows it
// directly, after a line as long as wrapped lines are)? Then it reads as a space.
[[nodiscard]] bool soft_wrap(std::string_view text, std::size_t at, std::size_t next);

// The text with each such wrap made a space (same length, so offsets stay valid).
[[nodiscard]] std::string unwrap_lines(std::string_view text);

class TokenStream {
 public:
  void reserve(std::size_t bytes) {
    tokens_.reserve(bytes / 5 + 8);
    keys_.reserve(bytes + 16);
  }

  // Appends the tokens of one text: the title first, then the body.
  void tokenize(std::string_view text, bool is_title);

  [[nodiscard]] const std::vector<Token>& tokens() const { return tokens_; }

  // The normalized key (Lexicon::fold) of token i.
  [[nodiscard]] std::string_view key(std::size_t i) const {
    return std::string_view(keys_).substr(tokens_[i].key_begin, tokens_[i].key_size);
  }

  // Does some word of the stream written in lower case have this key? ("Us and them ... let
  // us go".) Call after the last tokenize; the rules and the resolution both ask, so the set
  // is built once, on the first call.
  [[nodiscard]] bool seen_lowercase(std::string_view key) const;

 private:
  void push_mark(Tok type, std::string_view text = {});
  std::size_t word(std::string_view text, std::size_t b, bool sentence_start);
  void finish_line(std::size_t first, bool is_title);
  void mark_credits(std::size_t first);

  std::vector<Token> tokens_;
  std::string keys_;  // all keys, back to back
  // Keys of lower-case words: an open-addressing set of (key hash, token index + 1), built on
  // the first seen_lowercase call. A node-based set allocated a node per word.
  struct LowerSlot {
    std::uint64_t hash = 0;
    std::uint32_t token = 0;  // 0 = empty
  };
  mutable bool lower_built_ = false;
  mutable std::vector<LowerSlot> lower_;
  mutable std::size_t lower_mask_ = 0;
};

}  // namespace newsdex::entity_detail
