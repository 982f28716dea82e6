// The newssearch program: runs a search and prints ranked results, snippets and facets.
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/stored_article.hpp"
#include "searcher/explain.hpp"
#include "searcher/facet_counter.hpp"
#include "searcher/matching_strategy.hpp"
#include "searcher/search_options.hpp"

namespace newsdex {

// Marks around matched words in SearchHit::snippet; printers turn them into bold or **.
inline constexpr char kHighlightStart = '\x01';
inline constexpr char kHighlightEnd = '\x02';

struct SearchHit {
  std::size_t rank = 0;  // 1-based, counting from the first result of the whole list
  double score = 0;      // BM25 weight; 0 when only filters selected the article
  StoredArticle article;
  std::string snippet;  // plain text with kHighlightStart/kHighlightEnd around matches
  // The stored record did not read back: article holds what the index still knows of it (id,
  // date, facet values) and the rest is empty.
  bool damaged = false;
  std::optional<Explanation> explanation;  // with --explain
};

struct SearchResults {
  std::string query;
  Xapian::doccount total = 0;
  bool total_exact = false;
  std::size_t offset = 0;
  Relaxation relaxation;  // what --match auto relaxed, if anything
  // "Did you mean": a respelt query that finds more, when this one finds few (never applied).
  std::optional<std::string> suggestion;
  std::vector<SearchHit> hits;
  bool has_facets = false;
  bool facets_exact = false;  // counted over every match, not a part of them
  Xapian::doccount facets_counted = 0;  // matching articles whose facets were counted
  // Facet name as in --json ("person", ..., "month") → top values.
  std::vector<std::pair<std::string, std::vector<FacetCount>>> facets;
  // One line each (without "newssearch: "), naming the database and the article, about
  // results shown in part (damaged ones).
  std::vector<std::string> warnings;
};

// A database that cannot be searched: missing, not a database, damaged, or changing faster
// than a search can read it. what() is one line naming the database path.
struct DatabaseProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs the search the options describe. Throws DatabaseProblem when the database cannot be
// opened or read, SchemaMismatch for one of another schema, Xapian::QueryParserError for a
// bad query. Survives the indexer's commits: each article is read again from the newest
// revision when the one it was read from is discarded, and a match that loses its revision
// starts again after a growing pause, a bounded number of times. A damaged stored article
// is shown in part, with a warning in SearchResults::warnings.
[[nodiscard]] SearchResults run_search(const SearchOptions& options);

// How many parts (threads) run_search splits a match into, for an archive of doccount
// articles of which at least check_at_least are visited and wanted shown.
[[nodiscard]] std::size_t match_parts(const SearchOptions& options, Xapian::doccount doccount,
                                      Xapian::doccount check_at_least, Xapian::doccount wanted);

}  // namespace newsdex
