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
class ShardFacets {
 public:
  // Counts the matches of query on every shard (each a database of its own, used by one
  // thread here while the caller waits); time_limit in seconds, 0: none. Throws what Xapian
  // throws.
  ShardFacets(std::vector<Xapian::Database>& shards, const Xapian::Query& query, double time_limit);

  [[nodiscard]] Xapian::doccount documents() const { return documents_; }
  // Whether every shard counted all its matches (no time limit cut one short).
  [[nodiscard]] bool exact() const { return exact_; }
  // As FacetCounter's.
  [[nodiscard]] std::vector<FacetCount> top(Facet facet, std::size_t limit) const { return totals_.top(facet, limit); }
  [[nodiscard]] std::vector<FacetCount> at_least(Facet facet, Xapian::doccount min_count) const {
    return totals_.at_least(facet, min_count);
  }
  [[nodiscard]] std::vector<FacetCount> top_months(std::size_t limit) const { return totals_.top_months(limit); }
  [[nodiscard]] Xapian::doccount undated() const { return documents_ - totals_.dated(); }

 private:
  FacetTotals totals_;
  Xapian::doccount documents_ = 0;
  bool exact_ = true;
};

}  // namespace newsdex
