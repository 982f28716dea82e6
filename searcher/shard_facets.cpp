// Counting facets shard by shard with Xapian's ValueCountMatchSpy.
#include "searcher/shard_facets.hpp"

#include <cstdio>
#include <unordered_map>

#include "searcher/facet_name_blocks.hpp"

namespace newsdex {
namespace {

// One shard's counts, its ordinals already named.
struct ShardCounts {
  std::array<std::vector<std::pair<std::string, Xapian::doccount>>, kFacetFields.size()> values;
  std::unordered_map<std::uint32_t, Xapian::doccount> months;
  Xapian::doccount documents = 0;
  bool exact = true;
};

ShardCounts count_shard(Xapian::Database& shard, const std::string& serialised_query, double time_limit) {
  Xapian::ValueCountMatchSpy spy(slot_number(Slot::facets));
  const Xapian::MSet mset = count_shard_matches(shard, serialised_query, time_limit, spy);
  ShardCounts counts;
  counts.documents = spy.get_total();
  counts.exact = counted_every_match(mset, counts.documents);
  std::array<std::unordered_map<std::uint32_t, Xapian::doccount>, kFacetFields.size()> ordinals;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string value = *it;
    const Xapian::doccount count = it.get_termfreq();
    std::string_view rest = value;
    FacetEntry entry;
    while (next_facet_entry(rest, entry)) {
      if (entry.facet_index == kMonthEntryIndex) {
        counts.months[entry.ordinal] += count;
      } else {
        ordinals[entry.facet_index][entry.ordinal] += count;
      }
    }
  }
  FacetNameBlocks names(shard);
  for (std::size_t facet = 0; facet < ordinals.size(); ++facet) {
    for (const auto& [ordinal, count] : ordinals[facet]) {
      std::string name = names.name(ordinal);
      if (name.empty()) name = "#" + std::to_string(ordinal);
      counts.values[facet].emplace_back(std::move(name), count);
    }
  }
  return counts;
}

}  // namespace

ShardFacets::ShardFacets(std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                         double time_limit) {
  const std::vector<ShardCounts> all = count_each_shard(shards, query, time_limit, count_shard);
  for (const ShardCounts& counts : all) {
    documents_ += counts.documents;
    exact_ = exact_ && counts.exact;
    for (const auto& [month, count] : counts.months) {
      char text[16];
      std::snprintf(text, sizeof text, "%04u-%02u", month / 12, month % 12 + 1);
      add_month(text, count);
    }
    for (std::size_t facet = 0; facet < counts.values.size(); ++facet) {
      for (const auto& [name, count] : counts.values[facet]) add(facet, name, count);
    }
  }
}

}  // namespace newsdex
