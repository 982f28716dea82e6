// First-order Viterbi with the IOB2 transition constraints built in.
#include "common/ner/ner_decoder.hpp"

#include <limits>

namespace newsdex::ner {
namespace {

constexpr float kImpossible = -std::numeric_limits<float>::infinity();

// Transition scores with the IOB2 constraints folded in as -inf, transposed to [label][previous]
// so the inner loop reads one contiguous row. previous[p] + -inf is -inf, which never beats the
// running best under the strict > below, exactly like skipping a disallowed or impossible p.
struct Table {
  float start[kNumLabels];
  float into[kNumLabels][kNumLabels];
  explicit Table(const Transitions& transitions) {
    for (Label l = 0; l < kNumLabels; ++l) {
      start[l] = allowed(std::nullopt, l) ? transitions.start(l) : kImpossible;
      for (Label p = 0; p < kNumLabels; ++p)
        into[l][p] = allowed(p, l) ? transitions.from(p, l) : kImpossible;
    }
  }
};

}  // namespace

void viterbi(const float* emissions, std::size_t size, const Transitions& transitions, Label* out,
             std::vector<Label>& back) {
  if (size == 0) return;
  const Table table(transitions);
  if (back.size() < size * kNumLabels) back.resize(size * kNumLabels);
  // Only the previous column of scores is needed; back pointers keep the path.
  float previous[kNumLabels];
  float current[kNumLabels];
  for (Label l = 0; l < kNumLabels; ++l) {
    previous[l] = table.start[l] == kImpossible ? kImpossible : table.start[l] + emissions[l];
    back[l] = kOutside;
  }
  for (std::size_t t = 1; t < size; ++t) {
    const float* emission = emissions + t * kNumLabels;
    Label* from = back.data() + t * kNumLabels;
    for (Label l = 0; l < kNumLabels; ++l) {
      float best = kImpossible;
      Label best_previous = kOutside;
      // Ties go to the lower previous label: strictly greater only.
      for (Label p = 0; p < kNumLabels; ++p) {
        const float s = previous[p] + table.into[l][p];
        if (s > best) {
          best = s;
          best_previous = p;
        }
      }
      current[l] = best == kImpossible ? kImpossible : best + emission[l];
      from[l] = best_previous;
    }
    for (Label l = 0; l < kNumLabels; ++l) previous[l] = current[l];
  }
  Label best = kOutside;
  for (Label l = 1; l < kNumLabels; ++l) {
    if (previous[l] > previous[best]) best = l;
  }
  for (std::size_t t = size; t-- > 0;) {
    out[t] = best;
    best = back[t * kNumLabels + best];
  }
}

std::vector<Label> viterbi(const float* emissions, std::size_t size, const Transitions& transitions) {
  std::vector<Label> labels(size, kOutside);
  std::vector<Label> back;
  viterbi(emissions, size, transitions, labels.data(), back);
  return labels;
}

}  // namespace newsdex::ner
