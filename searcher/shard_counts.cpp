// The match and the totals that counting over shards shares.
#include "searcher/shard_counts.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace newsdex {
namespace {

// Most frequent first, then by value.
void order_and_cut(std::vector<FacetCount>& counts, std::size_t limit) {
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (counts.size() > limit) counts.resize(limit);
}

}  // namespace

Xapian::MSet count_shard_matches(Xapian::Database& shard, const std::string& serialised_query, double time_limit,
                                 Xapian::MatchSpy& spy) {
  Xapian::Enquire enquire(shard);
  enquire.set_query(Xapian::Query::unserialise(serialised_query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (time_limit > 0) enquire.set_time_limit(time_limit);
  enquire.add_matchspy(&spy);
  return enquire.get_mset(0, 0, shard.get_doccount());
}

bool counted_every_match(const Xapian::MSet& mset, Xapian::doccount counted) {
  return mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
         counted == mset.get_matches_lower_bound();
}

void FacetTotals::add(std::size_t facet_index, const std::string& name, Xapian::doccount count) {
  Value& value = values_[facet_index][fold_case(name)];
  if (value.name.empty()) value.name = name;
  value.count += count;
}

void FacetTotals::add_month(const std::string& month, Xapian::doccount count) { months_[month] += count; }

std::vector<FacetCount> FacetTotals::at_least(Facet facet, Xapian::doccount min_count) const {
  std::vector<FacetCount> result;
  for (const auto& [key, value] : values_[facet_index(facet)]) {
    if (value.count >= min_count) result.push_back({value.name, value.count, 0, std::nullopt});
  }
  return result;
}

std::vector<FacetCount> FacetTotals::top(Facet facet, std::size_t limit) const {
  std::vector<FacetCount> result = at_least(facet, 1);
  order_and_cut(result, limit);
  return result;
}

std::vector<FacetCount> FacetTotals::top_months(std::size_t limit) const {
  std::vector<FacetCount> result;
  for (const auto& [month, count] : months_) result.push_back({month, count, 0, std::nullopt});
  order_and_cut(result, limit);
  std::sort(result.begin(), result.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
  return result;
}

Xapian::doccount FacetTotals::dated() const {
  Xapian::doccount dated = 0;
  for (const auto& [month, count] : months_) dated += count;
  return dated;
}

}  // namespace newsdex
