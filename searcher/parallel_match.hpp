// Runs a match that must visit every matching article as parts over docid ranges, side by
// side, one thread each (or as one part, for its cheaper count).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "searcher/facet_counter.hpp"

namespace newsdex {

struct PartedMatchRequest {
  Xapian::Database& db;  // the caller's handle; the first part runs on it, on this thread
  std::string db_path;   // the other parts open their own handles (Xapian's are per thread)
  const Xapian::Query& query;
  // Sets the sort order and time limit; called on several threads at once.
  std::function<void(Xapian::Enquire&)> configure;
  std::size_t parts = 2;  // 1 runs the match on the caller's thread alone
  // Whether configure ranks by relevance. Then each part counts its matches in a match of
  // their own, under BoolWeight (which reads no document lengths), and finds its best in a
  // match free to skip what cannot reach them; a sort by date visits every match anyway, so
  // without facets it counts and ranks in one match.
  bool by_relevance = true;
  Xapian::doccount wanted = 10;          // how many best matches the answer may show
  Xapian::doccount check_at_least = 0;   // for each part
  // When set, each part counts facets over at most facet_budget of its matches (its
  // earliest), as *facets counts (per article or per story), and the counts are added to
  // *facets. A budget per part bounds the time as
  // one budget bounds one thread's, and keeps every match with fewer matches than the
  // budget counted exactly.
  FacetCounter* facets = nullptr;
  Xapian::doccount facet_budget = 0;
};

struct PartedMatch {
  // Each part's best `wanted` matches, in docid order: the best of the whole match are
  // among them.
  std::vector<Xapian::docid> candidates;
  Xapian::doccount matches = 0;  // the sum of the parts' counts (estimates, where not exact)
  Xapian::doccount matches_lower = 0;  // the sum of the parts' lower bounds
  Xapian::doccount matches_upper = 0;  // the sum of the parts' upper bounds
  bool exact = true;                   // each part counted its matches exactly
};

// Splits the database's docids into request.parts ranges of equal size and matches the
// query within each. Weights are those of the whole database, as the split only filters.
// Throws what Xapian throws, and Xapian::DatabaseModifiedError when the indexer committed
// between the opening of the handles (the caller starts again).
[[nodiscard]] PartedMatch match_in_parts(const PartedMatchRequest& request);

}  // namespace newsdex
