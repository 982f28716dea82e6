// The Bloom filter of id terms.
#include "indexer/id_filter.hpp"

#include <algorithm>
#include <functional>

namespace newsdex {
namespace {

constexpr std::size_t kBitsPerId = 10;

// A second, independent hash from the first (splitmix64's finalizer).
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

IdFilter::IdFilter(std::size_t expected)
    : bits_(std::max<std::size_t>(1, (expected * kBitsPerId + 63) / 64)) {}

// Probe i is at h1 + i * h2 (Kirsch and Mitzenmacher): two hashes do the work of kProbes.
template <typename Visit>
void IdFilter::probe(std::string_view id_term, Visit visit) const {
  const std::uint64_t h1 = std::hash<std::string_view>{}(id_term);
  const std::uint64_t h2 = mix(h1) | 1;
  const std::uint64_t size = bits_.size() * 64;
  for (int i = 0; i < kProbes; ++i) {
    const std::uint64_t bit = (h1 + static_cast<std::uint64_t>(i) * h2) % size;
    if (!visit(bit / 64, std::uint64_t{1} << (bit % 64))) return;
  }
}

void IdFilter::add(std::string_view id_term) {
  probe(id_term, [this](std::size_t word, std::uint64_t mask) {
    bits_[word] |= mask;
    return true;
  });
}

bool IdFilter::may_contain(std::string_view id_term) const {
  bool all_set = true;
  probe(id_term, [&](std::size_t word, std::uint64_t mask) {
    all_set = (bits_[word] & mask) != 0;
    return all_set;
  });
  return all_set;
}

}  // namespace newsdex
