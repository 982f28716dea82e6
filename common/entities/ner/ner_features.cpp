// Local and document feature extraction for the named-entity tagger.
#include "common/entities/ner/ner_features.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

namespace newsdex::ner {
namespace {

// Template ids. Changing one changes every hash: retrain the model after editing this list.
enum Template : std::uint64_t {
  kBias = 1, kWord, kLower, kShape, kPrefix, kSuffix = kPrefix + 4, kLowerAt = kSuffix + 4,
  kShapeAt = kLowerAt + 4, kBigramLeft = kShapeAt + 4, kBigramRight, kShapeLeft, kShapeRight,
  kShapeTri, kFirstShape, kFirstLower, kCapsLower, kCapsShape, kFirstSentence, kLength,
  kGazetteer, kGazetteerLeft, kGazetteerRight, kGazWordShape, kSeenLower, kSeenCapInside,
  kSeenCapsInside, kRun, kRunShape, kHistory, kHistoryMax, kHistoryShape, kWordLeft, kWordRight,
  kLeftShapeWord, kRightShapeWord, kCapsNeighbour, kDigitShape, kCluster, kClusterLeft,
  kClusterRight,
};


constexpr std::uint64_t kTemplateMultiplier = 0x2545F4914F6CDD1DULL;

std::uint64_t feature(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b = 0) {
  return hash_extend(hash_extend(tmpl * kTemplateMultiplier, a), b);
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// The class a character stands for in a word shape: X, x, d, u (any byte of a non-ASCII
// character) or the character itself (punctuation).
char shape_class(char c) {
  if (is_upper(c)) return 'X';
  if (is_lower(c)) return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (static_cast<unsigned char>(c) >= 0x80) return 'u';
  return c;
}

// Word ids of a document: lower-case hash -> dense id, open addressing (load <= 1/2). Replaces an
// std::unordered_map that allocated a node per distinct word.
class WordIds {
 public:
  explicit WordIds(std::size_t tokens) {
    std::size_t capacity = 16;
    while (capacity < tokens * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
  }
  // The id of key, and whether it is new (ids are handed out 0, 1, 2, ...).
  std::pair<std::uint32_t, bool> insert(std::uint64_t key) {
    for (std::size_t slot = key & mask_;; slot = (slot + 1) & mask_) {
      Slot& s = slots_[slot];
      if (s.used && s.key == key) return {s.id, false};
      if (!s.used) {
        s = Slot{key, size_, true};
        return {size_++, true};
      }
    }
  }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = 0;
    bool used = false;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::uint32_t size_ = 0;
};

const std::uint64_t kBiasKey = feature(kBias, 0);

// feature(kLength, min(size, 12)) by size.
const std::array<std::uint64_t, 13> kLengthKeys = [] {
  std::array<std::uint64_t, 13> keys{};
  for (std::uint64_t n = 0; n < keys.size(); ++n) keys[n] = feature(kLength, n);
  return keys;
}();

// The most static features a token has: 16 word features (the token's own cluster included),
// 18 from the window, 5 from the sentence, 28 from gazetteers, 5 from the document and 8 from
// the neighbours' clusters.
constexpr std::size_t kMaxStaticFeatures = 80;

// The cluster features of a path under a template; returns how many (cluster_feature_count).
std::size_t cluster_keys(std::uint64_t tmpl, ClusterPath path, std::uint64_t* out) {
  const std::size_t count = cluster_feature_count(path.length);
  for (std::size_t i = 0; i < count; ++i) {
    const ClusterPath prefix = path_prefix(path, kClusterPrefixBits[i]);
    out[i] = feature(tmpl, kClusterPrefixBits[i], (std::uint64_t{prefix.bits} << 6U) | prefix.length);
  }
  return count;
}

char lower_byte(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// hash_text of the ASCII lower case of text (lower_ascii), without building it.
std::uint64_t lower_hash(std::string_view text) {
  std::uint64_t h = kFnvBasis;
  for (const char c : text) h = fnv_step(h, static_cast<unsigned char>(lower_byte(c)));
  return hash_mix(h);
}

const std::uint64_t kBoundary[5] = {hash_text("<S-2>"), hash_text("<S-1>"), hash_text("<S0>"),
                                    hash_text("<S+1>"), hash_text("<S+2>")};

// The boundary tokens' window parts, by offset + 2 (-2, -1, 0 unused, +1, +2).
const std::array<WordContext, 5> kBoundaryContexts = [] {
  std::array<WordContext, 5> contexts{};
  for (std::size_t k = 0; k < contexts.size(); ++k)
    contexts[k] = WordContext::of(kBoundary[k], kBoundary[k], kBoundary[k]);
  return contexts;
}();

// WordContext by surface word across the documents one thread sees: most tokens are common
// words, and their parts cost a dozen hash rounds each. Direct-mapped; a pure function of the
// hashes and the cluster path (which the entry must match too: models differ in their
// clusters), so a lost entry is only recomputed.
class ContextCache {
 public:
  const WordContext& get(std::uint64_t word, std::uint64_t lower, std::uint64_t shape,
                         ClusterPath cluster) {
    Entry& e = entries_[static_cast<std::size_t>(word >> 40) & (kEntries - 1)];
    if (!e.valid || e.word != word || e.context.cluster != cluster) {
      e.word = word;
      e.valid = true;
      e.context = WordContext::of(word, lower, shape, cluster);
    }
    return e.context;
  }

 private:
  // 4096 entries (about 1 MB with the cluster keys): common words, without crowding the
  // model's table out of L2.
  static constexpr std::size_t kEntries = std::size_t{1} << 12;
  struct Entry {
    std::uint64_t word = 0;
    bool valid = false;
    WordContext context;
  };
  std::vector<Entry> entries_ = std::vector<Entry>(kEntries);
};

}  // namespace

const WordClusters& no_word_clusters() {
  static const WordClusters empty;
  return empty;
}

WordContext WordContext::of(std::uint64_t word, std::uint64_t lower, std::uint64_t shape,
                            ClusterPath cluster) {
  WordContext c;
  c.cluster = cluster;
  cluster_keys(kClusterLeft, cluster, c.cluster_as_left.data());
  cluster_keys(kClusterRight, cluster, c.cluster_as_right.data());
  for (std::uint64_t k = 0; k < 4; ++k) {
    c.lower_at[k] = feature(kLowerAt + k, lower);
    c.shape_at[k] = feature(kShapeAt + k, shape);
  }
  c.word_left = feature(kWordLeft, word);
  c.word_right = feature(kWordRight, word);
  const auto part = [](std::uint64_t tmpl, std::uint64_t a) {
    return hash_extend(tmpl * kTemplateMultiplier, a);
  };
  c.bigram_left = part(kBigramLeft, lower);
  c.bigram_right = part(kBigramRight, lower);
  c.shape_left = part(kShapeLeft, shape);
  c.shape_right = part(kShapeRight, shape);
  c.left_shape_word = part(kLeftShapeWord, lower);
  c.right_shape_word = part(kRightShapeWord, shape);
  return c;
}

std::string word_shape(std::string_view word) {
  std::string shape;
  char last = 0;
  for (const char c : word) {
    const char k = shape_class(c);
    if (k != last) shape.push_back(k);
    last = k;
  }
  return shape;
}

void PredictionHistory::record(std::uint32_t word_id, Label label) {
  auto& c = counts_[word_id][label == kOutside ? 0 : 1 + type_of(label)];
  if (c < 0xFFFF) ++c;
}

DocumentFeatures::DocumentFeatures(const TokenDocument& document, const Gazetteer& gazetteer,
                                   const WordClusters& clusters) {
  assign(document, gazetteer, WordFeatures::in_static, clusters);
}

void DocumentFeatures::assign(const TokenDocument& document, const Gazetteer& gazetteer,
                              WordFeatures word_features, const WordClusters& clusters) {
  word_features_ = word_features;
  std::size_t total = 0;
  for (const auto& sentence : document) total += sentence.size();
  tokens_.assign(total, TokenInfo{});
  // Grown only: every token's entry is written below, and resizing down and up again would
  // zero the entries each article.
  if (contexts_.size() < total) contexts_.resize(total);
  thread_local ContextCache contexts;
  sentence_offsets_.clear();
  key_count_ = 0;
  key_offsets_.clear();
  stats_.clear();
  sentence_offsets_.reserve(document.size() + 1);
  sentence_offsets_.push_back(0);
  WordIds ids(total);

  std::size_t index = 0;
  for (const auto& sentence : document) {
    const std::size_t first = index;
    bool any_lower = false;
    std::size_t caps_words = 0;
    for (std::size_t t = 0; t < sentence.size(); ++t, ++index) {
      const std::string_view word = sentence[t];
      TokenInfo& info = tokens_[index];
      info.text = word;
      // One pass over the bytes for the hashes of the word, its lower case and its shape.
      std::uint64_t word_state = kFnvBasis;
      std::uint64_t lower_state = kFnvBasis;
      std::uint64_t shape_state = kFnvBasis;
      char last_class = 0;
      bool has_upper = false;
      bool has_lower = false;
      for (const char c : word) {
        const bool upper = is_upper(c);
        has_upper = has_upper || upper;
        has_lower = has_lower || is_lower(c);
        word_state = fnv_step(word_state, static_cast<unsigned char>(c));
        lower_state = fnv_step(lower_state, static_cast<unsigned char>(upper ? c - 'A' + 'a' : c));
        const char k = shape_class(c);
        if (k != last_class) shape_state = fnv_step(shape_state, static_cast<unsigned char>(k));
        last_class = k;
      }
      info.word = hash_mix(word_state);
      info.lower = hash_mix(lower_state);
      info.shape = hash_mix(shape_state);
      info.word_id = ids.insert(info.lower).first;
      info.cluster = clusters.lookup(info.lower);
      contexts_[index] = contexts.get(info.word, info.lower, info.shape, info.cluster);
      info.has_letter = has_upper || has_lower;
      info.capitalized = !word.empty() && is_upper(word.front());
      info.lower_initial = !word.empty() && is_lower(word.front());
      info.all_caps = has_upper && !has_lower;
      info.sentence_initial = t == 0;
      any_lower = any_lower || has_lower;
      if (info.all_caps && word.size() >= 2) ++caps_words;
    }
    const bool caps_sentence = !any_lower && caps_words > 0;
    for (std::size_t i = first; i < index; ++i) tokens_[i].caps_sentence = caps_sentence;

    // Gazetteer phrases over the sentence, at most kMaxPhraseTokens long.
    for (std::size_t i = first; i < index; ++i) {
      std::uint64_t h = kEmptySequence;
      for (std::size_t j = i; j < index && j - i < Gazetteer::kMaxPhraseTokens; ++j) {
        h = hash_extend(h, tokens_[j].lower);
        const std::uint16_t bits = gazetteer.lookup(h);
        const auto types = static_cast<std::uint16_t>(bits & ~kGazPrefixBit);
        if (types != 0) {
          if (j == i) {
            tokens_[i].gaz_unit |= types;
          } else {
            tokens_[i].gaz_begin |= types;
            for (std::size_t k = i + 1; k < j; ++k) tokens_[k].gaz_inside |= types;
            tokens_[j].gaz_last |= types;
          }
        }
        if ((bits & kGazPrefixBit) == 0) break;
      }
    }
    sentence_offsets_.push_back(index);
  }
  word_count_ = ids.size();

  // Document statistics per word, from sentences that are not all-caps headlines.
  stats_.resize(word_count_);
  for (std::size_t s = 0; s + 1 < sentence_offsets_.size(); ++s) {
    const std::size_t begin = sentence_offsets_[s];
    const std::size_t end = sentence_offsets_[s + 1];
    for (std::size_t i = begin; i < end; ++i) {
      const TokenInfo& info = tokens_[i];
      WordStats& st = stats_[info.word_id];
      if (info.lower_initial) st.lower = static_cast<std::uint16_t>(std::min(st.lower + 1, 0xFFFF));
      if (info.caps_sentence || info.sentence_initial) continue;
      if (info.capitalized && !info.all_caps)
        st.cap_inside = static_cast<std::uint16_t>(std::min(st.cap_inside + 1, 0xFFFF));
      if (info.all_caps)
        st.caps_inside = static_cast<std::uint16_t>(std::min(st.caps_inside + 1, 0xFFFF));
    }
    if (end > begin && tokens_[begin].caps_sentence) continue;
    for (std::size_t i = begin; i < end;) {
      if (!tokens_[i].capitalized) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < end && tokens_[j].capitalized) ++j;
      const std::size_t length = j - i;
      for (std::size_t k = i; k < j; ++k) {
        WordStats& st = stats_[tokens_[k].word_id];
        const auto capped = static_cast<std::uint8_t>(std::min<std::size_t>(length, 4));
        if (capped > st.run_length) {
          st.run_length = capped;
          st.run_position = length == 1 ? 3 : k == i ? 0 : k + 1 == j ? 2 : 1;
        }
      }
      i = j;
    }
  }

  key_offsets_.reserve(total + 1);
  key_offsets_.push_back(0);
  for (std::size_t s = 0; s + 1 < sentence_offsets_.size(); ++s) {
    for (std::size_t i = sentence_offsets_[s]; i < sentence_offsets_[s + 1]; ++i) {
      if (keys_.size() < key_count_ + kMaxStaticFeatures) {
        keys_.resize(std::max(keys_.size() * 2, key_count_ + kMaxStaticFeatures));
      }
      const std::size_t t = i - sentence_offsets_[s];
      key_count_ = static_cast<std::size_t>(add_static_features(s, t, keys_.data() + key_count_) -
                                            keys_.data());
      key_offsets_.push_back(key_count_);
    }
  }
}

std::size_t DocumentFeatures::word_features(std::size_t token, std::uint64_t* out) const {
  const TokenInfo& me = tokens_[token];
  const std::string_view word = me.text;
  std::uint64_t* const begin = out;
  *out++ = kBiasKey;
  *out++ = feature(kWord, me.word);
  *out++ = feature(kLower, me.lower);
  *out++ = feature(kShape, me.shape);
  for (std::size_t n = 1; n <= 4 && n < word.size(); ++n) {
    *out++ = feature(kPrefix + n - 1, lower_hash(word.substr(0, n)));
    *out++ = feature(kSuffix + n - 1, lower_hash(word.substr(word.size() - n)));
  }
  out += cluster_keys(kCluster, me.cluster, out);
  return static_cast<std::size_t>(out - begin);
}

std::uint64_t* DocumentFeatures::add_static_features(std::size_t s, std::size_t t,
                                                     std::uint64_t* out) const {
  const std::size_t begin = sentence_offsets_[s];
  const std::size_t size = sentence_offsets_[s + 1] - begin;
  const TokenInfo& me = tokens_[begin + t];
  auto at = [&](long offset) -> const TokenInfo* {
    const long k = static_cast<long>(t) + offset;
    if (k < 0 || k >= static_cast<long>(size)) return nullptr;
    return &tokens_[begin + static_cast<std::size_t>(k)];
  };
  auto lower_at = [&](long offset) {
    const TokenInfo* info = at(offset);
    return info ? info->lower : kBoundary[offset + 2];
  };
  auto shape_at = [&](long offset) {
    const TokenInfo* info = at(offset);
    return info ? info->shape : kBoundary[offset + 2];
  };
  auto add = [&](std::uint64_t key) { *out++ = key; };

  // The first features depend only on the surface word (see word_prefix_size).
  if (word_features_ == WordFeatures::in_static) out += word_features(begin + t, out);
  // The window features, from the neighbours' precomputed parts (see WordContext): the same
  // keys as feature(kLowerAt + 0, lower_at(-2)) and so on.
  auto context_at = [&](long offset) -> const WordContext& {
    const long k = static_cast<long>(t) + offset;
    if (k < 0 || k >= static_cast<long>(size)) return kBoundaryContexts[offset + 2];
    return contexts_[begin + static_cast<std::size_t>(k)];
  };
  const WordContext& context_left2 = context_at(-2);
  const WordContext& context_left = context_at(-1);
  const WordContext& context_self = contexts_[begin + t];
  const WordContext& context_right = context_at(1);
  const WordContext& context_right2 = context_at(2);
  add(context_left2.lower_at[0]);
  add(context_left.lower_at[1]);
  add(context_right.lower_at[2]);
  add(context_right2.lower_at[3]);
  add(context_left2.shape_at[0]);
  add(context_left.shape_at[1]);
  add(context_right.shape_at[2]);
  add(context_right2.shape_at[3]);
  add(context_left.word_left);
  add(context_right.word_right);
  add(hash_extend(context_left.bigram_left, me.lower));
  add(hash_extend(context_self.bigram_right, lower_at(1)));
  add(hash_extend(context_left.shape_left, me.shape));
  add(hash_extend(context_self.shape_right, shape_at(1)));
  add(feature(kShapeTri, hash_extend(shape_at(-1), me.shape), shape_at(1)));
  add(hash_extend(context_left.left_shape_word, me.shape));
  add(hash_extend(context_self.right_shape_word, lower_at(1)));
  add(kLengthKeys[std::min<std::size_t>(me.text.size(), 12)]);
  if (t == 0) {
    add(feature(kFirstShape, me.shape));
    add(feature(kFirstLower, me.lower));
  }
  if (s == 0) add(feature(kFirstSentence, me.shape));
  if (me.caps_sentence) {
    add(feature(kCapsLower, me.lower));
    add(feature(kCapsShape, me.shape));
  }
  // Capitalization of the neighbours inside a mixed-case sentence.
  if (!me.caps_sentence) {
    const TokenInfo* left = at(-1);
    const TokenInfo* right = at(1);
    add(feature(kCapsNeighbour, (left && left->capitalized ? 1U : 0U) | (me.capitalized ? 2U : 0U) |
                                    (right && right->capitalized ? 4U : 0U)));
  }

  // Gazetteers: this token's position in matching phrases, and the neighbours'.
  // Only the types the token has, in increasing order: most tokens match no phrase, and testing
  // all nine types for the token and both neighbours was a third of this function.
  auto gazetteer_features = [&](const TokenInfo& info, std::uint64_t tmpl) {
    constexpr unsigned kKnownTypes = (1U << kNumGazetteerTypes) - 1;
    for (unsigned types = (info.gaz_begin | info.gaz_inside | info.gaz_last | info.gaz_unit) &
                          kKnownTypes;
         types != 0; types &= types - 1) {
      const auto g = static_cast<std::uint64_t>(std::countr_zero(types));
      const auto bit = static_cast<std::uint16_t>(1U << g);
      const std::uint64_t pos = (info.gaz_begin & bit ? 1U : 0U) | (info.gaz_inside & bit ? 2U : 0U) |
                                (info.gaz_last & bit ? 4U : 0U) | (info.gaz_unit & bit ? 8U : 0U);
      add(feature(tmpl, g, pos));
    }
  };
  gazetteer_features(me, kGazetteer);
  if (const TokenInfo* left = at(-1)) gazetteer_features(*left, kGazetteerLeft);
  if (const TokenInfo* right = at(1)) gazetteer_features(*right, kGazetteerRight);
  const std::uint16_t any_gaz = me.gaz_begin | me.gaz_inside | me.gaz_last | me.gaz_unit;
  if (any_gaz != 0) add(feature(kGazWordShape, any_gaz, me.shape));

  // The neighbours' cluster features (the token's own are among its word features).
  for (std::size_t i = 0; i < cluster_feature_count(context_left.cluster.length); ++i)
    add(context_left.cluster_as_left[i]);
  for (std::size_t i = 0; i < cluster_feature_count(context_right.cluster.length); ++i)
    add(context_right.cluster_as_right[i]);

  // Other occurrences of the word in the document.
  if (me.has_letter) {
    const WordStats& st = stats_[me.word_id];
    const bool self_lower = me.lower_initial;
    const bool self_cap = !me.caps_sentence && !me.sentence_initial && me.capitalized && !me.all_caps;
    const bool self_caps = !me.caps_sentence && !me.sentence_initial && me.all_caps;
    const std::uint64_t context = (me.caps_sentence ? 1U : 0U) | (me.sentence_initial ? 2U : 0U) |
                                  (me.capitalized ? 4U : 0U);
    if (st.lower > (self_lower ? 1 : 0)) add(feature(kSeenLower, context));
    if (st.cap_inside > (self_cap ? 1 : 0)) add(feature(kSeenCapInside, context));
    if (st.caps_inside > (self_caps ? 1 : 0)) add(feature(kSeenCapsInside, context));
    if (st.run_length > 0) {
      add(feature(kRun, st.run_length, st.run_position));
      add(feature(kRunShape, st.run_length * 4U + st.run_position, context));
    }
  }
  return out;
}

void DocumentFeatures::history_features(std::size_t token, const PredictionHistory& history,
                                        std::vector<std::uint64_t>& out) const {
  std::array<std::uint64_t, kMaxHistoryFeatures> keys;
  const std::size_t count = history_features(token, history, keys.data());
  out.insert(out.end(), keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count));
}

std::size_t DocumentFeatures::history_features(std::size_t token, const PredictionHistory& history,
                                               std::uint64_t* out) const {
  std::uint64_t* const begin = out;
  const TokenInfo& me = tokens_[token];
  if (!me.has_letter) return 0;
  const auto& counts = history.counts(me.word_id);
  unsigned total = 0;
  std::size_t best = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    total += counts[k];
    if (counts[k] > counts[best]) best = k;
  }
  if (total == 0) return 0;
  const std::uint64_t context = (me.caps_sentence ? 1U : 0U) | (me.sentence_initial ? 2U : 0U) |
                                (me.capitalized ? 4U : 0U);
  *out++ = feature(kHistoryMax, best);
  *out++ = feature(kHistoryShape, best, context);
  for (std::size_t k = 1; k < counts.size(); ++k) {
    if (counts[k] == 0) continue;
    const unsigned share = counts[k] * 4U / total;  // 0..4
    *out++ = feature(kHistory, k, share);
  }
  return static_cast<std::size_t>(out - begin);
}

}  // namespace newsdex::ner
