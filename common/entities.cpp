#include "common/entities.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace newsdex {
namespace {

using Entry = Lexicon::Entry;

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
// Words that end a sentence only when not followed by a name: "Mr.", "Gen.", "Jan.", "Inc.".
constexpr std::string_view kAbbreviations[] = {
    "mr",   "mrs",  "ms",   "dr",   "st",   "jr",  "sr",  "gen",  "sen",  "rep", "gov", "lt",
    "col",  "sgt",  "capt", "prof", "adm",  "maj", "cmdr", "rev", "hon",  "pres", "supt", "insp",
    "det",  "brig", "inc",  "corp", "co",   "ltd", "no",  "vs",   "mt",   "ft",  "fr",  "mme",
    "jan",  "feb",  "mar",  "apr",  "jun",  "jul", "aug", "sep",  "sept", "oct"};
// Reporting verbs: "Smith said", "said Smith".
constexpr std::string_view kSpeechVerbs[] = {
    "said",    "says",      "told",     "added",    "wrote",    "warned",  "stated",  "noted",
    "argued",  "insisted",  "explained", "replied", "tweeted",  "posted",  "announced",
    "declared", "confirmed", "denied",  "acknowledged", "urged", "tells", "adds"};
// Lower-case second parts that make a hyphenated word an adjective: "Russian-backed".
constexpr std::string_view kAdjectiveTails[] = {
    "born", "made", "run", "style", "era", "bound", "wide", "centric", "like", "skeptic",
    "sceptic", "proof", "free", "only", "year", "old"};
// Prefixes before a capital that keep a word capitalized: "al-Assad", "d'Ivoire".
constexpr std::string_view kCapPrefixes[] = {
    "al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ul-", "bin-", "ibn-", "d'", "l'",
    "o'", "d\xE2\x80\x99", "l\xE2\x80\x99"};

template <std::size_t N>
bool in(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// ---------------------------------------------------------------------------------------------
// UTF-8 and character classes.

unsigned decode(std::string_view text, std::size_t i, std::size_t& length) {
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
    return 0xFFFD;
  }
  if (i + n >= text.size()) return 0xFFFD;
  for (std::size_t k = 1; k <= n; ++k) {
    const unsigned b = byte(i + k);
    if ((b & 0xC0U) != 0x80U) return 0xFFFD;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  length = n + 1;
  return cp;
}

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

bool is_apostrophe(unsigned cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
bool is_hyphen(unsigned cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

// ---------------------------------------------------------------------------------------------
// Tokens.

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

enum class Seg : std::uint8_t { run, person, org, place, title, demonym, not_name, joiner, gone };

struct Segment {
  std::size_t b = 0;
  std::size_t e = 0;
  Seg type = Seg::run;
  std::int32_t canon = -1;  // lexicon name index for person/org/place
  bool org_head = false;
  std::ptrdiff_t mention = -1;  // index of the mention emitted for it
};

enum Strength : std::uint8_t { candidate = 0, weak = 1, cued = 2, strong = 3 };

struct Mention {
  EntityKind kind = EntityKind::person;
  Strength strength = candidate;
  std::string display;
  std::string key;
  std::string first_key;
  std::string last_key;
  std::size_t pos = 0;
  std::size_t words = 0;
  bool sentence_initial = false;
  bool from_lexicon = false;
  std::int32_t target = -1;  // resolved: index of the mention this one stands for
  bool dropped = false;
};

class Article {
 public:
  explicit Article(const Lexicon& lexicon) : lex_(lexicon) {}

  Entities run(std::string_view title, std::string_view body) {
    tokens_.reserve((title.size() + body.size()) / 5 + 8);
    keys_.reserve(title.size() + body.size() + 16);
    tokenize(title, true);
    tokenize(body, false);
    scan();
    return resolve();
  }

 private:
  // ------------------------------------------------------------------------- tokenizing
  std::string_view key(std::size_t i) const {
    return std::string_view(keys_).substr(tokens_[i].key_begin, tokens_[i].key_size);
  }

  void push_mark(Tok type) {
    if (type == Tok::end && !tokens_.empty() && tokens_.back().type == Tok::end) return;
    Token t;
    t.type = type;
    t.key_begin = static_cast<std::uint32_t>(keys_.size());
    tokens_.push_back(t);
  }

  void tokenize(std::string_view text, bool is_title) {
    push_mark(Tok::end);
    bool sentence_start = true;
    std::size_t line_first = tokens_.size();
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
      std::size_t len = 1;
      const unsigned cp = decode(text, i, len);
      if (is_word(cp)) {
        i = word(text, i, sentence_start);
        sentence_start = false;
        continue;
      }
      i += len;
      if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
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
        push_mark(Tok::brk);
      }
    }
    finish_line(line_first, is_title);
    push_mark(Tok::end);
  }

  // Reads one word starting at text[b]; returns the position after it.
  std::size_t word(std::string_view text, std::size_t b, bool sentence_start) {
    const std::size_t n = text.size();
    std::size_t j = b;
    bool has_dot = false;
    while (j < n) {
      std::size_t l1 = 1;
      const unsigned c1 = decode(text, j, l1);
      if (is_word(c1)) {
        j += l1;
        continue;
      }
      const bool joiner = is_apostrophe(c1) || is_hyphen(c1) || c1 == '&' || c1 == '.';
      if (joiner && j + l1 < n) {
        std::size_t l2 = 1;
        const unsigned c2 = decode(text, j + l1, l2);
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
        const unsigned c = decode(surface, 0, l);
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
    for (std::string_view suffix : {std::string_view("'s"), std::string_view("'S"),
                                    std::string_view("\xE2\x80\x99s"),
                                    std::string_view("\xE2\x80\x99S")}) {
      if (surface.size() > suffix.size() && surface.substr(surface.size() - suffix.size()) == suffix) {
        surface.remove_suffix(suffix.size());
        t.stop_after = true;
        break;
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
      const unsigned c = decode(surface, k, l);
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
    if (!t.cap) {
      for (std::string_view prefix : kCapPrefixes) {
        if (surface.size() > prefix.size() && surface.substr(0, prefix.size()) == prefix) {
          std::size_t l = 1;
          if (is_upper(decode(surface, prefix.size(), l))) t.cap = true;
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
        if (is_lower(decode(tail, 0, l))) {
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
    if (in(kParticles, k)) {
      t.conn = Conn::particle;
    } else if (in(kJoiners, k)) {
      t.conn = Conn::joiner;
    }
    tokens_.push_back(t);
    return j;
  }

  // Marks an all-caps line (or a Title Case title) as a headline.
  void finish_line(std::size_t first, bool is_title) {
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
  void mark_credits(std::size_t first) {
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

  // ------------------------------------------------------------------------- lexicon matching
  bool is_conn(std::size_t i) const {
    const Token& t = tokens_[i];
    return t.conn != Conn::none && (!t.cap || t.mode == Mode::all_caps);
  }

  // Entry of the phrase tokens_[i, i+len), or nullptr.
  const Entry* phrase(std::size_t i, std::size_t len) {
    if (len == 1) return lex_.find(key(i));
    scratch_.clear();
    for (std::size_t k = i; k < i + len; ++k) {
      if (k > i) scratch_.push_back(' ');
      scratch_.append(key(k));
    }
    return lex_.find(scratch_);
  }

  bool all_caps(std::size_t i, std::size_t len) const {
    for (std::size_t k = i; k < i + len; ++k) {
      if (!tokens_[k].all_caps && !is_conn(k)) return false;
    }
    return true;
  }

  bool role_ok(const Entry& e, Lexicon::Role role, std::size_t i, std::size_t len) const {
    if ((e.caps_only & (1U << role)) == 0) return true;
    if (!all_caps(i, len)) return false;
    // In an all-caps headline "WHO" is as likely the pronoun as the organization.
    return !(tokens_[i].mode == Mode::all_caps && (e.flags & Lexicon::not_name) != 0);
  }

  std::size_t max_words(std::size_t i, std::size_t e) const {
    const Entry* first = lex_.find(key(i));
    const std::size_t m = first == nullptr ? 1 : std::max<std::size_t>(1, first->max_words);
    return std::min(m, e - i);
  }

  // Length of a title (with modifiers) starting at i, or 0.
  std::size_t title_length(std::size_t i, std::size_t e, int depth) {
    if (i >= e || is_conn(i)) return 0;
    std::size_t best = 0;
    const std::size_t m = max_words(i, e);
    for (std::size_t len = 1; len <= m; ++len) {
      if (is_conn(i + len - 1)) continue;
      const Entry* entry = phrase(i, len);
      if (entry == nullptr) continue;
      const std::uint16_t flags = entry->flags;
      if ((flags & Lexicon::title) != 0 && role_ok(*entry, Lexicon::role_title, i, len)) {
        best = std::max(best, len);
      }
      if ((flags & Lexicon::title_modifier) != 0 && depth < 4) {
        const std::size_t rest = title_length(i + len, e, depth + 1);
        if (rest > 0) best = std::max(best, len + rest);
      }
    }
    return best;
  }

  struct Match {
    std::size_t len = 0;
    Seg type = Seg::run;
    std::int32_t canon = -1;
  };

  // Longest lexicon match at i within [i, e).
  Match match(std::size_t i, std::size_t s, std::size_t e) {
    Match best;
    const std::size_t m = max_words(i, e);
    for (std::size_t len = m; len >= 1; --len) {
      if (is_conn(i + len - 1)) continue;
      const Entry* entry = phrase(i, len);
      if (entry == nullptr) continue;
      if (entry->person >= 0 && role_ok(*entry, Lexicon::role_person, i, len)) {
        best = {len, Seg::person, entry->person};
      } else if (entry->organization >= 0 && role_ok(*entry, Lexicon::role_organization, i, len)) {
        best = {len, Seg::org, entry->organization};
      } else if (entry->place >= 0 && role_ok(*entry, Lexicon::role_place, i, len)) {
        best = {len, Seg::place, entry->place};
      } else if ((entry->flags & Lexicon::demonym) != 0) {
        best = {len, Seg::demonym, -1};
      } else if ((entry->flags & Lexicon::not_name) != 0 ||
                 ((entry->flags & Lexicon::common_word) != 0 &&
                  (i == s || tokens_[i].sentence_initial))) {
        best = {len, Seg::not_name, -1};
      } else {
        continue;
      }
      break;
    }
    const std::size_t t = title_length(i, e, 0);
    if (t > best.len || (t > 0 && t == best.len &&
                         (best.type == Seg::demonym || best.type == Seg::not_name))) {
      best = {t, Seg::title, -1};
    }
    return best;
  }

  bool flag(std::size_t i, Lexicon::Flag f) const { return lex_.has(key(i), f); }

  // Is token i the start of some lexicon name (so "Charlotte Smith" is a person but
  // "Jordan Valley" is not read as one)?
  bool starts_known(std::size_t i) const {
    const Entry* entry = lex_.find(key(i));
    return entry != nullptr && (entry->person >= 0 || entry->organization >= 0 ||
                                entry->place >= 0 || entry->max_words > 1 ||
                                (entry->flags & (Lexicon::title | Lexicon::not_name |
                                                 Lexicon::demonym)) != 0);
  }

  // ------------------------------------------------------------------------- sequences
  void scan() {
    const std::size_t n = tokens_.size();
    std::size_t i = 0;
    while (i < n) {
      const Token& t = tokens_[i];
      if (t.type != Tok::word || !t.cap || is_conn(i) || t.credit) {
        ++i;
        continue;
      }
      std::size_t e = i + 1;
      bool stop = t.stop_after;
      while (!stop && e < n) {
        if (tokens_[e].type != Tok::word || tokens_[e].credit) break;
        if (tokens_[e].cap && !is_conn(e)) {
          stop = tokens_[e].stop_after;
          ++e;
          continue;
        }
        // Connectors are taken only when a capitalized word follows.
        std::size_t k = e;
        while (k < n && k < e + 3 && tokens_[k].type == Tok::word && is_conn(k)) ++k;
        if (k > e && k < n && tokens_[k].type == Tok::word && tokens_[k].cap && !is_conn(k)) {
          e = k;
          continue;
        }
        break;
      }
      sequence(i, e);
      i = e;
    }
  }

  void close_run(std::ptrdiff_t& run, std::size_t end) {
    if (run < 0) return;
    auto b = static_cast<std::size_t>(run);
    run = -1;
    while (end > b && is_conn(end - 1)) --end;
    if (end > b) segs_.push_back({b, end, Seg::run, -1, false, -1});
  }

  void sequence(std::size_t s, std::size_t e) {
    segs_.clear();
    std::ptrdiff_t run = -1;
    std::size_t i = s;
    while (i < e) {
      if (is_conn(i)) {
        if (tokens_[i].conn == Conn::particle && run >= 0) {
          ++i;
          continue;
        }
        close_run(run, i);
        segs_.push_back({i, i + 1, Seg::joiner, -1, false, -1});
        ++i;
        continue;
      }
      Match m = match(i, s, e);
      if (m.len == 1 && (m.type == Seg::person || m.type == Seg::org || m.type == Seg::place)) {
        // "Eric Trump", "George Washington": a one-word name after a first name is a surname.
        if (run >= 0 && flag(static_cast<std::size_t>(run), Lexicon::given_name)) m.len = 0;
        // "Charlotte Smith": a given name that is also a place starts a person.
        if (m.len == 1 && m.type != Seg::person && flag(i, Lexicon::given_name) && i + 1 < e &&
            !is_conn(i + 1) && !starts_known(i + 1)) {
          m.len = 0;
        }
      }
      if (m.len > 0) {
        close_run(run, i);
        segs_.push_back({i, i + m.len, m.type, m.canon, false, -1});
        i += m.len;
        continue;
      }
      if (run < 0) run = static_cast<std::ptrdiff_t>(i);
      ++i;
    }
    close_run(run, e);
    merge_organizations();
    for (std::size_t k = 0; k < segs_.size(); ++k) emit(k, s, e);
    acronym(s, e);
  }

  // "Ministry of Defence", "Bank of England", "Russian Foreign Ministry".
  void merge_organizations() {
    for (std::size_t k = 0; k < segs_.size(); ++k) {
      Segment& seg = segs_[k];
      if (seg.type != Seg::run || tokens_[seg.b].mode != Mode::normal) continue;
      if (!flag(seg.e - 1, Lexicon::org_head) || tokens_[seg.e - 1].all_caps) continue;
      std::size_t next = k + 1;
      while (true) {
        std::size_t j = next;
        bool joinable = true;
        while (j < segs_.size() && segs_[j].type == Seg::joiner) {
          const std::string_view word = key(segs_[j].b);
          joinable = joinable && (word == "of" || word == "for" || word == "on" || word == "to" ||
                                  word == "in" || (word == "the" && j > next));
          ++j;
        }
        if (!joinable || j == next || j >= segs_.size()) break;
        const Seg type = segs_[j].type;
        if (type != Seg::run && type != Seg::place && type != Seg::org) break;
        seg.e = segs_[j].e;
        for (std::size_t g = next; g <= j; ++g) segs_[g].type = Seg::gone;
        next = j + 1;
      }
      if (k > 0 && segs_[k - 1].e == seg.b &&
          (segs_[k - 1].type == Seg::place || segs_[k - 1].type == Seg::demonym)) {
        seg.b = segs_[k - 1].b;
        segs_[k - 1].type = Seg::gone;
      }
      std::size_t words = 0;
      for (std::size_t i = seg.b; i < seg.e; ++i) words += is_conn(i) ? 0 : 1;
      seg.org_head = words >= 2;
    }
  }

  std::string display(std::size_t b, std::size_t e) const {
    std::string out;
    for (std::size_t i = b; i < e; ++i) {
      if (i > b) out.push_back(' ');
      out.append(tokens_[i].text);
    }
    return out;
  }

  bool speech_verb(std::size_t i) const {
    return i < tokens_.size() && tokens_[i].type == Tok::word && !tokens_[i].cap &&
           in(kSpeechVerbs, key(i));
  }

  // Lower-case title words right before the sequence: "spokesman Dmitry Peskov".
  bool title_before(std::size_t s) {
    for (std::size_t len = 1; len <= 3 && len <= s; ++len) {
      const std::size_t b = s - len;
      const Token& t = tokens_[b];
      if (t.type != Tok::word || (t.cap && t.mode == Mode::normal) || t.stop_after) return false;
      const Entry* entry = phrase(b, len);
      if (entry != nullptr && (entry->flags & Lexicon::title) != 0 &&
          (entry->caps_only & (1U << Lexicon::role_title)) == 0) {
        return true;
      }
    }
    return false;
  }

  std::size_t add(EntityKind kind, Strength strength, std::string name, std::size_t b,
                  std::size_t e, bool from_lexicon) {
    Mention m;
    m.kind = kind;
    m.strength = strength;
    m.display = std::move(name);
    m.key = Lexicon::fold(m.display);
    const auto sp1 = m.key.find(' ');
    const auto sp2 = m.key.rfind(' ');
    m.first_key = m.key.substr(0, sp1);
    m.last_key = sp2 == std::string::npos ? m.key : m.key.substr(sp2 + 1);
    m.words = static_cast<std::size_t>(std::count(m.key.begin(), m.key.end(), ' ')) + 1;
    m.pos = b;
    m.sentence_initial = tokens_[b].sentence_initial;
    m.from_lexicon = from_lexicon;
    (void)e;
    mentions_.push_back(std::move(m));
    return mentions_.size() - 1;
  }

  void emit(std::size_t k, std::size_t s, std::size_t e) {
    Segment& seg = segs_[k];
    switch (seg.type) {
      case Seg::person:
        seg.mention = static_cast<std::ptrdiff_t>(
            add(EntityKind::person, strong, std::string(lex_.name(seg.canon)), seg.b, seg.e, true));
        return;
      case Seg::org:
        seg.mention = static_cast<std::ptrdiff_t>(add(EntityKind::organization, strong,
                                                       std::string(lex_.name(seg.canon)), seg.b,
                                                       seg.e, true));
        return;
      case Seg::place:
        seg.mention = static_cast<std::ptrdiff_t>(
            add(EntityKind::place, strong, std::string(lex_.name(seg.canon)), seg.b, seg.e, true));
        return;
      case Seg::run:
        break;
      default:
        return;
    }
    const Mode mode = tokens_[seg.b].mode;
    std::size_t words = 0;
    for (std::size_t i = seg.b; i < seg.e; ++i) words += is_conn(i) ? 0 : 1;
    if (seg.org_head) {
      seg.mention = static_cast<std::ptrdiff_t>(
          add(EntityKind::organization, cued, display(seg.b, seg.e), seg.b, seg.e, false));
      return;
    }
    // "Russia-Ukraine": known parts of an unknown hyphenated word.
    if (seg.e == seg.b + 1 && tokens_[seg.b].text.find('-') != std::string_view::npos &&
        hyphen_parts(seg.b)) {
      return;
    }
    const bool after_title = k > 0 && segs_[k - 1].type == Seg::title && segs_[k - 1].e == seg.b;
    const bool first = seg.b == s || (k > 0 && std::all_of(segs_.begin(), segs_.begin() +
                                                            static_cast<std::ptrdiff_t>(k),
                                                            [](const Segment& g) {
                                                              return g.type == Seg::gone;
                                                            }));
    const bool last = seg.e == e;
    const bool given = flag(seg.b, Lexicon::given_name);
    Strength strength = candidate;
    if (mode == Mode::normal) {
      const bool single_word = words == 1;
      const Entry* last_entry = lex_.find(key(seg.e - 1));
      const bool known_surname = !single_word && last_entry != nullptr && last_entry->person >= 0;
      if (after_title || (first && title_before(s))) {
        strength = cued;
      } else if ((words >= 2 && given) || known_surname) {
        strength = cued;
      } else if (words <= 3 && ((first && seg.b > 0 && speech_verb(seg.b - 1)) ||
                                (last && speech_verb(e)))) {
        bool common = false;
        for (std::size_t i = seg.b; i < seg.e; ++i) {
          common = common || lex_.has(key(i), static_cast<Lexicon::Flag>(
                                                  Lexicon::org_head | Lexicon::title |
                                                  Lexicon::title_modifier | Lexicon::common_word));
        }
        if (!common && words <= 2) strength = weak;
      }
    } else if (mode == Mode::title_case) {
      if ((after_title && words <= 3) || (words == 2 && given)) strength = cued;
    }
    seg.mention = static_cast<std::ptrdiff_t>(
        add(EntityKind::person, strength, display(seg.b, seg.e), seg.b, seg.e, false));
  }

  bool hyphen_parts(std::size_t i) {
    const std::string_view k = key(i);
    bool any = false;
    std::size_t pos = 0;
    while (pos <= k.size()) {
      auto end = k.find('-', pos);
      if (end == std::string_view::npos) end = k.size();
      const Entry* entry = lex_.find(k.substr(pos, end - pos));
      if (entry != nullptr && (entry->caps_only & 7U) == 0) {
        if (entry->person >= 0) {
          add(EntityKind::person, strong, std::string(lex_.name(entry->person)), i, i + 1, true);
          any = true;
        } else if (entry->organization >= 0) {
          add(EntityKind::organization, strong, std::string(lex_.name(entry->organization)), i,
              i + 1, true);
          any = true;
        } else if (entry->place >= 0) {
          add(EntityKind::place, strong, std::string(lex_.name(entry->place)), i, i + 1, true);
          any = true;
        }
      }
      pos = end + 1;
    }
    return any;
  }

  // "North Atlantic Treaty Organization (NATO)", "Committee to Protect Journalists (CPJ)".
  void acronym(std::size_t s, std::size_t e) {
    if (e + 2 >= tokens_.size()) return;
    const Token& open = tokens_[e];
    const Token& acr = tokens_[e + 1];
    if (open.type != Tok::open || acr.type != Tok::word || !acr.all_caps || acr.letters < 2 ||
        acr.letters > 10 || tokens_[e + 2].type != Tok::close) {
      return;
    }
    // The last segment of the sequence is the expansion.
    std::size_t k = segs_.size();
    while (k > 0 && (segs_[k - 1].type == Seg::gone || segs_[k - 1].type == Seg::joiner)) --k;
    if (k == 0) return;
    const Segment& seg = segs_[k - 1];
    if (seg.e != e || seg.b < s || seg.mention < 0) return;
    if (seg.type != Seg::run && seg.type != Seg::org && seg.type != Seg::place) return;
    Mention& expansion = mentions_[static_cast<std::size_t>(seg.mention)];
    if (!initials_match(seg.b, seg.e, key(e + 1))) {
      // "Zaporizhzhia Nuclear Power Plant (ZNPP)": the expansion starts in an earlier segment.
      if (seg.type != Seg::run || expansion.strength >= cued) return;
      std::size_t start = seg.b;
      for (std::size_t j = k - 1; j > 0 && k - j <= 4; --j) {
        const Segment& prev = segs_[j - 1];
        if (prev.type == Seg::title || prev.type == Seg::person || prev.type == Seg::not_name) {
          break;
        }
        if (prev.type == Seg::gone) continue;
        if (initials_match(prev.b, e, key(e + 1))) {
          start = prev.b;
          break;
        }
      }
      if (start == seg.b) return;
      expansion.display = display(start, e);
      expansion.key = Lexicon::fold(expansion.display);
    }
    const Entry* known = lex_.find(key(e + 1));
    if (expansion.strength < cued) {
      if (known != nullptr && known->organization >= 0) {
        expansion.kind = EntityKind::organization;
        expansion.display = std::string(lex_.name(known->organization));
        expansion.key = Lexicon::fold(expansion.display);
        expansion.strength = strong;
      } else if (known != nullptr && known->place >= 0) {
        expansion.kind = EntityKind::place;
        expansion.display = std::string(lex_.name(known->place));
        expansion.key = Lexicon::fold(expansion.display);
        expansion.strength = strong;
      } else {
        expansion.kind = EntityKind::organization;
        expansion.strength = cued;
      }
    }
    acronyms_.emplace_back(std::string(key(e + 1)), static_cast<std::size_t>(seg.mention));
  }

  bool initials_match(std::size_t b, std::size_t e, std::string_view acr) const {
    std::string initials;
    for (std::size_t i = b; i < e; ++i) {
      const std::string_view k = key(i);
      bool start = true;
      for (char c : k) {
        if (start && c != '-') initials.push_back(c);
        start = c == '-';
      }
    }
    std::string letters;
    for (char c : acr) {
      if (c != '-' && c != '&') letters.push_back(c);
    }
    if (letters.empty() || initials.empty() || letters[0] != initials[0]) return false;
    std::size_t p = 0;
    for (char c : letters) {
      while (p < initials.size() && initials[p] != c) ++p;
      if (p == initials.size()) return false;
      ++p;
    }
    return true;
  }

  // ------------------------------------------------------------------------- resolution
  std::int32_t final_of(std::size_t i) const {
    auto cur = static_cast<std::int32_t>(i);
    for (int guard = 0; guard < 8 && mentions_[static_cast<std::size_t>(cur)].target >= 0; ++guard) {
      cur = mentions_[static_cast<std::size_t>(cur)].target;
    }
    return cur;
  }

  bool seen_lowercase(std::string_view k) {
    if (!lower_built_) {
      lower_built_ = true;
      for (std::size_t i = 0; i < tokens_.size(); ++i) {
        if (tokens_[i].type == Tok::word && !tokens_[i].cap && tokens_[i].letters > 0) {
          lower_.insert(key(i));
        }
      }
    }
    return lower_.count(k) > 0;
  }

  Entities resolve() {
    const std::size_t n = mentions_.size();
    const auto index = [](std::size_t i) { return static_cast<std::int32_t>(i); };
    // Acronyms introduced in parentheses.
    std::unordered_map<std::string_view, std::size_t> acronyms;
    for (const auto& [acr, at] : acronyms_) {
      if (mentions_[at].strength >= cued) acronyms.try_emplace(acr, at);
    }
    // Confirmed mentions by key, full names of persons by surname and by first+last name.
    std::unordered_map<std::string_view, std::size_t> confirmed;
    std::unordered_map<std::string_view, std::size_t> by_surname;
    std::unordered_map<std::string_view, std::size_t> by_first;
    std::unordered_map<std::string, std::size_t> by_first_last;
    for (std::size_t i = 0; i < n; ++i) {
      const Mention& m = mentions_[i];
      if (m.strength < cued) continue;
      confirmed.try_emplace(m.key, i);
      if (m.kind != EntityKind::person || m.words < 2) continue;
      by_surname.try_emplace(m.last_key, i);
      by_first.try_emplace(m.first_key, i);
      auto [it, inserted] = by_first_last.try_emplace(m.first_key + '\t' + m.last_key, i);
      if (!inserted && mentions_[it->second].words < m.words) it->second = i;
    }
    for (std::size_t i = 0; i < n; ++i) {
      Mention& m = mentions_[i];
      if (m.from_lexicon && m.strength >= cued) continue;
      if (!acronyms.empty()) {
        const auto it = acronyms.find(m.key);
        if (it != acronyms.end() && it->second != i) {
          m.target = index(it->second);
          continue;
        }
      }
      if (m.kind != EntityKind::person) continue;
      if (m.words >= 2 && m.strength >= cued) {
        // "John Smith" → "John Michael Smith".
        const auto it = by_first_last.find(m.first_key + '\t' + m.last_key);
        if (it != by_first_last.end() && mentions_[it->second].words > m.words) {
          m.target = index(it->second);
        }
        continue;
      }
      if (m.words == 1) {
        // Surname: the first full name ending with it.
        const auto it = by_surname.find(m.key);
        if (it != by_surname.end()) {
          m.target = index(it->second);
          continue;
        }
        // "Sir Keir" after "Keir Starmer": a lone given name that starts a full name.
        const auto first = by_first.find(m.key);
        if (first != by_first.end() && lex_.has(m.key, Lexicon::given_name)) {
          m.target = index(first->second);
          continue;
        }
      }
      if (m.strength == candidate) {
        // Only what the rest of the article confirms.
        const auto it = confirmed.find(m.key);
        if (it != confirmed.end() && it->second != i) {
          m.target = index(it->second);
        } else {
          m.dropped = true;
        }
      } else if (m.strength == weak) {
        if (m.sentence_initial && seen_lowercase(m.key)) m.dropped = true;
      }
    }
    // Collect in order of first mention.
    Entities out;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
      if (mentions_[i].dropped) continue;
      const Mention& f = mentions_[static_cast<std::size_t>(final_of(i))];
      if (f.dropped) continue;
      std::string id = f.key;
      id.push_back('\t');
      id.push_back(static_cast<char>('0' + static_cast<int>(f.kind)));
      if (!seen.insert(std::move(id)).second) continue;
      switch (f.kind) {
        case EntityKind::person:
          out.persons.push_back(f.display);
          break;
        case EntityKind::organization:
          out.organizations.push_back(f.display);
          break;
        case EntityKind::place:
          out.places.push_back(f.display);
          break;
      }
    }
    return out;
  }

  const Lexicon& lex_;
  std::vector<Token> tokens_;
  std::string keys_;
  std::string scratch_;
  std::vector<Segment> segs_;
  std::vector<Mention> mentions_;
  std::vector<std::pair<std::string, std::size_t>> acronyms_;
  bool lower_built_ = false;
  std::unordered_set<std::string_view> lower_;
};

}  // namespace

EntityExtractor::EntityExtractor(const Lexicon& lexicon) : lexicon_(&lexicon) {}

Entities EntityExtractor::extract(std::string_view title, std::string_view body) const {
  Article article(*lexicon_);
  return article.run(title, body);
}

const EntityExtractor& builtin_entity_extractor() {
  static const EntityExtractor extractor(Lexicon::builtin());
  return extractor;
}

}  // namespace newsdex
