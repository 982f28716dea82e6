// Exact facet and month counts over the matches of a sharded database, counted where the
// shards are by Xapian's ValueCountMatchSpy, which a stock xapian-tcpsrv runs.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/shard_counts.hpp"

namespace newsdex {

// Each shard's matches are counted on their own, one thread per shard: the facets slot
// holds ordinals that only mean something in their shard (common/schema.hpp), so the spy
// returns each distinct slot value with its count, and each value's entries are counted
// that many times and named through that shard's metadata. Values are then added across
// shards by name (case aside), as disjoint shards' counts add.
class ShardFacets : public FacetTotals {
 public:
  // Counts the matches of query on every shard (each a database of its own, used by one
  // thread here while the caller waits); time_limit in seconds, 0: none. Throws what Xapian
  // throws.
  ShardFacets(std::vector<Xapian::Database>& shards, const Xapian::Query& query, double time_limit);

  [[nodiscard]] Xapian::doccount undated() const { return documents_ - dated(); }
};

}  // namespace newsdex
