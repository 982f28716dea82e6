// Stories met by a per-story facet count, and the facet entries each has counted.
#include "searcher/story_values.hpp"

#include <algorithm>

#include "common/schema.hpp"

namespace newsdex {
namespace {

// Fibonacci hashing: story keys are hex digits read as a number, or docids, both of which
// differ mostly in their low bits.
std::size_t slot_of(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

constexpr std::uint64_t entry_key(const FacetEntry& entry) {
  return std::uint64_t{entry.facet_index} << 32 | entry.ordinal;
}

}  // namespace

std::pair<std::uint32_t, bool> StoryValues::find_or_add(std::uint64_t key) {
  if ((keys_.size() + 1) * 2 > table_.size()) grow_table();
  const std::size_t mask = table_.size() - 1;
  for (std::size_t at = slot_of(key, mask);; at = (at + 1) & mask) {
    Slot& slot = table_[at];
    if (slot.key == key) return {slot.story, false};
    if (slot.key == kEmptyKey) {
      slot.key = key;
      slot.story = static_cast<std::uint32_t>(keys_.size());
      keys_.push_back(key);
      stories_.emplace_back();
      return {slot.story, true};
    }
  }
}

void StoryValues::grow_table() {
  std::vector<Slot> old = std::move(table_);
  table_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
  const std::size_t mask = table_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.key == kEmptyKey) continue;
    std::size_t at = slot_of(slot.key, mask);
    while (table_[at].key != kEmptyKey) at = (at + 1) & mask;
    table_[at] = slot;
  }
}

void StoryValues::keep_first(std::uint32_t story, std::string_view bytes, bool dated) {
  Story& kept = stories_[story];
  kept.begin = first_bytes_.size();
  kept.size = static_cast<std::uint32_t>(bytes.size());
  kept.dated = dated;
  first_bytes_.append(bytes);
}

std::vector<std::uint64_t>& StoryValues::set_of(std::uint32_t story) {
  Story& kept = stories_[story];
  if (kept.set != kNoSet) return sets_[kept.set];
  kept.set = static_cast<std::uint32_t>(sets_.size());
  std::vector<std::uint64_t>& set = sets_.emplace_back();
  std::string_view bytes(first_bytes_.data() + kept.begin, kept.size);
  FacetEntry entry;
  while (next_facet_entry(bytes, entry)) set.push_back(entry_key(entry));
  // The slot lists each entry once, but a damaged one may repeat one.
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

bool StoryValues::add(std::uint32_t story, std::uint64_t key) {
  std::vector<std::uint64_t>& set = set_of(story);
  const auto at = std::lower_bound(set.begin(), set.end(), key);
  if (at != set.end() && *at == key) return false;
  set.insert(at, key);
  if (key >> 32 == kMonthEntryIndex) stories_[story].dated = true;
  return true;
}

std::vector<std::uint64_t> StoryValues::entries(std::uint32_t story) const {
  const Story& kept = stories_[story];
  if (kept.set != kNoSet) return sets_[kept.set];
  std::vector<std::uint64_t> entries;
  std::string_view bytes(first_bytes_.data() + kept.begin, kept.size);
  FacetEntry entry;
  while (next_facet_entry(bytes, entry)) entries.push_back(entry_key(entry));
  return entries;
}

void StoryValues::copy(std::uint32_t ours, const StoryValues& other, std::uint32_t story) {
  const Story& theirs = other.stories_[story];
  if (theirs.set == kNoSet) {
    keep_first(ours, std::string_view(other.first_bytes_.data() + theirs.begin, theirs.size), theirs.dated);
    return;
  }
  Story& kept = stories_[ours];
  kept.set = static_cast<std::uint32_t>(sets_.size());
  kept.dated = theirs.dated;
  sets_.push_back(other.sets_[theirs.set]);
}

}  // namespace newsdex
