// Counting facet values over all matches.
#include "searcher/facet_counter.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace newsdex {

namespace {

// kFacetFields index of each tag in the facets slot, or -1.
constexpr std::array<int, 128> facet_index_by_tag() {
  std::array<int, 128> index{};
  for (auto& entry : index) entry = -1;
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    index[static_cast<unsigned char>(kFacetFields[i].tag)] = static_cast<int>(i);
  }
  return index;
}

constexpr std::array<int, 128> kFacetIndexByTag = facet_index_by_tag();

}  // namespace

void FacetCounter::count(Counts& counts, std::string_view value) {
  if (const auto it = counts.find(value); it != counts.end()) {
    ++it->second;
  } else {
    counts.emplace(value, 1);
  }
}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++documents_;
  // One read for all facets; exact spellings are counted here, in the hot loop, and case
  // variants merged once, in top_of.
  const std::string values = doc.get_value(slot_number(Slot::facets));
  std::string_view rest = values;
  while (!rest.empty()) {
    const auto end = rest.find(kListSeparator);
    const std::string_view entry = rest.substr(0, end);
    if (entry.size() > 1) {
      const auto tag = static_cast<unsigned char>(entry.front());
      if (tag < kFacetIndexByTag.size() && kFacetIndexByTag[tag] >= 0) {
        count(counts_[static_cast<std::size_t>(kFacetIndexByTag[tag])], entry.substr(1));
      }
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  const std::string date = doc.get_value(slot_number(Slot::date));
  if (date.size() >= 6) {
    const char month[] = {date[0], date[1], date[2], date[3], '-', date[4], date[5]};
    count(months_, std::string_view(month, sizeof month));
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
