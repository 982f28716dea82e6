// Dotted initials and hyphenated compounds in query text.
#include "searcher/query_text.hpp"

#include "common/analysis.hpp"
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

}  // namespace

std::string analyze_query_text(std::string_view query) {
  std::string analyzed;
  analyzed.reserve(query.size());
  bool in_phrase = false;
  bool in_filter = false;  // a filter's quoted value: "person:"Karl Otto Pöhl""
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
      analyzed += join_hyphens(upper_case_dotted_initials(token));
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
