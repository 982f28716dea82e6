// Folding, dotted initials and hyphenated compounds, for indexing and searching alike.
#include "common/analysis.hpp"

#include "common/latin_letters.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"

namespace newsdex {
namespace {

constexpr bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
constexpr bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }

// Whether text[i] text[i + 1] is "ae", "oe" or "ue" written for ä, ö or ü: after a consonant
// (not "gu", "qu": guest, question) and before a consonant that more letters follow, other
// than a doubled last one. A single last consonant (poet, Noel, Michael, fuel) and a doubled
// one (fuell-ing) are English far more often than German in news text.
bool is_umlaut_spelling(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c != 'a' && c != 'o' && c != 'u') return false;
  if (i == 0 || i + 3 >= text.size() || text[i + 1] != 'e') return false;
  const char before = text[i - 1];
  const char after = text[i + 2];
  if (!is_consonant(before) || !is_consonant(after)) return false;
  if (c == 'u' && (before == 'g' || before == 'q')) return false;
  const char next = text[i + 3];
  const bool next_is_letter = is_consonant(next) || is_vowel(next);
  if (!next_is_letter) return false;
  return !(next == after && (i + 4 == text.size() || !is_ascii_letter(text[i + 4])));
}

constexpr bool is_combining_mark(unsigned cp) { return cp >= 0x300 && cp <= 0x36F; }

// The length of a hyphen (ASCII, or U+2010/U+2011) at text[i], or 0.
std::size_t hyphen_length(std::string_view text, std::size_t i) {
  if (text[i] == '-') return 1;
  if (text.substr(i, 2) == "\xE2\x80" && i + 2 < text.size() &&
      (text[i + 2] == '\x90' || text[i + 2] == '\x91')) {
    return 3;
  }
  return 0;
}

// The length of a hyphen at text[i] that joins a compound, or 0.
std::size_t joining_hyphen_length(std::string_view text, std::size_t i) {
  if (i == 0) return 0;
  const std::size_t length = hyphen_length(text, i);
  if (length == 0 || i + length >= text.size()) return 0;
  const char before = text[i - 1];
  const char after = text[i + length];
  if (!is_compound_char(before) || !is_compound_char(after)) return 0;
  if (is_ascii_digit(before) && is_ascii_digit(after)) return 0;
  return length;
}

constexpr char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// The run of dotted single letters starting at text[start] (a letter at a word start): where it
// ends (start when there is none) and whether it has a lower-case letter.
struct InitialsRun {
  std::size_t end = 0;
  bool has_lower = false;
};
InitialsRun dotted_initials(std::string_view text, std::size_t start) {
  std::size_t letters = 0;
  bool has_lower = false;
  std::size_t i = start;
  while (i < text.size() && is_ascii_letter(text[i])) {
    has_lower = has_lower || (text[i] >= 'a' && text[i] <= 'z');
    ++letters;
    ++i;
    if (i + 1 < text.size() && text[i] == '.' && is_ascii_letter(text[i + 1])) {
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == '.') ++i;  // the last dot is optional
    break;
  }
  // Two letters at least, and no letter or digit right after them, as Xapian reads acronyms.
  if (letters < 2 || (i < text.size() && is_compound_char(text[i]))) return {start, false};
  return {i, has_lower};
}

}  // namespace

std::string fold_accents(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out += ascii_lower(text[i]);
      ++i;
      continue;
    }
    std::size_t length = 1;
    const unsigned cp = Xapian::Unicode::tolower(decode_utf8(text, i, length, byte));
    if (!is_combining_mark(cp)) {
      if (const std::string_view base = latin_base(cp); !base.empty()) {
        out += base;
      } else if (cp == byte) {  // a stray byte: kept as it is
        out += text[i];
      } else {
        append_utf8(out, cp);
      }
    }
    i += length;
  }
  return out;
}

void fold_umlaut_spellings(std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && !is_umlaut_spelling(text, i)) ++i;
  if (i == text.size()) return;  // the common case: nothing to fold, nothing copied
  std::string folded;
  folded.reserve(text.size());
  for (i = 0; i < text.size(); ++i) {
    folded += text[i];
    if (is_umlaut_spelling(text, i)) ++i;  // drop the 'e'
  }
  text = std::move(folded);
}

std::string fold_name(std::string_view name) {
  std::string key = fold_accents(collapse_whitespace(name));
  fold_umlaut_spellings(key);
  return key;
}

std::string upper_case_dotted_initials(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!is_ascii_letter(out[i])) continue;
    if (i > 0 && (is_compound_char(out[i - 1]) || out[i - 1] == '.')) continue;
    const InitialsRun run = dotted_initials(out, i);
    if (run.end == i) continue;
    if (run.has_lower) {
      for (std::size_t k = i; k < run.end; ++k) out[k] = ascii_upper(out[k]);
    }
    i = run.end - 1;
  }
  return out;
}

std::string join_hyphens(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t length = joining_hyphen_length(text, i); length != 0) {
      i += length;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::string joined_compounds(std::string_view text) {
  std::string out;
  std::size_t run_start = 0;
  bool joined = false;
  for (std::size_t i = 0; i <= text.size();) {
    if (i < text.size()) {
      if (const std::size_t length = joining_hyphen_length(text, i); length != 0) {
        joined = true;
        i += length;
        continue;
      }
      if (is_compound_char(text[i])) {
        ++i;
        continue;
      }
    }
    // The run of compound characters and joining hyphens ends here.
    if (joined) {
      if (!out.empty()) out += ' ';
      out += join_hyphens(text.substr(run_start, i - run_start));
    }
    joined = false;
    run_start = ++i;
  }
  return out;
}

void index_article_text(Xapian::TermGenerator& generator, std::string_view title,
                        std::string_view body) {
  const std::string title_text = upper_case_dotted_initials(title);
  const std::string body_text = upper_case_dotted_initials(body);
  const std::string title_prefix(kTitlePrefix);
  generator.index_text(title_text, 1, title_prefix);
  generator.index_text(title_text, kTitleWeight);
  // A gap keeps phrases from matching across the end of the title into the body.
  generator.increase_termpos();
  generator.index_text(body_text);
  // The joined compounds have no positions: phrases match the parts, as written.
  if (const std::string compounds = joined_compounds(title); !compounds.empty()) {
    generator.index_text_without_positions(compounds, 1, title_prefix);
    generator.index_text_without_positions(compounds, kTitleWeight);
  }
  if (const std::string compounds = joined_compounds(body); !compounds.empty()) {
    generator.index_text_without_positions(compounds);
  }
}

}  // namespace newsdex
