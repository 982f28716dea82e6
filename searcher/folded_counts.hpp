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
// frequent spelling.
//
// Built for the hot loop of facet counting, which adds every facet value of every matching
// article: a value is known by a 96-bit fingerprint of its case-folded form (two hashes
// computed in one pass over its bytes), so adding one already seen touches a single
// slot of an open-addressing table and no string. Two different values would have to agree
// in all 96 bits kept to be counted together (odds around 2^-56 for a million values). A third
// hash, of the exact bytes, tells a value's usual spelling from a case variant; each distinct
// value is copied once, into one arena.
class FoldedCounts {
 public:
  void add(std::string_view value);

  // The most frequent values, at most limit, by count then spelling.
  [[nodiscard]] std::vector<FacetCount> top(std::size_t limit) const;

 private:
  struct Fingerprint {
    std::uint64_t folded_a = 0;
    std::uint32_t folded_b = 0;
    std::uint32_t exact = 0;
  };
  // 24 bytes, so that as much of the table as possible stays in cache: the probe for a value
  // is the one memory access of a count. folded_b and exact keep only half their bits.
  struct Slot {
    std::uint64_t folded_a = 0;
    std::uint32_t folded_b = 0;
    std::uint32_t exact = 0;     // of the first spelling seen
    Xapian::doccount count = 0;  // 0: the slot is free
    std::uint32_t spelling = 0;  // index of the first spelling in spellings_
  };
  struct Spelling {
    std::uint32_t offset = 0;  // in arena_
    std::uint32_t size = 0;
  };

  static Fingerprint fingerprint(std::string_view value);
  [[nodiscard]] std::string_view spelling_of(const Slot& slot) const;
  [[nodiscard]] std::string best_spelling(const Slot& slot) const;
  void grow();

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  std::vector<Spelling> spellings_;
  std::string arena_;
  // Counts of spellings other than a value's first, keyed by spelling; rare in practice.
  std::unordered_map<std::string, Xapian::doccount> variant_counts_;
};

}  // namespace newsdex
