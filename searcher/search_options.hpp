// What a newssearch run is asked to do.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "searcher/ranking_params.hpp"
#include "searcher/timeline.hpp"

namespace newsdex {

enum class Facet;  // common/schema.hpp

enum class SortOrder { relevance, newest, oldest };
// all: every query word must match; any: any may; automatic: see choose_matching.
enum class WordMatch { all, any, automatic };
// count: most frequent first; significance: see significance.hpp.
enum class FacetOrder { count, significance };

struct SearchOptions {
  std::string db_path;
  std::string query;  // the query words, in the query language
  std::vector<std::string> persons;
  std::vector<std::string> organizations;
  std::vector<std::string> places;
  std::vector<std::string> sources;
  std::vector<std::string> authors;
  // The filter values given for a facet: persons for Facet::person, and so on.
  [[nodiscard]] std::vector<std::string>& filter_values(Facet facet);
  [[nodiscard]] const std::vector<std::string>& filter_values(Facet facet) const;
  std::optional<DateTime> from;  // first day included
  std::optional<DateTime> to;    // last day included
  WordMatch match = WordMatch::automatic;
  RankingParams ranking;
  std::optional<SortOrder> sort;  // default: relevance with words, newest without
  std::size_t limit = 10;         // 0: no limit
  std::size_t offset = 0;
  bool list_all = false;  // --all: match every article without words; count exactly
  bool facets = false;
  std::size_t facet_limit = 10;
  FacetOrder facet_order = FacetOrder::count;
  // With FacetOrder::significance: values counted fewer times are left out.
  std::size_t facet_min_count = 3;
  // --count: the total (exact), facets and timeline, no result list.
  bool count_only = false;
  // --timeline: matches per period; normalize divides by the archive's articles per period.
  std::optional<TimelineUnit> timeline;
  bool normalize = false;
  // Most matching articles facets are counted over (by each thread of a split search); past
  // it counts cover a part of the matches and say so (facets_exact false), so a huge result
  // stays fast.
  std::size_t facet_budget = 1'000'000;
  // Most matches counted before the total becomes an estimate (0: count them all, the
  // default). No option sets it: tests force estimates with it, and the benchmark measures
  // what exact totals cost against Xapian's estimate.
  std::size_t count_budget = 0;
  // Seconds counting may take; past it Xapian counts no further (it still finds the page's
  // best) and counts become estimates, so a query matching much of a huge archive answers
  // in bounded time. 0: no limit.
  double time_limit = 10.0;
  // A match that visits every matching article (facets, exact counts) on an archive of at
  // least split_min_documents articles runs in parts on this many threads (0: one per core).
  std::size_t match_threads = 0;
  std::size_t split_min_documents = 50'000;  // tests lower it to split small archives
  // A match that only counts (no facets) splits when Xapian's bound on its matches, read
  // from the terms' frequencies, reaches this: below it, a handle and a thread per part
  // cost more than they save. Tests lower it.
  std::size_t split_min_matches = 20'000;
  // A database given as a stub file listing shards: seconds a remote shard may take to
  // connect and to answer each request (--timeout), and whether the shards that answer
  // suffice (--allow-partial).
  double shard_timeout = 10.0;
  bool allow_partial = false;
  // --collapse: one result per story (Slot::story), its best-ranked article; the total,
  // facets and timeline count stories, not articles.
  bool collapse = false;
  // A streamed list (run_search with a sink) longer than this is fetched this many matches
  // at a time, so that its memory does not grow with the matches. Tests lower it.
  std::size_t stream_page = 10'000;
  bool json = false;
  bool suggest = true;  // look for a spelling suggestion when the query finds few articles
  bool explain = false;  // say per result which words matched and what each weighed
  bool highlight_bold = false;  // ANSI bold for matched words (a terminal, NO_COLOR unset)
};

}  // namespace newsdex
