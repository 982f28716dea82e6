// Feature extraction for the named-entity tagger. Every feature is a 64-bit hash of a template
// id and its values. Local features come from the word, its shape, affixes, a window of two
// words each side, the sentence (first token, all-caps headline) and gazetteer matches; document
// features from other occurrences of the word in the same article (in lower case, capitalized
// inside a sentence, in capitalized spans) and from the labels predicted for it earlier. Word
// cluster features give the token's and its neighbours' cluster path prefixes.
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

// One article as sentences of tokens.
using TokenDocument = std::vector<std::vector<std::string_view>>;

// The collapsed shape of a word: A-Z -> X, a-z -> x, 0-9 -> d, other bytes kept, runs of the
// same class collapsed ("McDonald's" -> "XxXx'x", "1996-08-22" -> "d-d-d").
[[nodiscard]] std::string word_shape(std::string_view word);

// An empty cluster table, the default of DocumentFeatures.
[[nodiscard]] const WordClusters& no_word_clusters();

// Cluster path prefix lengths of the cluster features, as Ratinov and Roth use them: coarse
// classes to near-synonyms. Once a length reaches the whole path, longer ones would repeat it.
inline constexpr std::array<std::uint8_t, 4> kClusterPrefixBits = {4, 6, 10, 20};

// How many cluster features a path gives: one per prefix length, up to the first length that
// covers the whole path; none for length 0 (no cluster).
[[nodiscard]] constexpr std::size_t cluster_feature_count(std::uint8_t path_length) {
  if (path_length == 0) return 0;
  std::size_t count = 0;
  for (const std::uint8_t bits : kClusterPrefixBits) {
    ++count;
    if (path_length <= bits) break;
  }
  return count;
}

// The parts of a token's window features that depend only on its own word, for the tokens
// around it: feature(kLowerAt + k, lower) for the token k places away, the first hash rounds of
// the two-word features, and the cluster features the word gives its neighbours.
struct WordContext {
  std::array<std::uint64_t, 4> lower_at{};
  std::array<std::uint64_t, 4> shape_at{};
  std::uint64_t word_left = 0;   // as the left neighbour
  std::uint64_t word_right = 0;  // as the right neighbour
  std::uint64_t bigram_left = 0;
  std::uint64_t bigram_right = 0;
  std::uint64_t shape_left = 0;
  std::uint64_t shape_right = 0;
  std::uint64_t left_shape_word = 0;
  std::uint64_t right_shape_word = 0;
  ClusterPath cluster;  // the word's path (length 0: none)
  std::array<std::uint64_t, kClusterPrefixBits.size()> cluster_as_left{};   // for its right neighbour
  std::array<std::uint64_t, kClusterPrefixBits.size()> cluster_as_right{};  // for its left neighbour
  // From the hashes of the surface word, its lower case and its shape, and its cluster path.
  [[nodiscard]] static WordContext of(std::uint64_t word, std::uint64_t lower, std::uint64_t shape,
                                      ClusterPath cluster = {});
};

// Labels predicted so far in a document, by word (the document's own word ids).
class PredictionHistory {
 public:
  explicit PredictionHistory(std::size_t words) : counts_(words) {}
  void record(std::uint32_t word_id, Label label);
  // Counts of O, PER, ORG, LOC, MISC for the word.
  [[nodiscard]] const std::array<std::uint16_t, kNumTypes + 1>& counts(std::uint32_t word_id) const {
    return counts_[word_id];
  }

 private:
  std::vector<std::array<std::uint16_t, kNumTypes + 1>> counts_;
};

// Where the word features of a token (those that depend only on its surface word) go.
enum class WordFeatures : std::uint8_t {
  in_static,  // first among its static features (see word_prefix_size)
  separate,   // left out of the static features; word_features() computes them on request
};

// The features of every token of one document. Holds views of the document's words: the
// document must outlive it (or the next assign).
class DocumentFeatures {
 public:
  // clusters: the word clusters of the cluster features (none by default).
  DocumentFeatures(const TokenDocument& document, const Gazetteer& gazetteer,
                   const WordClusters& clusters = no_word_clusters());
  // An empty document, to assign() to.
  DocumentFeatures() = default;

  // Replaces the features with those of document, reusing the buffers: a tagger that keeps one
  // DocumentFeatures per thread allocates nothing per article once the buffers have grown.
  // WordFeatures::separate lets a tagger that keeps the summed weights of common words skip
  // computing their word features at all.
  void assign(const TokenDocument& document, const Gazetteer& gazetteer,
              WordFeatures word_features = WordFeatures::in_static,
              const WordClusters& clusters = no_word_clusters());

  // The most word features a token has.
  static constexpr std::size_t kMaxWordFeatures = 12 + kClusterPrefixBits.size();

  [[nodiscard]] std::size_t sentence_count() const {
    return sentence_offsets_.empty() ? 0 : sentence_offsets_.size() - 1;
  }
  [[nodiscard]] std::size_t sentence_size(std::size_t s) const {
    return sentence_offsets_[s + 1] - sentence_offsets_[s];
  }
  // Global index of token t of sentence s.
  [[nodiscard]] std::size_t token_index(std::size_t s, std::size_t t) const {
    return sentence_offsets_[s] + t;
  }
  [[nodiscard]] std::size_t token_count() const {
    return sentence_offsets_.empty() ? 0 : sentence_offsets_.back();
  }
  [[nodiscard]] std::size_t word_count() const { return word_count_; }
  [[nodiscard]] std::uint32_t word_id(std::size_t token) const { return tokens_[token].word_id; }

  // Features that do not depend on predictions: [begin, end) into one array.
  [[nodiscard]] const std::uint64_t* static_begin(std::size_t token) const {
    return keys_.data() + key_offsets_[token];
  }
  [[nodiscard]] const std::uint64_t* static_end(std::size_t token) const {
    return keys_.data() + key_offsets_[token + 1];
  }
  // The first word_prefix_size(token) static features of a token are its word features, which
  // depend only on its surface word (its own cluster features included), whose hash is surface(token): a tagger may reuse their
  // summed weights for another token with the same surface. 0 with WordFeatures::separate.
  [[nodiscard]] std::size_t word_prefix_size(std::size_t token) const {
    return word_features_ == WordFeatures::in_static
               ? 4 + affix_count(tokens_[token].text.size()) +
                     cluster_feature_count(tokens_[token].cluster.length)
               : 0;
  }
  [[nodiscard]] std::uint64_t surface(std::size_t token) const { return tokens_[token].word; }
  // Writes the word features of a token to out (room for kMaxWordFeatures) and returns how
  // many there are: the same keys, in the same order, as the static prefix under
  // WordFeatures::in_static.
  std::size_t word_features(std::size_t token, std::uint64_t* out) const;
  // The end of the last token's features (the static features of all tokens are contiguous).
  [[nodiscard]] const std::uint64_t* static_keys_end() const { return keys_.data() + key_count_; }

  // Appends the features from the labels predicted so far for other occurrences of the word.
  void history_features(std::size_t token, const PredictionHistory& history,
                        std::vector<std::uint64_t>& out) const;
  // The same, written to out (room for kMaxHistoryFeatures); returns how many.
  std::size_t history_features(std::size_t token, const PredictionHistory& history,
                               std::uint64_t* out) const;
  static constexpr std::size_t kMaxHistoryFeatures = 2 + kNumTypes;

 private:
  struct TokenInfo {
    std::string_view text;
    std::uint64_t word = 0;
    std::uint64_t lower = 0;
    std::uint64_t shape = 0;
    std::uint32_t word_id = 0;
    std::uint16_t gaz_begin = 0;  // type bits of gazetteer phrases starting here
    std::uint16_t gaz_inside = 0;
    std::uint16_t gaz_last = 0;
    std::uint16_t gaz_unit = 0;   // one-token phrases
    ClusterPath cluster;          // length 0: not in the word clusters
    bool has_letter = false;
    bool capitalized = false;     // first byte A-Z
    bool lower_initial = false;   // first byte a-z
    bool all_caps = false;        // letters, none lower case
    bool sentence_initial = false;
    bool caps_sentence = false;   // in an all-caps (headline) sentence
  };

  // Prefixes and suffixes of 1 to 4 bytes shorter than the word.
  [[nodiscard]] static std::size_t affix_count(std::size_t size) {
    return 2 * (size > 4 ? 4 : size == 0 ? 0 : size - 1);
  }

  // Appends the static features of token t of sentence s at out; returns the new end.
  std::uint64_t* add_static_features(std::size_t s, std::size_t t, std::uint64_t* out) const;

  std::vector<TokenInfo> tokens_;
  std::vector<WordContext> contexts_;  // by token
  std::vector<std::size_t> sentence_offsets_;
  // keys_[0, key_count_) are the features; the vector only grows, so refilling it writes
  // through a pointer without zeroing or capacity checks per key.
  std::vector<std::uint64_t> keys_;
  std::size_t key_count_ = 0;
  std::vector<std::size_t> key_offsets_;
  WordFeatures word_features_ = WordFeatures::in_static;
  std::size_t word_count_ = 0;
  // Per word id: occurrences in lower case, capitalized mid-sentence, all caps mid-sentence,
  // and the longest capitalized run it was seen in (length, position B/I/L/U).
  struct WordStats {
    std::uint16_t lower = 0;
    std::uint16_t cap_inside = 0;
    std::uint16_t caps_inside = 0;
    std::uint8_t run_length = 0;
    std::uint8_t run_position = 0;
  };
  std::vector<WordStats> stats_;
};

}  // namespace newsdex::ner
