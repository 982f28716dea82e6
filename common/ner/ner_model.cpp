// Model storage: the open-addressing feature index and the binary file format.
#include "common/ner/ner_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace newsdex::ner {
namespace {

// File layout (little-endian): magic, label count, scale, row count, then per row the key,
// a 16-bit mask of non-zero labels and one int16 per set bit; transitions as floats; the
// gazetteer entries as (key, bits) pairs.
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

NerModel::NerModel(std::vector<std::uint64_t> keys, std::vector<float> weights,
                   Transitions transitions, Gazetteer gazetteer)
    : keys_(std::move(keys)),
      weights_(std::move(weights)),
      transitions_(transitions),
      gazetteer_(std::move(gazetteer)) {
  if (weights_.size() != keys_.size() * kNumLabels)
    throw std::invalid_argument("NER model: weights do not match keys");
  for (auto& key : keys_) key = model_key(key);
  build_index();
}

void NerModel::build_index() {
  std::size_t capacity = 16;
  while (capacity < keys_.size() * 2) capacity *= 2;
  mask_ = capacity - 1;
  slot_keys_.assign(capacity, 0);
  slot_rows_.assign(capacity, 0);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    std::size_t slot = static_cast<std::size_t>(keys_[i]) & mask_;
    while (slot_keys_[slot] != 0 && slot_keys_[slot] != keys_[i]) slot = (slot + 1) & mask_;
    if (slot_keys_[slot] == keys_[i]) throw std::invalid_argument("NER model: duplicate feature");
    slot_keys_[slot] = keys_[i];
    slot_rows_[slot] = static_cast<std::uint32_t>(i);
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
  for (std::uint64_t i = 0; i < rows; ++i) {
    model.keys_.push_back(model_key(in.get<std::uint64_t>()));
    const auto mask = in.get<std::uint16_t>();
    for (std::size_t l = 0; l < kNumLabels; ++l) {
      if (mask & (1U << l)) model.weights_[i * kNumLabels + l] = scale * in.get<std::int16_t>();
    }
  }
  for (auto& w : model.transitions_.weights) w = in.get<float>();
  const auto entries = in.get<std::uint64_t>();
  if (entries > bytes.size() / 10) throw std::runtime_error("NER model: bad gazetteer size");
  for (std::uint64_t i = 0; i < entries; ++i) {
    const auto key = in.get<std::uint64_t>();
    model.gazetteer_.set_entry(key, in.get<std::uint16_t>());
  }
  if (!in.done()) throw std::runtime_error("NER model: trailing bytes");
  model.build_index();
  return model;
}

}  // namespace newsdex::ner
