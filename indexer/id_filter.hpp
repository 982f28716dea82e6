// A Bloom filter of document id terms: which ids a closed shard may hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsdex {

// Answers "may this id be in the set?" with no false negatives and about 1% false positives,
// in 10 bits per id. A writer asks it before looking an id up in each earlier shard, so the
// lookups per article stay about one in a hundred per shard however many shards there are.
class IdFilter {
 public:
  // A filter sized for expected ids (more still work, with more false positives).
  explicit IdFilter(std::size_t expected);

  void add(std::string_view id_term);
  [[nodiscard]] bool may_contain(std::string_view id_term) const;

 private:
  static constexpr int kProbes = 7;  // optimal for 10 bits per id: ln 2 * 10

  // Calls visit(word, mask) for each of the id's kProbes bits until it returns false.
  template <typename Visit>
  void probe(std::string_view id_term, Visit visit) const;

  std::vector<std::uint64_t> bits_;
};

}  // namespace newsdex
