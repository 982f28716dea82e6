// The newssearch program: runs a search and prints ranked results, snippets and facets.
#pragma once

#include <functional>
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
#include "searcher/timeline.hpp"

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
  // The number of matching articles. Exact (total_exact, and total_min == total == total_max)
  // unless a budget or the time limit stopped the count; then an estimate within bounds that
  // hold: at least total_min articles match (never fewer than the last rank a page of this
  // search can show), at most total_max.
  Xapian::doccount total = 0;
  bool total_exact = false;
  Xapian::doccount total_min = 0;
  Xapian::doccount total_max = 0;
  std::size_t offset = 0;
  Relaxation relaxation;  // what --match auto relaxed, if anything
  // "Did you mean": a respelt query that finds more, when this one finds few (never applied).
  std::optional<std::string> suggestion;
  std::vector<SearchHit> hits;
  // --match auto: of hits, the last some_words hold only some of a short query's words, listed
  // on a page the articles holding all of them (total) do not fill.
  std::size_t some_words = 0;
  bool has_facets = false;
  bool facets_exact = false;  // counted over every match, not a part of them
  Xapian::doccount facets_counted = 0;  // matching articles whose facets were counted
  // Facet name as in --json ("person", ..., "month") → top values.
  std::vector<std::pair<std::string, std::vector<FacetCount>>> facets;
  Xapian::doccount facets_undated = 0;  // counted matches without a date (no month)
  bool facets_significance = false;     // facets ranked by significance (scores set)
  std::optional<Timeline> timeline;     // with --timeline
  // With --allow-partial: the shards ("HOST:PORT" or path) that could not be reached and are
  // left out of every count; partial is true when there is any.
  bool partial = false;
  std::vector<std::string> unreachable;
  // With --collapse: each hit is the best-ranked article of its story, and total (with its
  // bounds), facets_counted, every facet count, facets_undated and the timeline count
  // stories (distinct Slot::story values among the matches), not articles.
  bool counted_stories = false;
  // Whether the facet counts (facets_counted, facets_undated) count stories: with
  // --collapse, except over remote shards, whose stock servers count articles only.
  bool facets_count_stories = false;
  // One line each (without "newssearch: "), naming the database and the article, about
  // results shown in part (damaged ones).
  std::vector<std::string> warnings;
};

// A database that cannot be searched: missing, not a database, damaged, or changing faster
// than a search can read it. what() is one line naming the database path.
struct DatabaseProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs the search the options describe. A stub file listing several databases or remote
// ones (shards.hpp) is searched as one database holding all their articles, each shard's
// facets counted on the shard. Throws ShardUnreachable naming a shard that cannot be
// reached (unless options.allow_partial, and some shard answers), DatabaseProblem when the database cannot be
// opened or read, SchemaMismatch for one of another schema, Xapian::QueryParserError for a
// bad query. Survives the indexer's commits: each article is read again from the newest
// revision when the one it was read from is discarded, and a match that loses its revision
// starts again after a growing pause, a bounded number of times. A damaged stored article
// is shown in part, with a warning in SearchResults::warnings.
[[nodiscard]] SearchResults run_search(const SearchOptions& options);

// Receives the results of a streamed search one at a time, best first, with the search
// they belong to (its query, total and relaxation; no hits, and facets not yet counted).
using HitSink = std::function<void(const SearchResults& search, const SearchHit& hit)>;

// run_search, handing each result to sink as soon as it is read instead of keeping it: the
// returned SearchResults has no hits, so a list of millions (--limit 0) takes memory for its
// docids and weights only, never for the articles. The match starts again through the
// indexer's commits as run_search's does, but only until the first result is handed over;
// past that, an article removed before it is read is left out with a warning.
[[nodiscard]] SearchResults run_search(const SearchOptions& options, const HitSink& sink);

// How many parts (threads) run_search splits a match into, for an archive of doccount
// articles of which at least check_at_least are visited and wanted shown.
[[nodiscard]] std::size_t match_parts(const SearchOptions& options, Xapian::doccount doccount,
                                      Xapian::doccount check_at_least, Xapian::doccount wanted);

}  // namespace newsdex
