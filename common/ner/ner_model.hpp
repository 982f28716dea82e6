// The tagger's weights: one row of label scores per feature hash, label transition scores and
// the gazetteer the features were trained with. Saved as a compact binary file (sparse rows of
// 16-bit quantized weights) that ships in data/models/ and is embedded in the binaries.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/gazetteer.hpp"
#include "common/ner/ner_labels.hpp"

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
           Gazetteer gazetteer);

  // Parses a saved model. Throws std::runtime_error when the bytes are not a model file.
  [[nodiscard]] static NerModel load(std::string_view bytes);

  // The model file: weights quantized to 16 bits; rows whose largest weight is below
  // prune_below (in weight units) are dropped.
  [[nodiscard]] std::string save(float prune_below = 0.0F) const;

  // The weight row of a feature, or nullptr when the model does not know it.
  [[nodiscard]] const float* row(std::uint64_t key) const {
    if (mask_ == 0) return nullptr;
    std::size_t slot = static_cast<std::size_t>(key) & mask_;
    while (true) {
      const std::uint64_t k = slot_keys_[slot];
      if (k == key) return weights_.data() + static_cast<std::size_t>(slot_rows_[slot]) * kNumLabels;
      if (k == 0) return nullptr;
      slot = (slot + 1) & mask_;
    }
  }

  [[nodiscard]] const Transitions& transitions() const { return transitions_; }
  [[nodiscard]] const Gazetteer& gazetteer() const { return gazetteer_; }
  [[nodiscard]] std::size_t rows() const { return keys_.size(); }

 private:
  void build_index();

  std::vector<std::uint64_t> keys_;
  std::vector<float> weights_;
  Transitions transitions_;
  Gazetteer gazetteer_;
  std::vector<std::uint64_t> slot_keys_;
  std::vector<std::uint32_t> slot_rows_;
  std::size_t mask_ = 0;
};

// Feature hashes are never 0 (0 marks an empty slot); this maps a hash into the key space.
[[nodiscard]] constexpr std::uint64_t model_key(std::uint64_t hash) { return hash == 0 ? 1 : hash; }

}  // namespace newsdex::ner
