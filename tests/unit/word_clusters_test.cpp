// Word clusters: the Brown clustering learner, the cluster table, the tagger's cluster features
// and their storage in the model file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/entities/ner/ner_features.hpp"
#include "common/entities/ner/ner_model.hpp"
#include "tools/brown_clusters.hpp"

using namespace newsdex::ner;

namespace {

ClusterCorpus corpus_of(const std::vector<std::string>& sentences, int repeat = 1) {
  ClusterCorpus corpus;
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& sentence : sentences) {
      std::istringstream in(sentence);
      std::vector<std::string> owned;
      for (std::string word; in >> word;) owned.push_back(word);
      const std::vector<std::string_view> words(owned.begin(), owned.end());
      corpus.add_sentence(words);
    }
  }
  return corpus;
}

std::map<std::string, std::string> paths_of(const std::vector<ClusteredWord>& words) {
  std::map<std::string, std::string> paths;
  for (const auto& w : words) paths[w.word] = w.path;
  return paths;
}

// Keys that two tokens' static features share.
std::size_t shared_keys(const DocumentFeatures& a, std::size_t ta, const DocumentFeatures& b,
                        std::size_t tb) {
  const std::set<std::uint64_t> left(a.static_begin(ta), a.static_end(ta));
  std::size_t shared = 0;
  for (auto k = b.static_begin(tb); k != b.static_end(tb); ++k) shared += left.count(*k);
  return shared;
}

const std::vector<std::string> kAnimals = {
    "the cat sat on the mat .",     "the dog sat on the mat .",   "a big cat ran home .",
    "a big dog ran home .",         "my cat ate fish today .",    "my dog ate fish today .",
    "prices rose sharply in march .", "shares fell sharply in may .", "she said it was late .",
};

}  // namespace

TEST_CASE("two words with identical contexts land in one cluster") {
  const ClusterCorpus corpus = corpus_of(kAnimals, 3);
  BrownOptions options;
  options.min_count = 1;
  options.clusters = 12;  // fewer classes than words: classes merge while words are added
  const auto paths = paths_of(learn_brown_clusters(corpus, options));
  REQUIRE(paths.count("cat") == 1);
  CHECK(paths.at("cat") == paths.at("dog"));
  CHECK(paths.at("cat") != paths.at("the"));
  CHECK(paths.at("cat") != paths.at("sat"));
}

TEST_CASE("with room for every word, each word is a leaf of one binary tree") {
  const ClusterCorpus corpus = corpus_of(kAnimals);
  BrownOptions options;
  options.min_count = 1;
  options.clusters = 64;
  const auto words = learn_brown_clusters(corpus, options);
  REQUIRE(words.size() == corpus.distinct_words());
  // Distinct, prefix-free bit strings: leaves of one tree.
  for (const auto& a : words) {
    CHECK(a.path.find_first_not_of("01") == std::string::npos);
    for (const auto& b : words) {
      if (&a != &b) CHECK(b.path.rfind(a.path, 0) != 0);
    }
  }
  // Identical contexts still merge first: cat and dog are siblings.
  const auto paths = paths_of(words);
  const std::string& cat = paths.at("cat");
  const std::string& dog = paths.at("dog");
  CHECK(cat.size() == dog.size());
  CHECK(cat.substr(0, cat.size() - 1) == dog.substr(0, dog.size() - 1));
}

TEST_CASE("the learner is deterministic and leaves out rare words") {
  const ClusterCorpus corpus = corpus_of(kAnimals, 2);
  BrownOptions options;
  options.min_count = 3;  // twice over the sentences: fish occurs 4 times, march twice
  options.clusters = 4;
  const auto first = learn_brown_clusters(corpus, options);
  const auto second = learn_brown_clusters(corpus, options);
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].word == second[i].word);
    CHECK(first[i].path == second[i].path);
  }
  const auto paths = paths_of(first);
  CHECK(paths.count("cat") == 1);
  CHECK(paths.count("fish") == 1);
  CHECK(paths.count("march") == 0);
  CHECK(paths.count("late") == 0);
  options.clusters = 1;
  CHECK_THROWS_AS(learn_brown_clusters(corpus, options), std::invalid_argument);
}

TEST_CASE("the cluster table reads the learner's TSV and looks words up in lower case") {
  WordClusters clusters;
  clusters.add_tsv("# comment\n0110\tCat\t12\n\n0111\tdog\n1\tthe\t99\r\n");
  CHECK(clusters.lookup(hash_text("cat")) == ClusterPath{0b0110, 4});
  CHECK(clusters.lookup(hash_text("dog")) == ClusterPath{0b0111, 4});
  CHECK(clusters.lookup(hash_text("the")) == ClusterPath{1, 1});
  CHECK(clusters.lookup(hash_text("Cat")).length == 0);  // keys are lower-case hashes
  CHECK(clusters.lookup(hash_text("fish")).length == 0);
  CHECK(path_prefix(ClusterPath{0b011011, 6}, 4) == ClusterPath{0b0110, 4});
  CHECK(path_prefix(ClusterPath{0b0110, 4}, 10) == ClusterPath{0b0110, 4});

  const std::string bad[] = {"0110 cat\n", "01a0\tcat\n", "\tcat\n", "0110\t\t3\n"};
  for (const auto& text : bad) {
    WordClusters table;
    CHECK_THROWS_WITH(table.add_tsv("1\tok\n" + text), Catch::Contains("line 2"));
  }
  // Paths longer than the table keeps are cut, not rejected.
  WordClusters long_paths;
  long_paths.add("deep", std::string(40, '1'));
  CHECK(long_paths.lookup(hash_text("deep")).length == WordClusters::kMaxPathBits);
}

TEST_CASE("cluster features: a token shares the prefixes of its and its neighbours' paths") {
  const std::string deep = "01100110011001100110";  // 20 bits
  WordClusters clusters;
  clusters.add("cat", deep);
  clusters.add("dog", deep);
  clusters.add("hat", "0110" + std::string(16, '1'));  // shares only the 4-bit prefix
  clusters.add("mat", "1");                            // a one-bit path: one feature
  const Gazetteer none;
  const TokenDocument cat = {{"the", "cat", "."}}, dog = {{"the", "dog", "."}},
                      hat = {{"the", "hat", "."}}, mat = {{"the", "mat", "."}};
  struct Case {
    const char* name;
    const TokenDocument& other;
    std::size_t token;
    std::size_t extra_shared;  // shared keys with clusters minus without
  };
  const Case cases[] = {
      {"same path: all four prefixes", dog, 1, 4},
      {"paths apart after 4 bits", hat, 1, 1},
      {"paths apart from the first bit", mat, 1, 0},
      {"right neighbours with the same path", dog, 0, 4},
      {"right neighbours sharing 4 bits", hat, 0, 1},
      {"left neighbours with the same path", dog, 2, 4},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::size_t with = shared_keys(DocumentFeatures(cat, none, clusters), c.token,
                                         DocumentFeatures(c.other, none, clusters), c.token);
    const std::size_t without = shared_keys(DocumentFeatures(cat, none), c.token,
                                            DocumentFeatures(c.other, none), c.token);
    CHECK(with - without == c.extra_shared);
  }
  // A word's cluster adds features to it and to its neighbours; an unknown word adds none.
  const DocumentFeatures plain(mat, none), clustered(mat, none, clusters);
  CHECK(clustered.static_end(1) - clustered.static_begin(1) ==
        plain.static_end(1) - plain.static_begin(1) + 1);
  CHECK(clustered.static_end(0) - clustered.static_begin(0) ==
        plain.static_end(0) - plain.static_begin(0) + 1);
  CHECK(clustered.static_end(2) - clustered.static_begin(2) ==
        plain.static_end(2) - plain.static_begin(2) + 1);
}

TEST_CASE("a model keeps its word clusters through save and load") {
  WordClusters clusters;
  clusters.add("cat", "0110");
  clusters.add("dog", "10");
  Transitions transitions;
  const NerModel model({42}, std::vector<float>(kNumLabels, 1.0F), transitions, Gazetteer(),
                       clusters);
  const NerModel loaded = NerModel::load(model.save());
  CHECK(loaded.clusters().entries() == clusters.entries());
  CHECK(loaded.save() == model.save());
  // A model without clusters writes no cluster section and loads with none.
  const NerModel plain({42}, std::vector<float>(kNumLabels, 1.0F), transitions, Gazetteer());
  CHECK(NerModel::load(plain.save()).clusters().empty());
  CHECK(plain.save().size() < model.save().size());
  const std::string bytes = model.save();
  CHECK_THROWS_AS(NerModel::load(std::string_view(bytes).substr(0, bytes.size() - 2)),
                  std::runtime_error);
}
