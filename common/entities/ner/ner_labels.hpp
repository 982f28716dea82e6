// The IOB2 labels of the named-entity tagger and conversions to and from their names.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdex::ner {

// O, then B-/I- for PER, ORG, LOC, MISC. The order is part of the model file format.
inline constexpr std::size_t kNumLabels = 9;
using Label = std::uint8_t;
inline constexpr Label kOutside = 0;

inline constexpr std::array<std::string_view, kNumLabels> kLabelNames = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

// Entity types, in label order: 0 PER, 1 ORG, 2 LOC, 3 MISC.
inline constexpr std::size_t kNumTypes = 4;
inline constexpr std::array<std::string_view, kNumTypes> kTypeNames = {"PER", "ORG", "LOC", "MISC"};

[[nodiscard]] constexpr bool is_begin(Label label) { return label != kOutside && label % 2 == 1; }
[[nodiscard]] constexpr bool is_inside(Label label) { return label != kOutside && label % 2 == 0; }
// The type index of B-X or I-X; meaningless for O.
[[nodiscard]] constexpr std::size_t type_of(Label label) { return (label - 1U) / 2U; }
[[nodiscard]] constexpr Label begin_label(std::size_t type) { return static_cast<Label>(1 + 2 * type); }

// IOB2 validity: I-X only after B-X or I-X (and never first).
[[nodiscard]] constexpr bool allowed(std::optional<Label> previous, Label label) {
  if (!is_inside(label)) return true;
  return previous && *previous != kOutside && type_of(*previous) == type_of(label);
}

// The label named by an IOB2 tag; tags of other types and malformed tags read as O.
[[nodiscard]] constexpr Label label_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNumLabels; ++i) {
    if (kLabelNames[i] == name) return static_cast<Label>(i);
  }
  return kOutside;
}

}  // namespace newsdex::ner
