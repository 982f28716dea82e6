// Counting strings case-insensitively, for facet counts over every matching article.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;
};

// Counts values, merging those that differ only in case ("OPEC", "Opec") under their most
// frequent spelling. Built for the hot loop of facet counting: a value already seen costs a
// case fold into a reused buffer, one hash and one probe of an open-addressing table, and
// allocates nothing; each distinct value is copied once, into one arena.
class FoldedCounts {
 public:
  void add(std::string_view value);

  // The most frequent values, at most limit, by count then spelling.
  [[nodiscard]] std::vector<FacetCount> top(std::size_t limit) const;

 private:
  struct Slot {
    std::uint64_t hash = 0;
    Xapian::doccount count = 0;           // 0: the slot is free
    Xapian::doccount spelling_count = 0;  // of the first spelling seen
    std::uint32_t folded_offset = 0;      // the folded form, then the first spelling, in arena_
    std::uint32_t folded_size = 0;
    std::uint32_t spelling_size = 0;
    bool has_variants = false;
  };

  [[nodiscard]] std::string_view folded_of(const Slot& slot) const;
  [[nodiscard]] std::string_view spelling_of(const Slot& slot) const;
  [[nodiscard]] std::string best_spelling(const Slot& slot) const;
  void grow();

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  std::string arena_;
  std::string folded_;  // reused for each value's fold
  // Counts of spellings other than a value's first, keyed by spelling; rare in practice.
  std::unordered_map<std::string, Xapian::doccount> variant_counts_;
};

}  // namespace newsdex
