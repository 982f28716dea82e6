// Case-insensitive counting with an open-addressing table of fingerprints.
#include "searcher/folded_counts.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kInitialSlots = 256;
constexpr std::uint64_t kPrimeA = 0x100000001b3ULL;       // FNV-1a's 64-bit prime
constexpr std::uint64_t kPrimeB = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio, odd
constexpr std::uint64_t kBasis = 0xcbf29ce484222325ULL;   // FNV-1a's offset basis

// Mixes all bits into the low ones used to pick a slot.
constexpr std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

FoldedCounts::Fingerprint FoldedCounts::fingerprint(std::string_view value) {
  std::uint64_t folded_a = kBasis;
  std::uint64_t folded_b = kBasis ^ kPrimeB;
  std::uint64_t exact = kBasis;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      // Beyond ASCII, case folding is Unicode's business; rare enough to allocate for.
      folded_a = kBasis;
      folded_b = kBasis ^ kPrimeB;
      for (const char f : fold_case(value)) {
        folded_a = (folded_a ^ static_cast<unsigned char>(f)) * kPrimeA;
        folded_b = (folded_b ^ static_cast<unsigned char>(f)) * kPrimeB;
      }
      exact = kBasis;
      for (const char e : value) exact = (exact ^ static_cast<unsigned char>(e)) * kPrimeA;
      break;
    }
    const unsigned folded = (byte >= 'A' && byte <= 'Z') ? byte + ('a' - 'A') : byte;
    folded_a = (folded_a ^ folded) * kPrimeA;
    folded_b = (folded_b ^ folded) * kPrimeB;
    exact = (exact ^ byte) * kPrimeA;
  }
  // The high halves of FNV-style products mix best.
  return {folded_a, static_cast<std::uint32_t>(folded_b >> 32), static_cast<std::uint32_t>(exact >> 32)};
}

std::string_view FoldedCounts::spelling_of(const Slot& slot) const {
  const Spelling& spelling = spellings_[slot.spelling];
  return std::string_view(arena_).substr(spelling.offset, spelling.size);
}

void FoldedCounts::add(std::string_view value) {
  if (slots_.empty()) slots_.resize(kInitialSlots);
  const Fingerprint print = fingerprint(value);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = mix(print.folded_a) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.count == 0) {
      slot = {print.folded_a, print.folded_b, print.exact, 1,
              static_cast<std::uint32_t>(spellings_.size())};
      spellings_.push_back({static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(value.size())});
      arena_ += value;
      // At most half full, so probes stay short.
      if (++used_ * 2 > slots_.size()) grow();
      return;
    }
    if (slot.folded_a != print.folded_a || slot.folded_b != print.folded_b) continue;
    ++slot.count;
    if (slot.exact != print.exact) ++variant_counts_[std::string(value)];
    return;
  }
}

void FoldedCounts::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.count == 0) continue;
    std::size_t i = mix(slot.folded_a) & mask;
    while (slots_[i].count != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

// The most frequent of the value's spellings; the first in byte order among equals.
std::string FoldedCounts::best_spelling(const Slot& slot) const {
  std::string best(spelling_of(slot));
  if (variant_counts_.empty()) return best;
  // The first spelling's count is what its variants leave.
  Xapian::doccount best_count = slot.count;
  std::vector<std::pair<const std::string*, Xapian::doccount>> variants;
  for (const auto& [spelling, count] : variant_counts_) {
    const Fingerprint print = fingerprint(spelling);
    if (print.folded_a != slot.folded_a || print.folded_b != slot.folded_b) continue;
    variants.emplace_back(&spelling, count);
    best_count -= count;
  }
  for (const auto& [spelling, count] : variants) {
    if (count < best_count || (count == best_count && *spelling > best)) continue;
    best = *spelling;
    best_count = count;
  }
  return best;
}

std::vector<FacetCount> FoldedCounts::top(std::size_t limit) const {
  if (limit == 0) return {};
  std::vector<const Slot*> counted;
  counted.reserve(used_);
  for (const Slot& slot : slots_) {
    if (slot.count != 0) counted.push_back(&slot);
  }
  // Select by count first (linear); spellings are needed only for the values that make the
  // cut, all of those tied with the last one included.
  if (counted.size() > limit) {
    const auto by_count = [](const Slot* a, const Slot* b) { return a->count > b->count; };
    std::nth_element(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(limit - 1),
                     counted.end(), by_count);
    const Xapian::doccount cut = counted[limit - 1]->count;
    counted.erase(std::remove_if(counted.begin(), counted.end(),
                                 [cut](const Slot* slot) { return slot->count < cut; }),
                  counted.end());
  }
  std::vector<FacetCount> result;
  result.reserve(counted.size());
  for (const Slot* slot : counted) result.push_back({best_spelling(*slot), slot->count});
  std::sort(result.begin(), result.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (result.size() > limit) result.resize(limit);
  return result;
}

}  // namespace newsdex
