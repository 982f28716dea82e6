// Dotted initials and hyphenated compounds in query text.
#include "searcher/query_text.hpp"

#include "common/analysis.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"

namespace newsdex {
namespace {

// Whether the token is a filter ("person:Leigh-Pemberton", "-date:1987-03..") rather than
// words, possibly in a field ("title:e-mail").
bool is_filter_token(std::string_view token) {
  if (!token.empty() && (token.front() == '+' || token.front() == '-')) token.remove_prefix(1);
  const auto colon = token.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view field = token.substr(0, colon);
  for (const char c : field) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return field != "title";
}

// Whether the query may hold NEAR or ADJ: their operands must be single terms, which the
// compound field's synonym is not, and Xapian's parser cannot recover from the error (it
// ends the process). Xapian reads more characters as separators than white space (control
// characters, punctuation), so telling which words are their operands is left to it: any
// NEAR or ADJ keeps every hyphenated word in its joined form.
bool may_hold_proximity_operator(std::string_view query) {
  return query.find("NEAR") != std::string_view::npos || query.find("ADJ") != std::string_view::npos;
}

// A word outside a phrase and a field: a hyphenated one goes to the compound field, which
// matches its joined form or its parts as a phrase ("+G-7" → "+newsdexcompound:G_7").
std::string analyze_free_word(std::string_view token, bool near_operand) {
  const std::string word = upper_case_dotted_initials(token);
  const std::string joined = join_hyphens(word);
  if (joined == word) return word;
  // Wildcards, fields, operands of NEAR and ADJ, and words holding the field's separator
  // keep the joined form.
  if (near_operand || word.find_first_of("*:_") != std::string::npos) return joined;
  const std::size_t sign = word.front() == '+' || word.front() == '-' ? 1 : 0;
  return word.substr(0, sign) + std::string(kCompoundField) + ":" + join_hyphens(word.substr(sign), "_");
}

}  // namespace

std::string analyze_query_text(std::string_view query) {
  std::string analyzed;
  analyzed.reserve(query.size());
  bool in_phrase = false;
  bool in_filter = false;  // a filter's quoted value: "person:"Karl Otto Pöhl""
  const bool proximity = may_hold_proximity_operator(query);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size(); ++i) {
    const bool end = i == query.size();
    const char c = end ? ' ' : query[i];
    if (!end && !is_ascii_space(c) && c != '(' && c != ')' && c != '"') continue;
    const std::string_view token = query.substr(start, i - start);
    if (in_filter || is_filter_token(token)) {
      analyzed += token;
    } else if (in_phrase) {
      analyzed += upper_case_dotted_initials(token);
    } else {
      analyzed += analyze_free_word(token, proximity);
    }
    if (c == '"') {
      // A quote right after a filter's colon opens the filter's value.
      if (!in_phrase) in_filter = !token.empty() && token.back() == ':' && is_filter_token(token);
      in_phrase = !in_phrase;
      if (!in_phrase) in_filter = false;
    }
    if (!end) analyzed += c;
    start = i + 1;
  }
  return analyzed;
}

}  // namespace newsdex
