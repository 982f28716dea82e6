// Stories over the matches of a sharded database: their exact number, counted where the
// shards are by Xapian's ValueCountMatchSpy on the story slot (which a stock xapian-tcpsrv
// runs), and, over local shards, facet counts per story.
#pragma once

#include <xapian.h>

#include <vector>

#include "searcher/shard_counts.hpp"

namespace newsdex {

struct ShardStoryCount {
  Xapian::doccount stories = 0;   // distinct story ids among the matches, plus articles without one
  Xapian::doccount articles = 0;  // matching articles
  bool exact = true;              // every shard counted all its matches (no time limit cut one short)
};

// Counts the stories matching query over shards (each a database of its own, local or
// remote, used by one thread here while the caller waits): each shard returns every story
// id among its matches, and the ids are told apart across shards, so the count is exact
// even for a story whose articles lie in several shards. An article without a story id is
// a story of its own, as in a single database. time_limit in seconds, 0: none. Throws what
// Xapian throws.
[[nodiscard]] ShardStoryCount count_shard_stories(std::vector<Xapian::Database>& shards,
                                                  const Xapian::Query& query, double time_limit);

// Facet and month counts per story over local shards: the single database's FacetCounter
// (Counted::stories) runs on each shard, one thread per shard, and values are added across
// shards by name (case aside). Exact when no story spans shards (as newsindex --shard-by
// writes them); a story in several shards counts once in each.
class ShardStoryFacets : public FacetTotals {
 public:
  // shards: local databases only (a remote one runs no spy of ours). Throws what Xapian throws.
  ShardStoryFacets(std::vector<Xapian::Database>& shards, const Xapian::Query& query, double time_limit);

  [[nodiscard]] Xapian::doccount undated() const { return undated_; }

 private:
  Xapian::doccount undated_ = 0;
};

}  // namespace newsdex
