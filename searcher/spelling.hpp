// "Did you mean": a query with its rare words replaced by close, more frequent words of the index.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "common/schema.hpp"

namespace newsdex {

// A query finding fewer articles than this gets a spelling suggestion, if one finds more.
inline constexpr Xapian::doccount kFewMatches = 3;

// Bounded Damerau-Levenshtein distance (insertions, deletions, substitutions and swaps of
// adjacent bytes) between a and b, or limit + 1 when it exceeds limit.
[[nodiscard]] int edit_distance(std::string_view a, std::string_view b, int limit);

// The query with each plain word that fewer than kFewMatches articles hold replaced by the
// closest word of the index (fewest edits, then most articles) that more articles hold: a
// stem of the text (as the word the user typed would end, when that stems back to it) or a
// word of a person's name. The candidate starts with the same letter and is at most one edit
// away for words of up to 4 letters, two for longer ones. Field names, operators, words after
// date:, and words with digits or non-ASCII letters stay as they are. A word of a person:,
// org: or place: value (quoted or not), and every word when facet is given (the value of a
// --person, --org or --place filter), is replaced by a word of that facet's names only.
// Returns nullopt when no word changes. The caller checks that the suggested query finds more.
[[nodiscard]] std::optional<std::string> suggest_spelling(const Xapian::Database& db, std::string_view query,
                                                          std::optional<Facet> facet = std::nullopt);

}  // namespace newsdex
