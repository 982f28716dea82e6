// The analyzer's stemmer: folds accents and umlaut spellings, stems, and remembers the result.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Wraps a Snowball stemmer with a cache of word → stem. News text repeats its words, and a
// hash lookup costs a fraction of running the stemming algorithm, which Xapian calls for
// every word the TermGenerator indexes and every word MSet::snippet looks at. Not
// thread-safe: each thread needs its own Xapian::Stem built on its own CachedStemmer.
//
// Every word indexed, queried or looked at by a snippet goes through it, so the folding rules
// of common/analysis.hpp apply alike on all three sides: a word's stem is the Snowball stem of
// its accent-folded form, with umlaut spellings folded ("Pöhl", "Poehl" and "Pohl" → "pohl").
class CachedStemmer : public Xapian::StemImplementation {
 public:
  explicit CachedStemmer(const std::string& language);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  // An open-addressing table whose entries hold the word and its stem in one cache line: a
  // hit reads one line, where std::unordered_map went through a bucket, the node before the
  // match and the match (4% of the CPU of indexing with entities). Longer words are rare
  // and are stemmed every time.
  static constexpr std::size_t kMaxWordBytes = 29;
  struct alignas(64) Entry {
    std::uint32_t tag = 0;       // high bits of the word's hash
    std::uint8_t word_size = 0;  // 0: an empty entry (the empty word is not cached)
    std::uint8_t stem_size = 0;
    char word[kMaxWordBytes];
    char stem[kMaxWordBytes];
  };
  static_assert(sizeof(Entry) == 64);

  std::string fold_and_stem(const std::string& word);
  void insert(std::uint64_t hash, std::string_view word, std::string_view stem);
  void grow();

  Xapian::Stem stem_;
  std::string language_;
  std::vector<Entry> entries_;  // a power of two in size, at most half full
  std::size_t used_ = 0;
};

}  // namespace newsdex
