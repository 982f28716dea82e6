#include "common/entities/entity_tokenizer.hpp"

#include <xapian.h>

#include <array>

#include "common/entities/lexicon.hpp"
#include "common/utf8.hpp"

namespace newsdex::entity_detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Small word lists that are grammar rather than facts.

// Words inside names that stay part of a person's or organization's name.
constexpr std::string_view kParticles[] = {
    "von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "do", "bin",
    "ibn", "al", "el", "la", "le", "ter", "ten", "zu", "y", "dei", "degli", "bint", "abu"};
// Words that may join two capitalized parts of one name ("Bank of England", "Bosnia and
// Herzegovina") but split unknown names ("Smith and Jones").
constexpr std::string_view kJoiners[] = {"of", "and", "&", "for", "the", "on",
                                                     "in", "to", "upon", "at"};
constexpr std::size_t kLongestConnective = 5;
static_assert(std::all_of(std::begin(kParticles), std::end(kParticles),
                          [](std::string_view w) { return w.size() <= kLongestConnective; }) &&
              std::all_of(std::begin(kJoiners), std::end(kJoiners),
                          [](std::string_view w) { return w.size() <= kLongestConnective; }));
// The connective kind of a folded key: one probe of a small open-addressing table of the words
// above packed into integers, instead of comparing the key with 37 strings.
class Connectives {
 public:
  Connectives() {
    // Particles first: a word on both lists is a particle, as the lists were once scanned.
    for (const std::string_view w : kParticles) insert(w, Conn::particle);
    for (const std::string_view w : kJoiners) insert(w, Conn::joiner);
  }
  [[nodiscard]] Conn find(std::string_view key) const {
    if (key.empty() || key.size() > kLongestConnective) return Conn::none;
    const std::uint64_t packed = pack(key);
    for (std::size_t slot = index(packed);; slot = (slot + 1) % kSlots) {
      if (keys_[slot] == packed) return values_[slot];
      if (keys_[slot] == 0) return Conn::none;
    }
  }

 private:
  static constexpr std::size_t kSlots = 128;  // a power of two, over three times the words
  // The bytes and the size: distinct for distinct words of at most 7 bytes, never 0.
  static std::uint64_t pack(std::string_view word) {
    std::uint64_t packed = std::uint64_t{word.size()} << 56U;
    for (std::size_t i = 0; i < word.size(); ++i)
      packed |= std::uint64_t{static_cast<unsigned char>(word[i])} << (8U * i);
    return packed;
  }
  static std::size_t index(std::uint64_t packed) {
    return static_cast<std::size_t>((packed * 0x9E3779B97F4A7C15ULL) >> 57U);
  }
  void insert(std::string_view word, Conn conn) {
    const std::uint64_t packed = pack(word);
    std::size_t slot = index(packed);
    while (keys_[slot] != 0 && keys_[slot] != packed) slot = (slot + 1) % kSlots;
    if (keys_[slot] == packed) return;
    keys_[slot] = packed;
    values_[slot] = conn;
  }
  std::array<std::uint64_t, kSlots> keys_{};
  std::array<Conn, kSlots> values_{};
};

const Connectives kConnectives;

// Words that end a sentence only when not followed by a name: "Mr.", "Gen.", "Jan.", "Inc.".
constexpr std::string_view kAbbreviations[] = {
    "mr",   "mrs",  "ms",   "dr",   "st",   "jr",  "sr",  "gen",  "sen",  "rep", "gov", "lt",
    "col",  "sgt",  "capt", "prof", "adm",  "maj", "cmdr", "rev", "hon",  "pres", "supt", "insp",
    "det",  "brig", "inc",  "corp", "co",   "ltd", "no",  "vs",   "mt",   "ft",  "fr",  "mme",
    "jan",  "feb",  "mar",  "apr",  "jun",  "jul", "aug", "sep",  "sept", "oct"};
// Lower-case second parts that make a hyphenated word an adjective: "Russian-backed".
constexpr std::string_view kAdjectiveTails[] = {
    "born", "made", "run", "style", "era", "bound", "wide", "centric", "like", "skeptic",
    "sceptic", "proof", "free", "only", "year", "old"};
// Prefixes before a capital that keep a word capitalized: "al-Assad", "d'Ivoire".
constexpr std::string_view kCapPrefixes[] = {
    "al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ul-", "bin-", "ibn-", "d'", "l'",
    "o'", "d\xE2\x80\x99", "l\xE2\x80\x99"};

// ---------------------------------------------------------------------------------------------
// UTF-8 and character classes.

bool is_word(unsigned cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  return cp != 0xFFFD && Xapian::Unicode::is_wordchar(cp);
}

bool is_upper(unsigned cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const auto cat = Xapian::Unicode::get_category(cp);
  return cat == Xapian::Unicode::UPPERCASE_LETTER || cat == Xapian::Unicode::TITLECASE_LETTER;
}

bool is_lower(unsigned cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return Xapian::Unicode::get_category(cp) == Xapian::Unicode::LOWERCASE_LETTER;
}

bool is_letter(unsigned cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  switch (Xapian::Unicode::get_category(cp)) {
    case Xapian::Unicode::UPPERCASE_LETTER:
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

// Every entry of kCapPrefixes has '-', '\'' or the lead byte of ’ at byte 1, 2 or 3: a word
// without one there skips the comparisons.
bool may_have_cap_prefix(std::string_view word) {
  for (std::size_t k = 1; k < 4 && k < word.size(); ++k) {
    if (word[k] == '-' || word[k] == '\'' || word[k] == '\xE2') return true;
  }
  return false;
}

bool is_apostrophe(unsigned cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
bool is_hyphen(unsigned cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

}  // namespace

void TokenStream::push_mark(Tok type, std::string_view text) {
  if (type == Tok::end && !tokens_.empty() && tokens_.back().type == Tok::end) return;
  Token t;
  t.type = type;
  t.text = text;
  t.key_begin = static_cast<std::uint32_t>(keys_.size());
  tokens_.push_back(t);
}

// Is the newline at text[at] (next character at text[next]) a wrap inside a paragraph? Text
// runs on both sides of it, and the line before is as long as wrapped copy's lines: bylines,
// datelines and headlines are short lines of their own, and indented or blank lines start
// paragraphs and tables.
bool soft_wrap(std::string_view text, std::size_t at, std::size_t next) {
  constexpr std::size_t kMinWrappedLine = 40;
  std::size_t before = at;
  while (before > 0 && text[before - 1] == '\r') --before;
  if (before == 0 || next >= text.size()) return false;
  const std::size_t line_start = text.rfind('\n', before - 1);
  const std::size_t line_length =
      before - (line_start == std::string_view::npos ? 0 : line_start + 1);
  if (line_length < kMinWrappedLine) return false;
  const char prev = text[before - 1];
  const char following = text[next];
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return !space(prev) && !space(following);
}

std::string unwrap_lines(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\n' && soft_wrap(text, i, i + 1)) out[i] = ' ';
  }
  return out;
}

void TokenStream::tokenize(std::string_view text, bool is_title) {
  push_mark(Tok::end);
  bool sentence_start = true;
  std::size_t line_first = tokens_.size();
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t len = 1;
    const unsigned cp = decode_utf8(text, i, len, 0xFFFD);
    if (is_word(cp)) {
      i = word(text, i, sentence_start);
      sentence_start = false;
      continue;
    }
    i += len;
    if (cp == '\n' && !is_title && soft_wrap(text, i - len, i)) {
      // Hard-wrapped wire copy: "Robin\nLeigh-Pemberton" is one name on one line.
    } else if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
      finish_line(line_first, is_title);
      push_mark(Tok::end);
      line_first = tokens_.size();
      sentence_start = true;
    } else if (cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xA0 ||
               (cp >= 0x80 && Xapian::Unicode::is_whitespace(cp))) {
      // nothing
    } else if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) {
      push_mark(Tok::end);
      sentence_start = true;
    } else if (cp == '(' || cp == '[' || cp == '{') {
      push_mark(Tok::open);
    } else if (cp == ')' || cp == ']' || cp == '}') {
      push_mark(Tok::close);
    } else if (cp == '&') {
      Token t;
      t.text = text.substr(i - 1, 1);
      t.key_begin = static_cast<std::uint32_t>(keys_.size());
      keys_.push_back('&');
      t.key_size = 1;
      t.conn = Conn::joiner;
      tokens_.push_back(t);
    } else {
      // The mark keeps its character: a comma opens an apposition ("Jane Doe, president of").
      push_mark(Tok::brk, text.substr(i - len, len));
    }
  }
  finish_line(line_first, is_title);
  push_mark(Tok::end);
}

// Reads one word starting at text[b]; returns the position after it.
std::size_t TokenStream::word(std::string_view text, std::size_t b, bool sentence_start) {
  const std::size_t n = text.size();
  std::size_t j = b;
  bool has_dot = false;
  while (j < n) {
    std::size_t l1 = 1;
    const unsigned c1 = decode_utf8(text, j, l1, 0xFFFD);
    if (is_word(c1)) {
      j += l1;
      continue;
    }
    const bool joiner = is_apostrophe(c1) || is_hyphen(c1) || c1 == '&' || c1 == '.';
    if (joiner && j + l1 < n) {
      std::size_t l2 = 1;
      const unsigned c2 = decode_utf8(text, j + l1, l2, 0xFFFD);
      if (c1 == '.' ? is_letter(c2) : is_word(c2)) {
        has_dot = has_dot || c1 == '.';
        j += l1 + l2;
        continue;
      }
    }
    break;
  }
  std::string_view surface = text.substr(b, j - b);
  // A closing dot that belongs to the word: "U.S.", "W.", "Mr.", "Jan.".
  if (j < n && text[j] == '.') {
    bool keep = has_dot;
    if (!keep) {
      std::size_t l = 1;
      const unsigned c = decode_utf8(surface, 0, l, 0xFFFD);
      if (l == surface.size() && is_upper(c)) keep = true;
    }
    if (!keep && surface.size() <= 5) {
      std::string lower;
      for (char ch : surface) lower.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
      keep = in(kAbbreviations, lower);
    }
    if (keep) {
      ++j;
      surface = text.substr(b, j - b);
    }
  }
  Token t;
  t.sentence_initial = sentence_start;
  // Possessive: "Putin's", "Putin’s", "PUTIN'S".
  if (!surface.empty() && (surface.back() == 's' || surface.back() == 'S')) {
    for (std::string_view suffix : {std::string_view("'s"), std::string_view("'S"),
                                    std::string_view("\xE2\x80\x99s"),
                                    std::string_view("\xE2\x80\x99S")}) {
      if (surface.size() > suffix.size() &&
          surface.substr(surface.size() - suffix.size()) == suffix) {
        surface.remove_suffix(suffix.size());
        t.stop_after = true;
        break;
      }
    }
  }
  // Letters and case.
  bool any_lower = false;
  bool any_upper = false;
  unsigned letters = 0;
  bool first_upper = false;
  bool first_seen = false;
  for (std::size_t k = 0; k < surface.size();) {
    std::size_t l = 1;
    const unsigned c = decode_utf8(surface, k, l, 0xFFFD);
    k += l;
    if (!is_letter(c)) continue;
    if (!first_seen) {
      first_seen = true;
      first_upper = is_upper(c) && k == l;  // the word's very first character
    }
    ++letters;
    if (is_lower(c)) any_lower = true;
    if (is_upper(c)) any_upper = true;
  }
  t.letters = static_cast<std::uint8_t>(std::min(letters, 255U));
  t.all_caps = any_upper && !any_lower;
  t.cap = first_upper;
  if (!t.cap && may_have_cap_prefix(surface)) {
    for (std::string_view prefix : kCapPrefixes) {
      if (surface.size() > prefix.size() && surface.substr(0, prefix.size()) == prefix) {
        std::size_t l = 1;
        if (is_upper(decode_utf8(surface, prefix.size(), l, 0xFFFD))) t.cap = true;
        break;
      }
    }
  }
  // "Russian-backed", "Moscow-based": keep the name, end the sequence.
  if (t.cap) {
    const auto hyphen = surface.rfind('-');
    if (hyphen != std::string_view::npos && hyphen > 0 && hyphen + 1 < surface.size()) {
      const std::string_view tail = surface.substr(hyphen + 1);
      std::size_t l = 1;
      if (is_lower(decode_utf8(tail, 0, l, 0xFFFD))) {
        const bool adjective = in(kAdjectiveTails, tail) ||
                               (tail.size() > 3 && (tail.substr(tail.size() - 2) == "ed" ||
                                                    tail.substr(tail.size() - 3) == "ing"));
        if (adjective) {
          surface = surface.substr(0, hyphen);
          t.stop_after = true;
        }
      }
    }
  }
  t.text = surface;
  t.key_begin = static_cast<std::uint32_t>(keys_.size());
  Lexicon::fold(surface, keys_);
  t.key_size = static_cast<std::uint32_t>(keys_.size() - t.key_begin);
  const std::string_view k = std::string_view(keys_).substr(t.key_begin, t.key_size);
  t.conn = kConnectives.find(k);
  tokens_.push_back(t);
  return j;
}

bool TokenStream::seen_lowercase(std::string_view k) const {
  const auto hash = &Lexicon::key_hash;
  if (!lower_built_) {
    lower_built_ = true;
    std::size_t capacity = 16;
    while (capacity < tokens_.size() * 2) capacity *= 2;
    lower_.assign(capacity, LowerSlot{});
    lower_mask_ = capacity - 1;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      if (t.type != Tok::word || t.cap || t.letters == 0) continue;
      const std::uint64_t h = hash(key(i));
      std::size_t slot = static_cast<std::size_t>(h) & lower_mask_;
      while (lower_[slot].token != 0 && !(lower_[slot].hash == h && key(lower_[slot].token - 1) == key(i)))
        slot = (slot + 1) & lower_mask_;
      if (lower_[slot].token == 0) lower_[slot] = LowerSlot{h, static_cast<std::uint32_t>(i + 1)};
    }
  }
  const std::uint64_t h = hash(k);
  for (std::size_t slot = static_cast<std::size_t>(h) & lower_mask_;; slot = (slot + 1) & lower_mask_) {
    const LowerSlot& s = lower_[slot];
    if (s.token == 0) return false;
    if (s.hash == h && key(s.token - 1) == k) return true;
  }
}

// Marks an all-caps line (or a Title Case title) as a headline.
void TokenStream::finish_line(std::size_t first, bool is_title) {
  std::size_t multi = 0;
  std::size_t caps = 0;
  std::size_t longw = 0;
  std::size_t long_cap = 0;
  for (std::size_t i = first; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.type != Tok::word || t.letters < 2) continue;
    ++multi;
    if (t.all_caps) ++caps;
    if (t.letters >= 4) {
      ++longw;
      if (t.cap) ++long_cap;
    }
  }
  mark_credits(first);
  Mode mode = Mode::normal;
  if (multi >= 3 && caps * 10 >= multi * 7) {
    mode = Mode::all_caps;
  } else if (is_title && longw >= 3 && long_cap * 5 >= longw * 4) {
    mode = Mode::title_case;
  }
  if (mode == Mode::normal) return;
  for (std::size_t i = first; i < tokens_.size(); ++i) {
    Token& t = tokens_[i];
    t.mode = mode;
    t.sentence_initial = false;
    if (mode == Mode::all_caps && t.type == Tok::word && t.letters > 0) t.cap = true;
  }
}

// Journalists' credits are not part of the news: "Reporting by Jane Doe; Editing by Tom Lee"
// (to the end of the line or sentence), and short byline lines "By Jane Doe".
void TokenStream::mark_credits(std::size_t first) {
  std::size_t words = 0;
  std::size_t first_word = tokens_.size();
  for (std::size_t i = first; i < tokens_.size(); ++i) {
    if (tokens_[i].type != Tok::word) continue;
    if (first_word == tokens_.size()) first_word = i;
    ++words;
  }
  if (first_word < tokens_.size() && words <= 8 && key(first_word) == "by") {
    for (std::size_t i = first_word; i < tokens_.size(); ++i) tokens_[i].credit = true;
    return;
  }
  bool credit = false;
  for (std::size_t i = first; i < tokens_.size(); ++i) {
    Token& t = tokens_[i];
    if (t.type == Tok::end) credit = false;
    if (!credit && t.type == Tok::word && i + 1 < tokens_.size() && key(i + 1) == "by") {
      const std::string_view k = key(i);
      credit = k == "reporting" || k == "editing" || k == "writing" || k == "compiled" ||
               k == "additional" || k == "graphics" || k == "photography";
    }
    t.credit = t.credit || credit;
  }
}

}  // namespace newsdex::entity_detail
