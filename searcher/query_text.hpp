// The query side of the analyzer's rules that Xapian's QueryParser does not apply itself.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// The query text with the rules of common/analysis.hpp applied as the indexer applies them:
// dotted initials in any case become capitals ("u.s." → "U.S.", one acronym), and outside
// quoted phrases a hyphenated word becomes its joined form ("e-mail" → "email", which the
// index holds for every hyphenated compound). Filter values (person:…, date:…) are left as
// they are; inside a phrase the hyphen stays, so the phrase matches the parts as written.
[[nodiscard]] std::string analyze_query_text(std::string_view query);

}  // namespace newsdex
