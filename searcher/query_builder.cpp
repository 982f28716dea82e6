// Query words + filters → one Xapian query.
#include "searcher/query_builder.hpp"

#include "common/lexicon.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"

namespace newsdex {
namespace {

// Most wildcard expansions a query may make; the most frequent terms are kept, so "a*" over
// a large vocabulary stays fast instead of failing.
constexpr Xapian::termcount kMaxWildcardExpansion = 256;

bool has_word_terms(const Xapian::Query& query) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    if (is_word_term(*it)) return true;
  }
  // A wildcard or other operator with no terms listed still ranks by words.
  return false;
}

void and_into(Xapian::Query& filter, const Xapian::Query& more) {
  filter = filter.empty() ? more : Xapian::Query(Xapian::Query::OP_AND, filter, more);
}

Xapian::Query any_of(Facet facet, const std::vector<std::string>& names, LexiconSource lexicon) {
  Xapian::Query either;
  for (const auto& name : names) {
    const Xapian::Query one = facet_filter(facet, name, lexicon);
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

}  // namespace

// Free-text terms carry the Z (stem) prefix or are lower case (stop words, wildcards);
// boolean filter terms carry another upper-case prefix such as XP: or Q.
bool is_word_term(const std::string& term) {
  if (term.empty()) return false;
  const char first = term.front();
  return !(first >= 'A' && first <= 'Z') || first == 'Z';
}

unsigned query_parser_flags() {
  // Auto synonyms: the spellings of a surname the indexer joined (common/name_synonyms.hpp).
  return Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
         Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
}

BuiltQuery build_query(const SearchOptions& options, Xapian::QueryParser& parser,
                       LexiconSource lexicon) {
  BuiltQuery built;
  Xapian::Query words;
  if (!trim(options.query).empty()) {
    parser.set_default_op(options.match == WordMatch::all ? Xapian::Query::OP_AND
                                                          : Xapian::Query::OP_OR);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
    words = parser.parse_query(options.query, query_parser_flags());
    built.has_words = has_word_terms(words);
  }

  Xapian::Query filter;
  for (const auto& name : options.persons) and_into(filter, facet_filter(Facet::person, name, lexicon));
  for (const auto& name : options.organizations) {
    and_into(filter, facet_filter(Facet::organization, name, lexicon));
  }
  for (const auto& name : options.places) and_into(filter, facet_filter(Facet::place, name, lexicon));
  if (!options.sources.empty()) and_into(filter, any_of(Facet::source, options.sources, lexicon));
  if (!options.authors.empty()) and_into(filter, any_of(Facet::author, options.authors, lexicon));
  if (options.from || options.to) and_into(filter, date_filter(options));

  if (words.empty()) {
    // No words: the filters alone select, with no ranking weight.
    built.query = filter.empty() ? Xapian::Query::MatchAll
                                 : Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter);
  } else {
    built.query = filter.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
  }
  return built;
}

BuiltQuery build_query(const SearchOptions& options, const Xapian::Database& db) {
  Xapian::QueryParser parser;
  configure_query_parser(parser, &Lexicon::builtin);
  parser.set_database(db);
  return build_query(options, parser, &Lexicon::builtin);
}

}  // namespace newsdex
