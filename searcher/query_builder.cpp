// Query words + filters → one Xapian query.
#include "searcher/query_builder.hpp"

#include "common/analysis.hpp"
#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/query_text.hpp"
#include "searcher/query_syntax.hpp"

namespace newsdex {
namespace {

// Most wildcard expansions a query may make; the most frequent terms are kept, so "a*" over
// a large vocabulary stays fast instead of failing.
constexpr Xapian::termcount kMaxWildcardExpansion = 256;

bool has_word_terms(const Xapian::Query& query) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    if (is_word_term(*it)) return true;
  }
  // Wildcards list no terms before they expand: build_query notes them itself.
  return false;
}

void and_into(Xapian::Query& filter, const Xapian::Query& more) {
  filter = filter.empty() ? more : Xapian::Query(Xapian::Query::OP_AND, filter, more);
}

Xapian::Query any_of(Facet facet, const std::vector<std::string>& names, CanonicalNames canonical_names) {
  Xapian::Query either;
  for (const auto& name : names) {
    const Xapian::Query one = facet_filter(facet, name, canonical_names);
    either = either.empty() ? one : Xapian::Query(Xapian::Query::OP_OR, either, one);
  }
  return either;
}

Xapian::Query date_filter(const SearchOptions& options) {
  const auto slot = slot_number(Slot::date);
  if (options.from && options.to) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, date_value_day_start(*options.from),
                         date_value_day_end(*options.to));
  }
  if (options.from) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, date_value_day_start(*options.from));
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, date_value_day_end(*options.to));
}

// A wildcard word ("secur*", "+secur*", "title:secur*") routed to its wildcard field
// (schema.hpp), with the term prefix it expands over added to prefixes; any other token as
// it is.
std::string route_wildcard(std::string_view token, std::vector<std::string>& prefixes) {
  if (token.size() < 2 || token.back() != '*') return std::string(token);
  const std::size_t sign = token.front() == '+' || token.front() == '-' ? 1 : 0;
  std::string_view word = token.substr(sign, token.size() - sign - 1);
  std::string_view field;
  if (const auto colon = word.find(':'); colon != std::string_view::npos) {
    field = word.substr(0, colon);
    word.remove_prefix(colon + 1);
  }
  if (word.empty() || word.find('*') != std::string_view::npos) return std::string(token);
  std::string_view routed_field;
  std::string prefix(kStemPrefix);
  if (field.empty()) {
    routed_field = kWildcardBodyField;
  } else if (field == "title") {
    routed_field = kWildcardTitleField;
    prefix += kTitlePrefix;
  } else {
    return std::string(token);  // filters take no wildcards
  }
  // Folded as the stemmer folds indexed words ("münch*" expands over "Zmunch…").
  const std::string folded = fold_name(word);
  prefixes.push_back(prefix + folded);
  std::string routed(token.substr(0, sign));
  routed.append(routed_field).append(":").append(folded).append("*");
  return routed;
}

// The query with each wildcard word outside a phrase routed to its wildcard field, and the
// term prefixes they expand over.
std::string route_wildcards(std::string_view query, std::vector<std::string>& prefixes) {
  std::string routed;
  routed.reserve(query.size() + 2 * kWildcardTitleField.size());
  bool in_phrase = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size(); ++i) {
    const bool end = i == query.size();
    const char c = end ? ' ' : query[i];
    if (!end && !is_ascii_space(c) && c != '(' && c != ')' && c != '"' && c != ',') continue;
    const std::string_view token = query.substr(start, i - start);
    routed += in_phrase ? std::string(token) : route_wildcard(token, prefixes);
    if (c == '"') in_phrase = !in_phrase;
    if (!end) routed += c;
    start = i + 1;
  }
  return routed;
}

}  // namespace

// Free-text terms carry the Z (stem) prefix or are lower case (stop words, wildcards);
// boolean filter terms carry another upper-case prefix such as XP: or Q.
bool is_word_term(const std::string& term) {
  if (term.empty()) return false;
  const char first = term.front();
  return !(first >= 'A' && first <= 'Z') || first == 'Z';
}

unsigned query_parser_flags() {
  // Auto synonyms: the spellings of a surname the indexer joined (common/entities/name_synonyms.hpp).
  return Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
         Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
}

BuiltQuery build_query(const SearchOptions& options, Xapian::QueryParser& parser,
                       CanonicalNames canonical_names) {
  BuiltQuery built;
  Xapian::Query words;
  if (!trim(options.query).empty()) {
    parser.set_default_op(options.match == WordMatch::any ? Xapian::Query::OP_OR
                                                          : Xapian::Query::OP_AND);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
    if (const auto error = query_syntax_error(options.query)) throw Xapian::QueryParserError(*error);
    const std::string text = analyze_query_text(fold_shouted_query(options.query));
    const std::string routed = route_wildcards(text, built.wildcard_prefixes);
    const bool plain_auto = options.match == WordMatch::automatic && is_plain_query(text);
    if (plain_auto && options.ranking.question_stop_words) use_question_stop_words(parser);
    try {
      words = parse_user_query(parser, routed, query_parser_flags());
      if (plain_auto) {
        parser.set_default_op(Xapian::Query::OP_OR);
        built.auto_match.strict = words;
        built.auto_match.relaxed = parse_user_query(parser, routed, query_parser_flags());
        built.auto_match.words = or_parts(built.auto_match.relaxed).size();
        built.auto_match.text = text;
      }
    } catch (const Xapian::QueryParserError& e) {
      throw Xapian::QueryParserError(plain_parser_message(options.query, e.get_msg()));
    }
    built.has_words = !built.wildcard_prefixes.empty() || has_word_terms(words);
  }

  Xapian::Query filter;
  for (const auto& field : kFacetFields) {
    const auto& names = options.filter_values(field.facet);
    if (field.multi_valued) {
      for (const auto& name : names) and_into(filter, facet_filter(field.facet, name, canonical_names));
    } else if (!names.empty()) {
      and_into(filter, any_of(field.facet, names, canonical_names));
    }
  }
  if (options.from || options.to) and_into(filter, date_filter(options));

  if (words.empty()) {
    // No words: the filters alone select, with no ranking weight.
    built.query = filter.empty() ? Xapian::Query::MatchAll
                                 : Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter);
  } else {
    built.query = filter.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
  }
  built.auto_match.filter = filter;
  return built;
}

BuiltQuery build_query(const SearchOptions& options, const Xapian::Database& db) {
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  parser.set_database(db);
  BuiltQuery built = build_query(options, parser, &canonical_names);
  if (built.auto_match.words > 1) {
    built.query = choose_matching(built.auto_match, db, options.ranking, built.relaxation);
  }
  return built;
}

}  // namespace newsdex
