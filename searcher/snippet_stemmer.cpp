// Stemming only the words that could match.
#include "searcher/snippet_stemmer.hpp"

#include "common/schema.hpp"

namespace newsdex {

SnippetStemmer::SnippetStemmer(const Xapian::Query& terms) : stem_(make_stemmer()) {
  for (auto it = terms.get_unique_terms_begin(); it != terms.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    // Skip the prefix: Xapian's prefixes are capital letters; words are lower case.
    std::size_t start = 0;
    while (start < term.size() && term[start] >= 'A' && term[start] <= 'Z') ++start;
    if (start < term.size()) first_bytes_[static_cast<unsigned char>(term[start])] = true;
  }
}

std::string SnippetStemmer::operator()(const std::string& word) {
  if (word.empty()) return word;
  const auto first = static_cast<unsigned char>(word.front());
  // A word starting with a non-ASCII letter may fold to an ASCII one ("über" → "uber").
  if (!first_bytes_[first] && first != '\'' && first < 0x80) return word;
  return stem_(word);
}

std::string SnippetStemmer::get_description() const { return "SnippetStemmer(" + stem_.get_description() + ")"; }

}  // namespace newsdex
