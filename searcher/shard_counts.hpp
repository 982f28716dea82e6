// What counting over shards shares: the match each shard runs for a count, and the facet
// and month counts added across shards by name.
#pragma once

#include <xapian.h>

#include <array>
#include <future>
#include <map>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "searcher/facet_counter.hpp"

namespace newsdex {

// Runs the serialised query on shard with spy seeing every match, in docid order,
// unweighted; time_limit in seconds, 0: none.
Xapian::MSet count_shard_matches(Xapian::Database& shard, const std::string& serialised_query, double time_limit,
                                 Xapian::MatchSpy& spy);

// count(shard, serialised query, time_limit) on every shard at once, one thread each (the
// caller waits), its results in the shards' order. The query goes serialised, so that each
// thread builds its own: Xapian's reference counts are not atomic.
template <typename CountShard>
auto count_each_shard(std::vector<Xapian::Database>& shards, const Xapian::Query& query, double time_limit,
                      CountShard count) {
  using Counts = decltype(count(shards.front(), std::string(), time_limit));
  const std::string serialised = query.serialise();
  std::vector<std::future<Counts>> counting;
  for (Xapian::Database& shard : shards) {
    counting.push_back(std::async(std::launch::async, [&shard, &serialised, time_limit, count] {
      return count(shard, serialised, time_limit);
    }));
  }
  std::vector<Counts> all;
  for (auto& shard : counting) all.push_back(shard.get());
  return all;
}

// Whether mset's match saw every match and the spy counted all of them (no time limit cut
// the match short).
[[nodiscard]] bool counted_every_match(const Xapian::MSet& mset, Xapian::doccount counted);

// Facet values and months counted shard by shard, added by name (case aside), as disjoint
// shards' counts add; read as a FacetCounter is. The classes that count fill it.
class FacetTotals {
 public:
  // What was counted (articles or stories, added over shards).
  [[nodiscard]] Xapian::doccount documents() const { return documents_; }
  // Whether every shard counted all its matches (no time limit cut one short).
  [[nodiscard]] bool exact() const { return exact_; }
  // As FacetCounter's.
  [[nodiscard]] std::vector<FacetCount> top(Facet facet, std::size_t limit) const;
  [[nodiscard]] std::vector<FacetCount> at_least(Facet facet, Xapian::doccount min_count) const;
  [[nodiscard]] std::vector<FacetCount> top_months(std::size_t limit) const;

 protected:
  void add(std::size_t facet_index, const std::string& name, Xapian::doccount count);
  // month as "YYYY-MM".
  void add_month(const std::string& month, Xapian::doccount count);
  // The counts of every month added up.
  [[nodiscard]] Xapian::doccount dated() const;

  Xapian::doccount documents_ = 0;
  bool exact_ = true;

 private:
  struct Value {
    std::string name;  // as the first shard that has it spells it
    Xapian::doccount count = 0;
  };
  // By facet, then by case-folded name.
  std::array<std::map<std::string, Value>, kFacetFields.size()> values_;
  std::map<std::string, Xapian::doccount> months_;  // by "YYYY-MM"
};

}  // namespace newsdex
