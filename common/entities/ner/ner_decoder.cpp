// First-order Viterbi with the IOB2 transition constraints built in.
#include "common/entities/ner/ner_decoder.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex::ner {
namespace {

constexpr float kImpossible = -std::numeric_limits<float>::infinity();

// Lanes per label row: kNumLabels padded to a multiple of four, so the loops over labels below
// have a fixed trip count the compiler turns into whole SIMD vectors.
constexpr std::size_t kLanes = (kNumLabels + 3) / 4 * 4;

// Transition scores with the IOB2 constraints folded in as -inf, as rows from[previous][label]:
// the recursion updates all labels at once for one previous label at a time. previous[p] + -inf
// is -inf, which never beats the running best under the strict > below, exactly like skipping a
// disallowed or impossible p. Padding lanes are -inf too and never read back.
struct Table {
  float start[kNumLabels];
  alignas(16) float from[kNumLabels][kLanes];
  explicit Table(const Transitions& transitions) {
    for (Label l = 0; l < kNumLabels; ++l)
      start[l] = allowed(std::nullopt, l) ? transitions.start(l) : kImpossible;
    for (Label p = 0; p < kNumLabels; ++p) {
      for (std::size_t l = 0; l < kLanes; ++l) {
        from[p][l] = l < kNumLabels && allowed(p, static_cast<Label>(l))
                         ? transitions.from(p, static_cast<Label>(l))
                         : kImpossible;
      }
    }
  }
};

// The table of transitions, built again only when they change: the tagger decodes every
// sentence with the same ones, and building it cost as much as decoding a short sentence.
// Training changes them between sentences; the bytes are compared, not the address.
const Table& table_of(const Transitions& transitions) {
  struct Cached {
    Transitions source;
    Table table{Transitions{}};
  };
  thread_local Cached cached;
  thread_local bool valid = false;
  if (!valid || std::memcmp(cached.source.weights.data(), transitions.weights.data(),
                            sizeof transitions.weights) != 0) {
    cached.source = transitions;
    cached.table = Table(transitions);
    valid = true;
  }
  return cached.table;
}

}  // namespace

void viterbi(const float* emissions, std::size_t size, const Transitions& transitions, Label* out,
             std::vector<Label>& back) {
  if (size == 0) return;
  const Table& table = table_of(transitions);
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
    // For every label l at once: the best previous label, ties to the lower one (strictly
    // greater only, previous labels in increasing order). Selects rather than branches.
    alignas(16) float best[kLanes];
    alignas(16) std::int32_t best_previous[kLanes];
#if defined(__SSE2__)
    // The same as the loop below, four labels per vector (GCC does not vectorize that at -O2).
    static_assert(kLanes == 12);
    __m128 best0 = _mm_set1_ps(kImpossible);
    __m128 best1 = best0;
    __m128 best2 = best0;
    __m128i index0 = _mm_setzero_si128();
    __m128i index1 = index0;
    __m128i index2 = index0;
    auto step = [](__m128 s, __m128& b, __m128i& index, __m128i p) {
      const __m128i greater = _mm_castps_si128(_mm_cmpgt_ps(s, b));
      b = _mm_max_ps(s, b);  // s when greater; otherwise b (also when both are -inf)
      index = _mm_or_si128(_mm_and_si128(greater, p), _mm_andnot_si128(greater, index));
    };
    for (Label p = 0; p < kNumLabels; ++p) {
      const __m128 score = _mm_set1_ps(previous[p]);
      const __m128i label = _mm_set1_epi32(p);
      const float* row = table.from[p];
      step(_mm_add_ps(score, _mm_load_ps(row)), best0, index0, label);
      step(_mm_add_ps(score, _mm_load_ps(row + 4)), best1, index1, label);
      step(_mm_add_ps(score, _mm_load_ps(row + 8)), best2, index2, label);
    }
    _mm_store_ps(best, best0);
    _mm_store_ps(best + 4, best1);
    _mm_store_ps(best + 8, best2);
    _mm_store_si128(reinterpret_cast<__m128i*>(best_previous), index0);
    _mm_store_si128(reinterpret_cast<__m128i*>(best_previous + 4), index1);
    _mm_store_si128(reinterpret_cast<__m128i*>(best_previous + 8), index2);
#else
    for (std::size_t l = 0; l < kLanes; ++l) {
      best[l] = kImpossible;
      best_previous[l] = kOutside;
    }
    for (Label p = 0; p < kNumLabels; ++p) {
      const float score = previous[p];
      const float* row = table.from[p];
      for (std::size_t l = 0; l < kLanes; ++l) {
        const float s = score + row[l];
        const bool greater = s > best[l];
        best[l] = greater ? s : best[l];
        best_previous[l] = greater ? p : best_previous[l];
      }
    }
#endif
    for (Label l = 0; l < kNumLabels; ++l) {
      current[l] = best[l] == kImpossible ? kImpossible : best[l] + emission[l];
      from[l] = static_cast<Label>(best_previous[l]);
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
