// The query side of the analyzer's rules that Xapian's QueryParser does not apply itself.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// The query text with the rules of common/analysis.hpp applied as the indexer applies them:
// dotted initials in any case become capitals ("u.s." → "U.S.", one acronym), and outside
// quoted phrases a hyphenated word goes to the compound field (kCompoundField in
// common/schema.hpp), which matches its joined form ("email", which the index holds for every
// hyphenated compound) or its parts as a phrase ("e mail"): articles spell names and
// compounds both ways ("Leigh-Pemberton", "Leigh Pemberton"). In a wildcard or a title:
// field the word is joined. Filter values (person:…, date:…) are left as they are; inside a
// phrase the hyphen stays, so the phrase matches the parts as written. The result is not a
// plain query (matching_strategy.hpp) even when the text was: test the text before.
[[nodiscard]] std::string analyze_query_text(std::string_view query);

}  // namespace newsdex
