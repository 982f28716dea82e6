// Case-insensitive counting with an open-addressing table.
#include "searcher/folded_counts.hpp"

#include <algorithm>
#include <functional>

#include "common/text.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kInitialSlots = 256;

// fold_case, without allocating for the common all-ASCII value.
void fold_into(std::string_view value, std::string& folded) {
  folded.clear();
  for (const char c : value) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      folded = fold_case(value);
      return;
    }
    folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
}

}  // namespace

std::string_view FoldedCounts::folded_of(const Slot& slot) const {
  return std::string_view(arena_).substr(slot.folded_offset, slot.folded_size);
}

std::string_view FoldedCounts::spelling_of(const Slot& slot) const {
  return std::string_view(arena_).substr(slot.folded_offset + slot.folded_size, slot.spelling_size);
}

void FoldedCounts::add(std::string_view value) {
  if (slots_.empty()) slots_.resize(kInitialSlots);
  fold_into(value, folded_);
  const std::uint64_t hash = std::hash<std::string_view>{}(folded_);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.count == 0) {
      slot.hash = hash;
      slot.count = 1;
      slot.spelling_count = 1;
      slot.folded_offset = static_cast<std::uint32_t>(arena_.size());
      slot.folded_size = static_cast<std::uint32_t>(folded_.size());
      slot.spelling_size = static_cast<std::uint32_t>(value.size());
      arena_ += folded_;
      arena_ += value;
      // At most half full, so probes stay short.
      if (++used_ * 2 > slots_.size()) grow();
      return;
    }
    if (slot.hash != hash || folded_of(slot) != folded_) continue;
    ++slot.count;
    if (spelling_of(slot) == value) {
      ++slot.spelling_count;
    } else {
      slot.has_variants = true;
      ++variant_counts_[std::string(value)];
    }
    return;
  }
}

void FoldedCounts::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.count == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].count != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

// The most frequent of the value's spellings; the first in byte order among equals.
std::string FoldedCounts::best_spelling(const Slot& slot) const {
  std::string best(spelling_of(slot));
  Xapian::doccount best_count = slot.spelling_count;
  if (!slot.has_variants) return best;
  std::string folded;
  for (const auto& [spelling, count] : variant_counts_) {
    if (count < best_count || (count == best_count && spelling > best)) continue;
    fold_into(spelling, folded);
    if (folded != folded_of(slot)) continue;
    best = spelling;
    best_count = count;
  }
  return best;
}

std::vector<FacetCount> FoldedCounts::top(std::size_t limit) const {
  std::vector<const Slot*> counted;
  counted.reserve(used_);
  for (const Slot& slot : slots_) {
    if (slot.count != 0) counted.push_back(&slot);
  }
  // Select by count first (linear); spellings are needed only for the values that make the
  // cut, all of those tied with the last one included.
  if (limit == 0) return {};
  if (counted.size() > limit) {
    const auto by_count = [](const Slot* a, const Slot* b) { return a->count > b->count; };
    std::nth_element(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(limit - 1),
                     counted.end(), by_count);
    const Xapian::doccount cut = counted[limit - 1]->count;
    counted.erase(std::remove_if(counted.begin(), counted.end(),
                                 [cut](const Slot* slot) { return slot->count < cut; }),
                  counted.end());
  }
  const std::size_t end = counted.size();
  std::vector<FacetCount> result;
  result.reserve(end);
  for (std::size_t i = 0; i < end; ++i) result.push_back({best_spelling(*counted[i]), counted[i]->count});
  std::sort(result.begin(), result.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (result.size() > limit) result.resize(limit);
  return result;
}

}  // namespace newsdex
