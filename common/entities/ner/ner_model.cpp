// Model storage: the open-addressing feature index and the binary file format.
#include "common/entities/ner/ner_model.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex::ner {
namespace {

// File layout (little-endian): magic, label count, scale, row count, then per row the key,
// a 16-bit mask of non-zero labels and one int16 per set bit; transitions as floats; the
// gazetteer entries as (key, bits) pairs; then, when the model has word clusters, their count
// and (word hash, path bits as uint32, path length as uint8) triples. A file that ends after
// the gazetteer is a model without clusters.
constexpr std::string_view kMagic = "NDXNER01";

class Writer {
 public:
  template <class T>
  void put(const T& value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    out_.append(bytes, sizeof value);
  }
  void raw(std::string_view bytes) { out_.append(bytes); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    if (bytes_.size() - pos_ < sizeof(T)) throw std::runtime_error("NER model file is truncated");
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof value);
    pos_ += sizeof value;
    return value;
  }
  std::string_view raw(std::size_t size) {
    if (bytes_.size() - pos_ < size) throw std::runtime_error("NER model file is truncated");
    const auto part = bytes_.substr(pos_, size);
    pos_ += size;
    return part;
  }
  [[nodiscard]] bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

void NerModel::add_rows(const std::uint64_t* begin, const std::uint64_t* end,
                        const std::uint64_t* prefetch_end, float* scores) const {
  // Enough keys ahead to overlap several cache misses; a token has about 30.
  constexpr std::ptrdiff_t kPrefetchDistance = 16;
  static_assert(kNumLabels == 9, "the SIMD path adds labels 0-7 as two vectors, then label 8");
  if (mask_ == 0) return;
  auto prefetch = [&](const std::uint64_t* k) {
    if (prefetch_end - k > kPrefetchDistance) {
      const std::uint64_t key = model_key(k[kPrefetchDistance]);
      if (maybe_known(key)) __builtin_prefetch(slots_.data() + (static_cast<std::size_t>(key) & mask_));
    }
  };
  if (!quantized_) {
    for (const std::uint64_t* k = begin; k != end; ++k) {
      prefetch(k);
      if (const Slot* slot = find(model_key(*k))) {
        const float* w = weights_.data() + static_cast<std::size_t>(slot->row) * kNumLabels;
        for (std::size_t l = 0; l < kNumLabels; ++l) scores[l] += w[l];
      }
    }
    return;
  }
  // A loaded weight is exactly scale_ * q (the product load() computed), so recomputing it per
  // lane gives the same float, and each lane adds in the same order as the scalar code. The build
  // must not contract multiply and add into an FMA (see CMakeLists.txt).
#if defined(__SSE2__)
  const __m128 scale = _mm_set1_ps(scale_);
  __m128 low = _mm_loadu_ps(scores);
  __m128 high = _mm_loadu_ps(scores + 4);
  float last = scores[8];
  for (const std::uint64_t* k = begin; k != end; ++k) {
    prefetch(k);
    const Slot* slot = find(model_key(*k));
    if (slot == nullptr) continue;
    const __m128i q = _mm_loadu_si128(reinterpret_cast<const __m128i*>(slot->q.data()));
    // Sign-extend the int16 lanes to int32: interleave with themselves, shift right by 16.
    const __m128i q_low = _mm_srai_epi32(_mm_unpacklo_epi16(q, q), 16);
    const __m128i q_high = _mm_srai_epi32(_mm_unpackhi_epi16(q, q), 16);
    low = _mm_add_ps(low, _mm_mul_ps(scale, _mm_cvtepi32_ps(q_low)));
    high = _mm_add_ps(high, _mm_mul_ps(scale, _mm_cvtepi32_ps(q_high)));
    last += scale_ * static_cast<float>(slot->q[8]);
  }
  _mm_storeu_ps(scores, low);
  _mm_storeu_ps(scores + 4, high);
  scores[8] = last;
#else
  for (const std::uint64_t* k = begin; k != end; ++k) {
    prefetch(k);
    if (const Slot* slot = find(model_key(*k))) {
      for (std::size_t l = 0; l < kNumLabels; ++l) scores[l] += scale_ * static_cast<float>(slot->q[l]);
    }
  }
#endif
}

NerModel::NerModel(std::vector<std::uint64_t> keys, std::vector<float> weights,
                   Transitions transitions, Gazetteer gazetteer, WordClusters clusters)
    : keys_(std::move(keys)),
      weights_(std::move(weights)),
      transitions_(transitions),
      gazetteer_(std::move(gazetteer)),
      clusters_(std::move(clusters)) {
  if (weights_.size() != keys_.size() * kNumLabels)
    throw std::invalid_argument("NER model: weights do not match keys");
  for (auto& key : keys_) key = model_key(key);
  build_index();
}

void NerModel::build_index(const std::vector<std::int16_t>* quantized) {
  std::size_t capacity = 16;
  while (capacity < keys_.size() * 2) capacity *= 2;
  mask_ = capacity - 1;
  slots_.assign(capacity, Slot{});
  std::size_t filter_words = 1;
  while (filter_words * 8 < keys_.size()) filter_words *= 2;
  filter_.assign(filter_words, 0);
  filter_mask_ = filter_words - 1;
  for (const std::uint64_t key : keys_) filter_word(key) |= filter_bits(key);
  quantized_ = quantized != nullptr;
  static std::atomic<std::uint64_t> last_id{0};
  id_ = ++last_id;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    std::size_t slot = static_cast<std::size_t>(keys_[i]) & mask_;
    while (slots_[slot].key != 0 && slots_[slot].key != keys_[i]) slot = (slot + 1) & mask_;
    if (slots_[slot].key == keys_[i]) throw std::invalid_argument("NER model: duplicate feature");
    Slot& s = slots_[slot];
    s.key = keys_[i];
    s.row = static_cast<std::uint32_t>(i);
    if (quantized) std::copy_n(quantized->data() + i * kNumLabels, kNumLabels, s.q.begin());
  }
}

std::string NerModel::save(float prune_below) const {
  float largest = 0.0F;
  for (const float w : weights_) largest = std::max(largest, std::fabs(w));
  const float scale = largest > 0.0F ? largest / 32767.0F : 1.0F;

  // Rows in key order, so the file does not depend on hash-map iteration.
  std::vector<std::size_t> order(keys_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });

  Writer body;
  std::uint64_t kept = 0;
  for (const std::size_t i : order) {
    const float* row = weights_.data() + i * kNumLabels;
    std::array<std::int16_t, kNumLabels> q{};
    std::uint16_t mask = 0;
    float row_max = 0.0F;
    for (std::size_t l = 0; l < kNumLabels; ++l) {
      row_max = std::max(row_max, std::fabs(row[l]));
      q[l] = static_cast<std::int16_t>(std::lround(row[l] / scale));
      if (q[l] != 0) mask = static_cast<std::uint16_t>(mask | (1U << l));
    }
    if (mask == 0 || row_max < prune_below) continue;
    ++kept;
    body.put(keys_[i]);
    body.put(mask);
    for (std::size_t l = 0; l < kNumLabels; ++l) {
      if (mask & (1U << l)) body.put(q[l]);
    }
  }

  Writer out;
  out.raw(kMagic);
  out.put(static_cast<std::uint32_t>(kNumLabels));
  out.put(scale);
  out.put(kept);
  out.raw(body.take());
  for (const float w : transitions_.weights) out.put(w);
  std::vector<std::pair<std::uint64_t, std::uint16_t>> entries(gazetteer_.entries().begin(),
                                                               gazetteer_.entries().end());
  std::sort(entries.begin(), entries.end());
  out.put(static_cast<std::uint64_t>(entries.size()));
  for (const auto& [key, bits] : entries) {
    out.put(key);
    out.put(bits);
  }
  if (!clusters_.empty()) {
    std::vector<std::pair<std::uint64_t, ClusterPath>> paths(clusters_.entries().begin(),
                                                              clusters_.entries().end());
    std::sort(paths.begin(), paths.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out.put(static_cast<std::uint64_t>(paths.size()));
    for (const auto& [key, path] : paths) {
      out.put(key);
      out.put(path.bits);
      out.put(path.length);
    }
  }
  return out.take();
}

NerModel NerModel::load(std::string_view bytes) {
  Reader in(bytes);
  if (in.raw(kMagic.size()) != kMagic) throw std::runtime_error("not a Newsdex NER model file");
  if (in.get<std::uint32_t>() != kNumLabels) throw std::runtime_error("NER model: wrong label set");
  const auto scale = in.get<float>();
  const auto rows = in.get<std::uint64_t>();
  if (rows > bytes.size() / 10) throw std::runtime_error("NER model: bad row count");
  NerModel model;
  model.keys_.reserve(rows);
  model.weights_.assign(rows * kNumLabels, 0.0F);
  std::vector<std::int16_t> quantized(rows * kNumLabels, 0);
  for (std::uint64_t i = 0; i < rows; ++i) {
    model.keys_.push_back(model_key(in.get<std::uint64_t>()));
    const auto mask = in.get<std::uint16_t>();
    for (std::size_t l = 0; l < kNumLabels; ++l) {
      if (mask & (1U << l)) {
        const auto q = in.get<std::int16_t>();
        quantized[i * kNumLabels + l] = q;
        model.weights_[i * kNumLabels + l] = scale * static_cast<float>(q);
      }
    }
  }
  model.scale_ = scale;
  for (auto& w : model.transitions_.weights) w = in.get<float>();
  const auto entries = in.get<std::uint64_t>();
  if (entries > bytes.size() / 10) throw std::runtime_error("NER model: bad gazetteer size");
  for (std::uint64_t i = 0; i < entries; ++i) {
    const auto key = in.get<std::uint64_t>();
    model.gazetteer_.set_entry(key, in.get<std::uint16_t>());
  }
  if (!in.done()) {
    const auto paths = in.get<std::uint64_t>();
    if (paths > bytes.size() / 13) throw std::runtime_error("NER model: bad word cluster count");
    for (std::uint64_t i = 0; i < paths; ++i) {
      const auto key = in.get<std::uint64_t>();
      ClusterPath path;
      path.bits = in.get<std::uint32_t>();
      path.length = in.get<std::uint8_t>();
      if (path.length == 0 || path.length > WordClusters::kMaxPathBits)
        throw std::runtime_error("NER model: bad word cluster path");
      model.clusters_.set_entry(key, path);
    }
  }
  if (!in.done()) throw std::runtime_error("NER model: trailing bytes");
  model.build_index(&quantized);
  return model;
}

}  // namespace newsdex::ner
