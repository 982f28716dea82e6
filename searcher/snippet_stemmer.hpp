// The stemmer snippets are cut with: it stems only words that could match the query.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex {

// MSet::snippet stems every word of an article's text to compare it with the query's terms,
// which made stemming the largest part of cutting snippets. The English Snowball stemmer
// keeps a word's first letter (it only rewrites endings, and a leading apostrophe goes), so
// an ASCII word whose first byte starts none of the query's terms cannot match one: it is
// returned as it is, which matches nothing either. Only the other words are stemmed (with a
// cache, and the analyzer's folding, which may turn a non-ASCII first letter into any other).
class SnippetStemmer : public Xapian::StemImplementation {
 public:
  // terms: the query terms snippets should mark (prefixed or not).
  explicit SnippetStemmer(const Xapian::Query& terms);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  Xapian::Stem stem_;
  bool first_bytes_[256] = {};
};

}  // namespace newsdex
