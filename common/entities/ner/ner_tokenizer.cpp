// The CoNLL-style raw-text tokenizer: one forward scan over code points, no regular expressions.
#include "common/entities/ner/ner_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace newsdex::ner {
namespace {

enum class Kind : std::uint8_t { space, newline, word, digit, punct };

struct CodePoint {
  char32_t value = 0;
  std::size_t size = 1;
};

// Decodes the code point at text[i]; a malformed or truncated sequence is one byte (value 0xFFFD).
CodePoint decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  std::size_t size = 0;
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2;
    value = lead & 0x1FU;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3;
    value = lead & 0x0FU;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4;
    value = lead & 0x07U;
  } else {
    return {0xFFFD, 1};
  }
  if (i + size > text.size()) return {0xFFFD, 1};
  for (std::size_t k = 1; k < size; ++k) {
    const unsigned char c = byte(i + k);
    if ((c & 0xC0U) != 0x80U) return {0xFFFD, 1};
    value = (value << 6U) | (c & 0x3FU);
  }
  return {value, size};
}

Kind classify_slow(char32_t c) {
  if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85) return Kind::newline;
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x202F ||
      (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF || c < 0x20 || c == 0x7F)
    return Kind::space;
  if (c >= '0' && c <= '9') return Kind::digit;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Kind::word;
  if (c < 0x80) return Kind::punct;
  // General punctuation, quotes, dashes, bullets, CJK punctuation, guillemets: separate tokens.
  if ((c >= 0x2010 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3003) || c == 0xAB || c == 0xBB ||
      c == 0xA1 || c == 0xBF || c == 0xA7 || c == 0xB6 || c == 0xB7 || c == 0xA9 || c == 0xAE)
    return Kind::punct;
  return Kind::word;
}

// classify() of the ASCII characters: the tokenizer classifies every character, most of them
// ASCII, and often twice.
const std::array<Kind, 128> kAsciiKinds = [] {
  std::array<Kind, 128> kinds{};
  for (char32_t c = 0; c < kinds.size(); ++c) kinds[c] = classify_slow(c);
  return kinds;
}();

Kind classify(char32_t c) { return c < kAsciiKinds.size() ? kAsciiKinds[c] : classify_slow(c); }

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// Characters that join two word characters into one token: Anglo-Dutch, AT&T, U.S, 1,000, 3.5,
// 1/2, O'Neill, e-mail addresses.
bool is_joiner(char32_t c, Kind before, Kind after) {
  if (c == '-' || c == '.' || c == '&' || c == '/' || c == '@' || c == '_' || is_apostrophe(c))
    return true;
  return c == ',' && before == Kind::digit && after == Kind::digit;
}

bool is_word_kind(Kind k) { return k == Kind::word || k == Kind::digit; }

// Abbreviations that keep their final period (compared in lower case).
constexpr std::array<std::string_view, 44> kAbbreviations = {
    "mr",   "mrs",  "ms",   "dr",   "prof", "st",   "jr",   "sr",   "gen",  "col",  "lt",
    "sgt",  "capt", "cmdr", "adm",  "gov",  "sen",  "rep",  "rev",  "corp", "inc",  "ltd",
    "co",   "bros", "plc",  "no",   "vs",   "etc",  "jan",  "feb",  "mar",  "apr",  "aug",
    "sept", "sep",  "oct",  "nov",  "dec",  "mt",   "ft",   "ave",  "messrs", "mln", "bln"};

bool keeps_period(std::string_view word) {
  if (word.empty() || word.size() > 6) return word.find('.') != std::string_view::npos;
  if (word.find('.') != std::string_view::npos) return true;  // U.S -> U.S.
  if (word.size() == 1) return (word[0] >= 'A' && word[0] <= 'Z');  // initials: J.
  std::string lower(word);
  for (auto& ch : lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  if (lower == "no") return word[0] == 'N';  // "No. 1", but "said no."
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

bool starts_lower(std::string_view text, std::size_t i) {
  return i < text.size() && text[i] >= 'a' && text[i] <= 'z';
}

class Splitter {
 public:
  static constexpr std::size_t kTypicalSentenceTokens = 48;

  explicit Splitter(std::string_view text) : text_(text) {}

  std::vector<RawSentence> run() {
    std::size_t i = 0;
    while (i < text_.size()) {
      const CodePoint cp = decode(text_, i);
      const Kind kind = classify(cp.value);
      if (kind == Kind::newline) {
        end_sentence();
        i += cp.size;
      } else if (kind == Kind::space) {
        i += cp.size;
      } else if (is_word_kind(kind)) {
        i = word(i);
      } else {
        i = punctuation(i, cp);
      }
    }
    end_sentence();
    return std::move(sentences_);
  }

 private:
  // closes: a closing quote or bracket that stays in the sentence a period just ended.
  void push(std::size_t begin, std::size_t end, bool closes = false) {
    if (pending_end_ && !closes) {
      // A sentence-final mark ends the sentence unless the next word is lower case.
      if (!starts_lower(text_, begin)) end_sentence();
      pending_end_ = false;
    }
    current_.push_back(RawToken{begin, end});
    if (current_.size() >= kMaxSentenceTokens) end_sentence();
  }

  void end_sentence() {
    pending_end_ = false;
    if (!current_.empty()) sentences_.push_back(std::move(current_));
    current_.clear();
    // A moved-from vector has no room: without this a sentence grows through six allocations.
    current_.reserve(kTypicalSentenceTokens);
  }

  // Scans a run of word characters with joiners; splits off 's / n't and a final period.
  std::size_t word(std::size_t begin) {
    std::size_t i = begin;
    Kind last = Kind::word;
    bool apostrophe_joined = false;
    while (i < text_.size()) {
      const CodePoint cp = decode(text_, i);
      const Kind kind = classify(cp.value);
      if (is_word_kind(kind)) {
        last = kind;
        i += cp.size;
        continue;
      }
      if (kind == Kind::punct && i + cp.size < text_.size()) {
        const CodePoint next = decode(text_, i + cp.size);
        const Kind after = classify(next.value);
        if (is_word_kind(after) && is_joiner(cp.value, last, after)) {
          apostrophe_joined = apostrophe_joined || is_apostrophe(cp.value);
          i += cp.size;
          continue;
        }
      }
      break;
    }
    std::size_t end = i;
    // Possessive and contraction endings are tokens of their own, as in CoNLL.
    std::size_t split = end;
    const std::string_view run = text_.substr(begin, end - begin);
    auto ends_with_ci = [&](std::string_view suffix_ascii, std::size_t apostrophe_size) {
      const std::size_t size = suffix_ascii.size() + apostrophe_size - 1;
      if (run.size() <= size) return false;
      const std::string_view tail = run.substr(run.size() - size);
      const std::string_view letters = tail.substr(apostrophe_size);
      for (std::size_t k = 0; k < letters.size(); ++k) {
        char ch = letters[k];
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (ch != suffix_ascii[k + 1]) return false;
      }
      const CodePoint a = decode(tail, 0);
      return a.size == apostrophe_size && is_apostrophe(a.value);
    };
    // Every ending below has an apostrophe, which can only be inside the run as a joiner.
    // (The test is outside the loops: the compiler does not hoist it.)
    if (apostrophe_joined) {
      for (const std::string_view suffix : {std::string_view("'s"), std::string_view("'re"),
                                            std::string_view("'ve"), std::string_view("'ll"),
                                            std::string_view("'d"), std::string_view("'m")}) {
        for (const std::size_t apostrophe : {std::size_t{1}, std::size_t{3}}) {
          if (split == end && ends_with_ci(suffix, apostrophe))
            split = end - (suffix.size() - 1 + apostrophe);
        }
      }
    }
    if (apostrophe_joined && split == end) {
      // n't: "don't" -> "do" "n't".
      for (const std::size_t apostrophe : {std::size_t{1}, std::size_t{3}}) {
        const std::size_t size = apostrophe + 2;
        if (split == end && run.size() > size + 1) {
          const std::string_view tail = run.substr(run.size() - size);
          const char n = tail[0];
          const CodePoint a = decode(tail, 1);
          if ((n == 'n' || n == 'N') && a.size == apostrophe && is_apostrophe(a.value) &&
              (tail.back() == 't' || tail.back() == 'T'))
            split = end - size;
        }
      }
    }
    // A trailing apostrophe after s (plural possessive: "workers'") is split too.
    if (split == end && end < text_.size() && text_[end] == '\'' && end > begin &&
        (text_[end - 1] == 's' || text_[end - 1] == 'S')) {
      push(begin, end);
      push(end, end + 1);
      return end + 1;
    }
    // A period right after the word: kept for abbreviations, else a token of its own.
    if (split == end && end < text_.size() && text_[end] == '.' &&
        keeps_period(text_.substr(begin, end - begin))) {
      const bool more_dots = end + 1 < text_.size() && text_[end + 1] == '.';
      if (!more_dots) {
        push(begin, end + 1);
        return end + 1;
      }
    }
    push(begin, split);
    if (split != end) push(split, end);
    return end;
  }

  std::size_t punctuation(std::size_t begin, CodePoint cp) {
    std::size_t end = begin + cp.size;
    const char32_t c = cp.value;
    // Runs of the same mark are one token: "...", "--", "!!".
    while (end < text_.size()) {
      const CodePoint next = decode(text_, end);
      if (next.value != c || next.size != cp.size) break;
      end += next.size;
    }
    const bool sentence_mark = c == '.' || c == '!' || c == '?';
    const bool closer = c == '"' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == '\'';
    // ."  or .)  ends the sentence after the closer.
    push(begin, end, closer && pending_end_);
    if (sentence_mark) pending_end_ = true;
    return end;
  }

  std::string_view text_;
  std::vector<RawSentence> sentences_;
  RawSentence current_;
  bool pending_end_ = false;
};

}  // namespace

std::vector<RawSentence> tokenize_text(std::string_view text) { return Splitter(text).run(); }

}  // namespace newsdex::ner
