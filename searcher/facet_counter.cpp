// Counting facet values over all matches.
#include "searcher/facet_counter.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace newsdex {

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    const std::string value = doc.get_value(slot_number(kFacetFields[i].slot));
    if (value.empty()) continue;
    for (auto& name : split_list_value(value)) {
      Tally& tally = counts_[i][fold_case(name)];
      if (tally.count++ == 0) tally.display = std::move(name);
    }
  }
  const std::string date = doc.get_value(slot_number(Slot::date));
  if (date.size() >= 6) {
    std::string month = date.substr(0, 4) + "-" + date.substr(4, 2);
    Tally& tally = months_[month];
    if (tally.count++ == 0) tally.display = std::move(month);
  }
}

std::vector<FacetCount> FacetCounter::top(Facet facet, std::size_t limit) const {
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    if (kFacetFields[i].facet == facet) return top_of(counts_[i], limit);
  }
  return {};
}

std::vector<FacetCount> FacetCounter::top_months(std::size_t limit) const {
  return top_of(months_, limit);
}

std::vector<FacetCount> FacetCounter::top_of(const Counts& counts, std::size_t limit) {
  std::vector<FacetCount> result;
  result.reserve(counts.size());
  for (const auto& [key, tally] : counts) result.push_back({tally.display, tally.count});
  const auto by_count = [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (limit < result.size()) {
    std::partial_sort(result.begin(), result.begin() + static_cast<std::ptrdiff_t>(limit),
                      result.end(), by_count);
    result.resize(limit);
  } else {
    std::sort(result.begin(), result.end(), by_count);
  }
  return result;
}

}  // namespace newsdex
