// Caching stems.
#include "common/cached_stemmer.hpp"

#include <cstring>
#include <functional>

#include "common/analysis.hpp"

namespace newsdex {
namespace {

// Enough for the vocabulary of a large archive's common words (8 MB of entries); when full,
// the cache starts again rather than growing without bound on a stream of rare words.
constexpr std::size_t kMaxCachedWords = 1 << 16;
constexpr std::size_t kInitialEntries = 1 << 10;

std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

}  // namespace

CachedStemmer::CachedStemmer(const std::string& language)
    : stem_(language), language_(language), entries_(kInitialEntries) {}

std::string CachedStemmer::fold_and_stem(const std::string& word) {
  std::string stem = stem_(fold_accents(word));
  fold_umlaut_spellings(stem);
  return stem;
}

std::string CachedStemmer::operator()(const std::string& word) {
  if (word.empty() || word.size() > kMaxWordBytes) return fold_and_stem(word);
  const std::uint64_t hash = std::hash<std::string_view>{}(word);
  const std::size_t mask = entries_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Entry& entry = entries_[i];
    if (entry.word_size == 0) break;
    if (entry.tag == tag_of(hash) && entry.word_size == word.size() &&
        std::memcmp(entry.word, word.data(), word.size()) == 0) {
      return std::string(entry.stem, entry.stem_size);
    }
  }
  std::string stem = fold_and_stem(word);
  if (stem.size() <= kMaxWordBytes) insert(hash, word, stem);
  return stem;
}

void CachedStemmer::insert(std::uint64_t hash, std::string_view word, std::string_view stem) {
  if (2 * (used_ + 1) > entries_.size()) {
    if (entries_.size() < 2 * kMaxCachedWords) {
      grow();
    } else {
      entries_.assign(entries_.size(), Entry{});
      used_ = 0;
    }
  }
  const std::size_t mask = entries_.size() - 1;
  std::size_t i = hash & mask;
  while (entries_[i].word_size != 0) i = (i + 1) & mask;
  Entry& entry = entries_[i];
  entry.tag = tag_of(hash);
  entry.word_size = static_cast<std::uint8_t>(word.size());
  entry.stem_size = static_cast<std::uint8_t>(stem.size());
  std::memcpy(entry.word, word.data(), word.size());
  std::memcpy(entry.stem, stem.data(), stem.size());
  ++used_;
}

void CachedStemmer::grow() {
  std::vector<Entry> old(2 * entries_.size());
  old.swap(entries_);
  used_ = 0;
  for (const Entry& entry : old) {
    if (entry.word_size == 0) continue;
    const std::string_view word(entry.word, entry.word_size);
    insert(std::hash<std::string_view>{}(word), word,
           std::string_view(entry.stem, entry.stem_size));
  }
}

std::string CachedStemmer::get_description() const { return "CachedStemmer(" + language_ + ")"; }

}  // namespace newsdex
