// Word clusters for the tagger's cluster features: each known word (lower-cased) has the bit
// string of its Brown cluster, learned from unlabeled news by tools/newsdex-learn-clusters. Read
// from data/models/word_clusters.tsv at training time and stored in the model, like the
// gazetteer, so tagging needs no files.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::ner {

// A path from the root of the cluster tree: its first length bits, the first one the most
// significant (path "0110" is bits 0b0110, length 4). length 0: the word has no cluster.
struct ClusterPath {
  std::uint32_t bits = 0;
  std::uint8_t length = 0;
  friend bool operator==(const ClusterPath&, const ClusterPath&) = default;
};

class WordClusters {
 public:
  // Paths keep at most this many bits; longer paths are cut (the features use at most 20).
  static constexpr std::size_t kMaxPathBits = 32;

  // Adds word (lower-cased here) with its path, a string of '0' and '1'. Throws
  // std::invalid_argument when the path is empty or holds another character.
  void add(std::string_view word, std::string_view path);

  // Reads the learner's TSV, one "path<TAB>word[<TAB>count]" per line; empty lines and lines
  // starting with '#' are skipped. Throws std::invalid_argument naming the line number when a
  // line has no word or a bad path.
  void add_tsv(std::string_view content);

  // The path of the word whose lower-case hash_text is lower_hash; length 0 when unknown.
  [[nodiscard]] ClusterPath lookup(std::uint64_t lower_hash) const {
    if (lower_hash == 0 || slots_.empty()) return {};
    for (std::size_t slot = lower_hash & mask_;; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.key == lower_hash) return s.path;
      if (s.key == 0) return {};
    }
  }

  // Every (word hash, path), for the model writer; set_entry restores one when loading.
  [[nodiscard]] const std::unordered_map<std::uint64_t, ClusterPath>& entries() const {
    return entries_;
  }
  void set_entry(std::uint64_t lower_hash, ClusterPath path);
  [[nodiscard]] bool empty() const { return entries_.empty(); }

 private:
  // entries_ is authoritative; slots_ mirrors it as a flat open-addressing table (load <= 1/2,
  // key 0 = empty) for the one lookup per token the tagger makes.
  struct Slot {
    std::uint64_t key = 0;
    ClusterPath path;
  };
  void rebuild_slots();

  std::unordered_map<std::uint64_t, ClusterPath> entries_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// The first prefix_bits bits of path (all of it when shorter), as a ClusterPath.
[[nodiscard]] constexpr ClusterPath path_prefix(ClusterPath path, std::uint8_t prefix_bits) {
  if (path.length <= prefix_bits) return path;
  return ClusterPath{path.bits >> (path.length - prefix_bits), prefix_bits};
}

}  // namespace newsdex::ner
