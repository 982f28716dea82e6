// Phrase lists for the tagger's gazetteer features: places, demonyms, given names, titles,
// organizations and their head words, known persons and never-name words, matched on lower-cased
// CoNLL-style tokens. Built from the data/lexicon TSV files at training time and stored in the
// model, so tagging needs no files and does not drift when the lists are edited.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::ner {

enum GazetteerType : std::uint8_t {
  kGazPlace = 0,
  kGazDemonym,
  kGazGivenName,
  kGazTitle,
  kGazOrganization,
  kGazOrgHead,
  kGazPerson,
  kGazNotName,
  kGazCountry,
  kNumGazetteerTypes
};

// Bit of a map entry saying that longer phrases start with these tokens.
inline constexpr std::uint16_t kGazPrefixBit = 0x8000;

// Hash of one lower-cased token, and of a token sequence (hash_extend over the tokens).
[[nodiscard]] std::uint64_t hash_text(std::string_view text);
[[nodiscard]] std::uint64_t hash_extend(std::uint64_t sequence, std::uint64_t token);
inline constexpr std::uint64_t kEmptySequence = 0x6a09e667f3bcc908ULL;

class Gazetteer {
 public:
  static constexpr std::size_t kMaxPhraseTokens = 8;

  // Adds a phrase (tokenized and lower-cased here) under a type.
  void add(std::string_view phrase, GazetteerType type);

  // Reads the data/lexicon files given as (file name, content) pairs; unknown names are ignored.
  void add_lexicon_file(std::string_view name, std::string_view content);

  // Type bits (1 << GazetteerType) of the phrase with this sequence hash, plus kGazPrefixBit;
  // 0 when unknown.
  [[nodiscard]] std::uint16_t lookup(std::uint64_t sequence_hash) const {
    const auto it = entries_.find(sequence_hash);
    return it == entries_.end() ? 0 : it->second;
  }

  [[nodiscard]] const std::unordered_map<std::uint64_t, std::uint16_t>& entries() const {
    return entries_;
  }
  void set_entry(std::uint64_t key, std::uint16_t bits) { entries_[key] = bits; }

 private:
  std::unordered_map<std::uint64_t, std::uint16_t> entries_;
};

// ASCII lower case of a token (other bytes unchanged).
void lower_ascii(std::string_view text, std::string& out);

}  // namespace newsdex::ner
