// A stemmer that remembers the stems it has computed.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace newsdex {

// Wraps a Snowball stemmer with a cache of word → stem. News text repeats its words, and a
// hash lookup costs a fraction of running the stemming algorithm, which Xapian calls for
// every word the TermGenerator indexes and every word MSet::snippet looks at. Not
// thread-safe: each thread needs its own Xapian::Stem built on its own CachedStemmer.
class CachedStemmer : public Xapian::StemImplementation {
 public:
  explicit CachedStemmer(const std::string& language) : stem_(language), language_(language) {}

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  Xapian::Stem stem_;
  std::string language_;
  std::unordered_map<std::string, std::string> stems_;
};

}  // namespace newsdex
