// Caching stems.
#include "common/cached_stemmer.hpp"

namespace newsdex {
namespace {

// Enough for the vocabulary of a large archive's common words (a few MB); when full, the
// cache starts again rather than growing without bound on a stream of rare words.
constexpr std::size_t kMaxCachedWords = 1 << 17;

}  // namespace

std::string CachedStemmer::operator()(const std::string& word) {
  if (const auto it = stems_.find(word); it != stems_.end()) return it->second;
  if (stems_.size() >= kMaxCachedWords) stems_.clear();
  return stems_.emplace(word, stem_(word)).first->second;
}

std::string CachedStemmer::get_description() const { return "CachedStemmer(" + language_ + ")"; }

}  // namespace newsdex
