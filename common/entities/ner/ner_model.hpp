// The tagger's weights: one row of label scores per feature hash, label transition scores, and
// the gazetteer and word clusters the features were trained with. Saved as a compact binary file (sparse rows of
// 16-bit quantized weights) that ships in data/models/ and is embedded in the binaries.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/entities/ner/gazetteer.hpp"
#include "common/entities/ner/ner_labels.hpp"
#include "common/entities/ner/word_clusters.hpp"

namespace newsdex::ner {

// Transition scores: from(previous, label), and start(label) for the first token.
struct Transitions {
  std::array<float, (kNumLabels + 1) * kNumLabels> weights{};
  [[nodiscard]] float from(Label previous, Label label) const {
    return weights[previous * kNumLabels + label];
  }
  [[nodiscard]] float start(Label label) const { return weights[kNumLabels * kNumLabels + label]; }
  float& from(Label previous, Label label) { return weights[previous * kNumLabels + label]; }
  float& start(Label label) { return weights[kNumLabels * kNumLabels + label]; }
};

class NerModel {
 public:
  NerModel() = default;
  // keys[i] owns weights[i * kNumLabels, (i + 1) * kNumLabels); keys must be distinct.
  NerModel(std::vector<std::uint64_t> keys, std::vector<float> weights, Transitions transitions,
           Gazetteer gazetteer, WordClusters clusters = {});

  // Parses a saved model. Throws std::runtime_error when the bytes are not a model file.
  [[nodiscard]] static NerModel load(std::string_view bytes);

  // The model file: weights quantized to 16 bits; rows whose largest weight is below
  // prune_below (in weight units) are dropped.
  [[nodiscard]] std::string save(float prune_below = 0.0F) const;

  // The weight row of a feature, or nullptr when the model does not know it.
  [[nodiscard]] const float* row(std::uint64_t key) const {
    const Slot* slot = find(key);
    return slot ? weights_.data() + static_cast<std::size_t>(slot->row) * kNumLabels : nullptr;
  }

  // scores[l] += row(model_key(k))[l] for every key k in [begin, end) that the model knows, in
  // that order: the tagger's inner loop. Bit-identical to adding the rows one by one, but reads
  // one 32-byte slot per key instead of a key, a row index and a weight row in three places, and
  // keeps the running sums in registers. Also prefetches the slot of the key kPrefetchDistance
  // ahead of each one, as long as that key is before prefetch_end (the caller's keys are
  // contiguous and known in advance, and the table is larger than L2). Keys the filter rules
  // out read no slot and are not prefetched.
  void add_rows(const std::uint64_t* begin, const std::uint64_t* end,
                const std::uint64_t* prefetch_end, float* scores) const;

  [[nodiscard]] const Transitions& transitions() const { return transitions_; }
  [[nodiscard]] const Gazetteer& gazetteer() const { return gazetteer_; }
  [[nodiscard]] const WordClusters& clusters() const { return clusters_; }
  [[nodiscard]] std::size_t rows() const { return keys_.size(); }
  // Distinct for every model built or loaded in this process (copies share it): a key for
  // caches of weight sums that outlive one document.
  [[nodiscard]] std::uint64_t id() const { return id_; }

 private:
  // One open-addressing slot: the key, the row index and, for loaded models, the quantized
  // weights themselves, so a lookup touches one cache line. key 0 marks an empty slot.
  struct alignas(32) Slot {
    std::uint64_t key = 0;
    std::array<std::int16_t, kNumLabels> q{};
    std::uint32_t row = 0;
  };
  static_assert(sizeof(Slot) == 32);

  // A blocked Bloom filter over the keys, two bits in one 64-bit word per key, 8 to 16 bits
  // per key: about a fifth of the tagger's lookups are features the model does not know, and
  // the filter (128 KB for the shipped model) answers most of them from L2 instead of a random
  // slot of the 8 MB table. Its bits come from key bits above any slot index.
  [[nodiscard]] std::uint64_t& filter_word(std::uint64_t key) {
    return filter_[static_cast<std::size_t>(key >> 20) & filter_mask_];
  }
  [[nodiscard]] static std::uint64_t filter_bits(std::uint64_t key) {
    return (std::uint64_t{1} << ((key >> 40) & 63)) | (std::uint64_t{1} << ((key >> 46) & 63));
  }
  [[nodiscard]] bool maybe_known(std::uint64_t key) const {
    const std::uint64_t bits = filter_bits(key);
    return (filter_[static_cast<std::size_t>(key >> 20) & filter_mask_] & bits) == bits;
  }

  [[nodiscard]] const Slot* find(std::uint64_t key) const {
    if (mask_ == 0 || !maybe_known(key)) return nullptr;
    for (std::size_t slot = static_cast<std::size_t>(key) & mask_;; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.key == key) return &s;
      if (s.key == 0) return nullptr;
    }
  }

  // quantized: per-row int16 weights (kNumLabels each, row order) with weights_ == scale_ * q.
  void build_index(const std::vector<std::int16_t>* quantized = nullptr);

  std::vector<std::uint64_t> keys_;
  std::vector<float> weights_;
  Transitions transitions_;
  Gazetteer gazetteer_;
  WordClusters clusters_;
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> filter_;  // a power of two of words
  // filter_.size() - 1, kept because the tagger asks the filter twice per feature (prefetch and
  // lookup) and the size is otherwise recomputed from the vector's pointers each time.
  std::size_t filter_mask_ = 0;
  std::size_t mask_ = 0;
  bool quantized_ = false;
  float scale_ = 1.0F;
  std::uint64_t id_ = 0;
};

// Feature hashes are never 0 (0 marks an empty slot); this maps a hash into the key space.
[[nodiscard]] constexpr std::uint64_t model_key(std::uint64_t hash) { return hash == 0 ? 1 : hash; }

}  // namespace newsdex::ner
