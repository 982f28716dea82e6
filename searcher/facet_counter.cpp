// Counting facet values over all matches.
#include "searcher/facet_counter.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace newsdex {

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++documents_;
  // Count exact spellings here, in the hot loop; case variants are merged once, in top_of.
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    const std::string value = doc.get_value(slot_number(kFacetFields[i].slot));
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto end = rest.find(kListSeparator);
      ++counts_[i][std::string(rest.substr(0, end))];
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  const std::string date = doc.get_value(slot_number(Slot::date));
  if (date.size() >= 6) {
    std::string month = date.substr(0, 4);
    month += '-';
    month += date.substr(4, 2);
    ++months_[month];
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
  struct Merged {
    FacetCount total;
    Xapian::doccount best_spelling_count = 0;
  };
  std::unordered_map<std::string, Merged> merged;
  for (const auto& [value, count] : counts) {
    Merged& entry = merged[fold_case(value)];
    entry.total.count += count;
    if (count > entry.best_spelling_count ||
        (count == entry.best_spelling_count && value < entry.total.value)) {
      entry.best_spelling_count = count;
      entry.total.value = value;
    }
  }
  std::vector<FacetCount> result;
  result.reserve(merged.size());
  for (auto& [key, entry] : merged) result.push_back(std::move(entry.total));
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
