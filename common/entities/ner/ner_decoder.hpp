// Viterbi decoding of one sentence under IOB2 constraints (I-X only after B-X or I-X).
#pragma once

#include <cstddef>
#include <vector>

#include "common/entities/ner/ner_model.hpp"

namespace newsdex::ner {

// emissions holds size * kNumLabels scores (token-major). Returns the best valid label
// sequence under emissions plus transitions; ties go to the lower label index.
[[nodiscard]] std::vector<Label> viterbi(const float* emissions, std::size_t size,
                                         const Transitions& transitions);

// The same, writing size labels to out; back is scratch space (resized as needed), so a caller
// decoding many sentences allocates nothing per sentence.
void viterbi(const float* emissions, std::size_t size, const Transitions& transitions, Label* out,
             std::vector<Label>& back);

}  // namespace newsdex::ner
