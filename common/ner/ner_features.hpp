// Feature extraction for the named-entity tagger. Every feature is a 64-bit hash of a template
// id and its values. Local features come from the word, its shape, affixes, a window of two
// words each side, the sentence (first token, all-caps headline) and gazetteer matches; document
// features from other occurrences of the word in the same article (in lower case, capitalized
// inside a sentence, in capitalized spans) and from the labels predicted for it earlier.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/gazetteer.hpp"
#include "common/ner/ner_labels.hpp"

namespace newsdex::ner {

// One article as sentences of tokens.
using TokenDocument = std::vector<std::vector<std::string_view>>;

// The collapsed shape of a word: A-Z -> X, a-z -> x, 0-9 -> d, other bytes kept, runs of the
// same class collapsed ("McDonald's" -> "XxXx'x", "1996-08-22" -> "d-d-d").
[[nodiscard]] std::string word_shape(std::string_view word);

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

// The features of every token of one document.
class DocumentFeatures {
 public:
  DocumentFeatures(const TokenDocument& document, const Gazetteer& gazetteer);
  // An empty document, to assign() to.
  DocumentFeatures() = default;

  // Replaces the features with those of document, reusing the buffers: a tagger that keeps one
  // DocumentFeatures per thread allocates nothing per article once the buffers have grown.
  void assign(const TokenDocument& document, const Gazetteer& gazetteer);

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
  // The first word_prefix_size(token) static features of a token depend only on its surface
  // word, whose hash is surface(token): a tagger may reuse their summed weights for another
  // token with the same surface.
  [[nodiscard]] std::size_t word_prefix_size(std::size_t token) const {
    return 4 + word_keys_[tokens_[token].word_id].affix_count;
  }
  [[nodiscard]] std::uint64_t surface(std::size_t token) const { return tokens_[token].word; }
  // The end of the last token's features (the static features of all tokens are contiguous).
  [[nodiscard]] const std::uint64_t* static_keys_end() const { return keys_.data() + keys_.size(); }

  // Appends the features from the labels predicted so far for other occurrences of the word.
  void history_features(std::size_t token, const PredictionHistory& history,
                        std::vector<std::uint64_t>& out) const;

 private:
  struct TokenInfo {
    std::uint64_t word = 0;
    std::uint64_t lower = 0;
    std::uint64_t shape = 0;
    std::uint32_t word_id = 0;
    std::uint16_t gaz_begin = 0;  // type bits of gazetteer phrases starting here
    std::uint16_t gaz_inside = 0;
    std::uint16_t gaz_last = 0;
    std::uint16_t gaz_unit = 0;   // one-token phrases
    bool has_letter = false;
    bool capitalized = false;     // first byte A-Z
    bool lower_initial = false;   // first byte a-z
    bool all_caps = false;        // letters, none lower case
    bool sentence_initial = false;
    bool caps_sentence = false;   // in an all-caps (headline) sentence
  };

  // Features that depend only on the lower-cased word, computed at its first occurrence in the
  // document (prefix and suffix hashing is a third of the feature work, and most tokens repeat
  // an earlier word).
  struct WordKeys {
    std::uint64_t lower = 0;                 // kLower
    std::array<std::uint64_t, 8> affixes{};  // prefix 1, suffix 1, prefix 2, ... as they exist
    std::uint64_t length = 0;                // kLength
    std::uint8_t affix_count = 0;
  };
  [[nodiscard]] static WordKeys word_keys(std::string_view lower);

  void add_static_features(std::size_t s, std::size_t t);

  std::vector<TokenInfo> tokens_;
  std::vector<std::size_t> sentence_offsets_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::size_t> key_offsets_;
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
  std::vector<WordKeys> word_keys_;  // by word id
};

}  // namespace newsdex::ner
