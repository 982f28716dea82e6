// The stories a per-story facet count has met, numbered densely, and the values each has counted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

// Per story met among a search's matches: a number from 0 in the order met (looked up by the
// story's key in one open-addressing table, so that a match costs no allocation and hashes
// no string) and the facet entries counted for it, as (facet index << 32 | ordinal).
//
// Most stories are met through one matching article, whose entries need no deduplication
// (the facets slot lists each value once): a story met once keeps its article's facets slot
// bytes as they are, in one array shared by every story. Only a story met again gets a
// sorted set of its entries, built then.
class StoryValues {
 public:
  static constexpr std::uint64_t kEmptyKey = 0;

  // The story of key (never kEmptyKey): its number, and whether it is new.
  std::pair<std::uint32_t, bool> find_or_add(std::uint64_t key);
  // How many stories have been met.
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(keys_.size()); }
  [[nodiscard]] std::uint64_t key(std::uint32_t story) const { return keys_[story]; }
  // Whether any entry of the story was a month (an article with a date).
  [[nodiscard]] bool dated(std::uint32_t story) const { return stories_[story].dated; }

  // Notes the facets slot bytes of a new story's first article, whose entries are all new
  // to it (the caller counts them), and whether they hold a month.
  void keep_first(std::uint32_t story, std::string_view bytes, bool dated);
  // Adds key to the story's entries (a month dates the story); false if the story had
  // counted it already.
  bool add(std::uint32_t story, std::uint64_t key);
  // The story's entries, in no set order.
  [[nodiscard]] std::vector<std::uint64_t> entries(std::uint32_t story) const;
  // Gives a new story (numbered here) what story counted in other.
  void copy(std::uint32_t ours, const StoryValues& other, std::uint32_t story);

 private:
  static constexpr std::uint32_t kNoSet = UINT32_MAX;

  struct Story {
    // While the story holds one article's entries: its bytes, first_bytes_[begin, begin + size).
    std::size_t begin = 0;
    std::uint32_t size = 0;
    // Once met again: its entries, sorted, in sets_[set].
    std::uint32_t set = kNoSet;
    bool dated = false;
  };
  struct Slot {
    std::uint64_t key = kEmptyKey;
    std::uint32_t story = 0;
  };

  void grow_table();
  // The story's entries as a sorted set, built from its first article's bytes if need be.
  std::vector<std::uint64_t>& set_of(std::uint32_t story);

  std::vector<Slot> table_;  // a power of two in size, at most half full
  std::vector<std::uint64_t> keys_;  // by story number
  std::vector<Story> stories_;       // by story number
  std::string first_bytes_;
  std::vector<std::vector<std::uint64_t>> sets_;
};

}  // namespace newsdex
