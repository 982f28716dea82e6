// Counting facets shard by shard with Xapian's ValueCountMatchSpy.
#include "searcher/shard_facets.hpp"

#include <algorithm>
#include <cstdio>
#include <future>
#include <unordered_map>

#include "common/text.hpp"
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
  Xapian::Enquire enquire(shard);
  enquire.set_query(Xapian::Query::unserialise(serialised_query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (time_limit > 0) enquire.set_time_limit(time_limit);
  Xapian::ValueCountMatchSpy spy(slot_number(Slot::facets));
  enquire.add_matchspy(&spy);
  const Xapian::MSet mset = enquire.get_mset(0, 0, shard.get_doccount());

  ShardCounts counts;
  counts.documents = spy.get_total();
  counts.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
                 counts.documents == mset.get_matches_lower_bound();
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

// Most frequent first, then by value.
void order_and_cut(std::vector<FacetCount>& counts, std::size_t limit) {
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (counts.size() > limit) counts.resize(limit);
}

}  // namespace

ShardFacets::ShardFacets(std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                         double time_limit) {
  // Xapian's reference counts are not atomic: each thread builds its own query.
  const std::string serialised = query.serialise();
  std::vector<std::future<ShardCounts>> counting;
  for (Xapian::Database& shard : shards) {
    counting.push_back(std::async(std::launch::async, [&shard, &serialised, time_limit] {
      return count_shard(shard, serialised, time_limit);
    }));
  }
  std::vector<ShardCounts> all;
  for (auto& shard : counting) all.push_back(shard.get());
  for (const ShardCounts& counts : all) {
    documents_ += counts.documents;
    exact_ = exact_ && counts.exact;
    for (const auto& [month, count] : counts.months) months_[month] += count;
    for (std::size_t facet = 0; facet < counts.values.size(); ++facet) {
      for (const auto& [name, count] : counts.values[facet]) {
        Value& value = values_[facet][fold_case(name)];
        if (value.name.empty()) value.name = name;
        value.count += count;
      }
    }
  }
}

std::vector<FacetCount> ShardFacets::at_least(Facet facet, Xapian::doccount min_count) const {
  std::vector<FacetCount> result;
  for (const auto& [key, value] : values_[facet_index(facet)]) {
    if (value.count >= min_count) result.push_back({value.name, value.count, 0, std::nullopt});
  }
  return result;
}

std::vector<FacetCount> ShardFacets::top(Facet facet, std::size_t limit) const {
  std::vector<FacetCount> result = at_least(facet, 1);
  order_and_cut(result, limit);
  return result;
}

std::vector<FacetCount> ShardFacets::top_months(std::size_t limit) const {
  std::vector<FacetCount> result;
  for (const auto& [month, count] : months_) {
    char text[16];
    std::snprintf(text, sizeof text, "%04u-%02u", month / 12, month % 12 + 1);
    result.push_back({text, count, 0, std::nullopt});
  }
  order_and_cut(result, limit);
  std::sort(result.begin(), result.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
  return result;
}

Xapian::doccount ShardFacets::undated() const {
  Xapian::doccount dated = 0;
  for (const auto& [month, count] : months_) dated += count;
  return documents_ - dated;
}

}  // namespace newsdex
