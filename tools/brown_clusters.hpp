// Brown clustering of words from unlabeled text: a binary tree over word classes, built by
// greedily merging the two classes whose merge loses the least mutual information between
// adjacent classes. Each word gets the bit string of its class's path in the tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::ner {

// Word and bigram counts of a text collection, in the order sentences are added.
class ClusterCorpus {
 public:
  // Adds one sentence (or any run of text whose adjacent tokens form bigrams); the words are
  // taken as given (the caller lower-cases them). Bigrams never span two add_sentence calls.
  void add_sentence(const std::vector<std::string_view>& words);

  [[nodiscard]] std::size_t token_count() const { return tokens_.size() - sentences_; }
  [[nodiscard]] std::size_t distinct_words() const { return words_.size(); }

 private:
  friend class BrownClusterer;
  static constexpr std::uint32_t kSentenceEnd = 0xFFFFFFFFU;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> words_;
  std::vector<std::uint64_t> counts_;
  std::vector<std::uint32_t> tokens_;  // word ids, kSentenceEnd after each sentence
  std::size_t sentences_ = 0;
};

struct BrownOptions {
  std::size_t clusters = 256;  // classes kept while words are added: the tree's leaves
  std::uint64_t min_count = 3;  // words seen fewer times are left out
};

struct ClusteredWord {
  std::string word;
  std::string path;  // '0'/'1' from the root; words of one class share it
  std::uint64_t count = 0;
};

// Runs Brown clustering (words added in order of decreasing count, then by byte order; at most
// options.clusters classes at a time; then the classes are merged to one root). Deterministic:
// the same corpus and options give the same result. Returns the kept words sorted by path, then
// by decreasing count, then by word. Throws std::invalid_argument when options.clusters < 2.
[[nodiscard]] std::vector<ClusteredWord> learn_brown_clusters(const ClusterCorpus& corpus,
                                                              const BrownOptions& options);

}  // namespace newsdex::ner
