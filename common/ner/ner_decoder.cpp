// First-order Viterbi with the IOB2 transition constraints built in.
#include "common/ner/ner_decoder.hpp"

#include <limits>

namespace newsdex::ner {

std::vector<Label> viterbi(const float* emissions, std::size_t size, const Transitions& transitions) {
  std::vector<Label> labels(size, kOutside);
  if (size == 0) return labels;
  constexpr float kImpossible = -std::numeric_limits<float>::infinity();
  std::vector<float> score(size * kNumLabels, kImpossible);
  std::vector<Label> back(size * kNumLabels, kOutside);
  for (Label l = 0; l < kNumLabels; ++l) {
    if (allowed(std::nullopt, l)) score[l] = transitions.start(l) + emissions[l];
  }
  for (std::size_t t = 1; t < size; ++t) {
    const float* previous = score.data() + (t - 1) * kNumLabels;
    float* current = score.data() + t * kNumLabels;
    for (Label l = 0; l < kNumLabels; ++l) {
      float best = kImpossible;
      Label best_previous = kOutside;
      for (Label p = 0; p < kNumLabels; ++p) {
        if (previous[p] == kImpossible || !allowed(p, l)) continue;
        const float s = previous[p] + transitions.from(p, l);
        if (s > best) {
          best = s;
          best_previous = p;
        }
      }
      if (best != kImpossible) {
        current[l] = best + emissions[t * kNumLabels + l];
        back[t * kNumLabels + l] = best_previous;
      }
    }
  }
  const float* last = score.data() + (size - 1) * kNumLabels;
  Label best = kOutside;
  for (Label l = 1; l < kNumLabels; ++l) {
    if (last[l] > last[best]) best = l;
  }
  for (std::size_t t = size; t-- > 0;) {
    labels[t] = best;
    best = back[t * kNumLabels + best];
  }
  return labels;
}

}  // namespace newsdex::ner
