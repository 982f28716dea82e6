// The docids a paged export has handed over already.
#include "searcher/seen_docids.hpp"

namespace newsdex {

SeenDocids::SeenDocids(Xapian::docid last_docid) : words_(last_docid / 64 + 1, 0) {}

void SeenDocids::add(Xapian::docid did) {
  const std::size_t word = did / 64;
  if (word >= words_.size()) words_.resize(word + 1, 0);
  words_[word] |= std::uint64_t{1} << (did % 64);
}

bool SeenDocids::contains(Xapian::docid did) const {
  const std::size_t word = did / 64;
  return word < words_.size() && (words_[word] >> (did % 64) & 1) != 0;
}

}  // namespace newsdex
