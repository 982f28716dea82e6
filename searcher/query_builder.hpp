// Builds the Xapian query for a search: the parsed query words combined with the filters.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/schema.hpp"
#include "searcher/matching_strategy.hpp"
#include "searcher/search_options.hpp"

namespace newsdex {

struct BuiltQuery {
  Xapian::Query query;
  bool has_words = false;  // false when only filters select articles (no ranking by words)
  // What each wildcard expands over: the stem-term prefix it matches ("Zsecur", "ZSsecur").
  std::vector<std::string> wildcard_prefixes;
  // --match auto: the strict and relaxed forms query was chosen from, and what was chosen.
  AutoMatchQueries auto_match;
  Relaxation relaxation;
};

// Parses options.query with parser (configured by configure_query_parser) and ANDs the
// --person/--org/--place filters (each given name must match), --source/--author (any
// given one), and --from/--to. Without words or filters it matches every article.
// Throws Xapian::QueryParserError for a query that cannot be parsed.
[[nodiscard]] BuiltQuery build_query(const SearchOptions& options, Xapian::QueryParser& parser,
                                     CanonicalNames canonical_names);

// With --match auto, query is the strict form and auto_match holds both forms; the overload
// below, which has the database, chooses between them (choose_matching).
// The same with a parser set up as newssearch's: the built-in lexicon, and db's synonyms.
[[nodiscard]] BuiltQuery build_query(const SearchOptions& options, const Xapian::Database& db);

// Whether a term comes from the query's words rather than from a filter.
[[nodiscard]] bool is_word_term(const std::string& term);

// The flags newssearch parses queries with.
[[nodiscard]] unsigned query_parser_flags();

}  // namespace newsdex
