// The text analysis indexing, searching and snippets share beyond Xapian's own: folding of
// accents and German umlaut spellings, dotted initials in any case, hyphenated compounds.
//
// The rules (README "Folding"):
//  - Accents: every word is lower-cased and its accented Latin letters replaced by plain ones
//    (café → cafe, München → munchen, Pöhl → pohl, ß → ss, æ → ae) before it is stemmed;
//    combining marks are dropped.
//  - Umlaut spellings: after stemming, "ae", "oe" and "ue" between two consonants stand for
//    ä, ö and ü and become a, o and u (Poehl → pohl, Muenchen → munchen, Schroeder →
//    schroder), so the umlaut, its plain vowel and its spelled-out form are one term. "ue"
//    after g or q is left alone (guest, league, question); so is a pair at the start or end
//    of a stem (aerial, toe, shoe) or next to another vowel (Boeing, queue).
//  - Dotted initials: "u.s.", "U.s." and "U.S." are one acronym, the term "us", as Xapian
//    reads "U.S.": two or more single letters each followed by a dot.
//  - Hyphenated compounds: "e-mail" is indexed as its parts (e, mail: so Pemberton finds
//    Leigh-Pemberton, and quoted phrases across the hyphen still match) and joined (email);
//    a query word with a hyphen asks for the joined term, so email, e-mail and E-Mail find
//    the same articles. Hyphens between two digits ("1986-87") are not joined.
//
// The case folding and accent folding of facet names (facet_term) use the same functions.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsdex {

// Text lower-cased, accented Latin letters replaced by their plain letters and combining marks
// dropped ("Café" → "cafe", "Straße" → "strasse"). Other characters are kept. Valid UTF-8
// assumed.
[[nodiscard]] std::string fold_accents(std::string_view text);

// Replaces, in each word of lower-case text, "ae"/"oe"/"ue" standing for an umlaut (see the
// rules above) by its plain vowel.
void fold_umlaut_spellings(std::string& text);

// The key facet names are matched by: white space collapsed, case, accents and umlaut
// spellings folded ("Karl Otto Pöhl" and "karl otto  POEHL" → "karl otto pohl").
[[nodiscard]] std::string fold_name(std::string_view name);

// The text with each run of dotted single letters in lower or mixed case ("u.s.", "e.g.",
// "U.s.") written in capitals, which Xapian reads as an acronym. Same length as text.
[[nodiscard]] std::string upper_case_dotted_initials(std::string_view text);

// True when c may sit on either side of a hyphen that joins a compound (an ASCII letter or
// digit, or a byte of a non-ASCII character).
[[nodiscard]] constexpr bool is_compound_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The text with each joining hyphen removed ("e-mail" → "email", "G-7" → "G7"): a hyphen
// between two compound characters that are not both digits.
[[nodiscard]] std::string join_hyphens(std::string_view text);

// The joined forms of the text's hyphenated compounds, separated by spaces ("an e-mail to
// G-7 members" → "email G7"); empty when there is none.
[[nodiscard]] std::string joined_compounds(std::string_view text);

// Indexes an article's title (prefixed with kTitlePrefix and, weighted kTitleWeight, among the
// body words) and body with generator (set up by configure_term_generator) into its current
// document, applying the rules above.
void index_article_text(Xapian::TermGenerator& generator, std::string_view title,
                        std::string_view body);

}  // namespace newsdex
