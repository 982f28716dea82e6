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

// The final avalanche of hash_text and hash_extend (splitmix64's finalizer).
[[nodiscard]] constexpr std::uint64_t hash_mix(std::uint64_t x) {
  x ^= x >> 30U;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27U;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31U;
  return x;
}

// FNV-1a over bytes, before hash_mix; lets callers hash text they never materialize.
inline constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
[[nodiscard]] constexpr std::uint64_t fnv_step(std::uint64_t h, unsigned char byte) {
  return (h ^ byte) * 0x100000001b3ULL;
}

// Hash of one lower-cased token, and of a token sequence (hash_extend over the tokens). Both are
// part of the model format. Inline: the tagger computes a few dozen per token.
[[nodiscard]] constexpr std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = kFnvBasis;
  for (const char c : text) h = fnv_step(h, static_cast<unsigned char>(c));
  return hash_mix(h);
}
[[nodiscard]] constexpr std::uint64_t hash_extend(std::uint64_t sequence, std::uint64_t token) {
  return hash_mix(sequence * 0x9E3779B97F4A7C15ULL + token);
}
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
    if (sequence_hash == 0) return zero_bits_;
    for (std::size_t slot = sequence_hash & mask_;; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.key == sequence_hash) return s.bits;
      if (s.key == 0) return 0;
    }
  }

  [[nodiscard]] const std::unordered_map<std::uint64_t, std::uint16_t>& entries() const {
    return entries_;
  }
  void set_entry(std::uint64_t key, std::uint16_t bits);

 private:
  // entries_[key] |= bits, in both tables.
  void merge(std::uint64_t key, std::uint16_t bits);
  void insert_slot(std::uint64_t key, std::uint16_t bits);

  // entries_ is the authoritative map (iterated by the model writer); slots_ mirrors it as a
  // flat open-addressing table (load <= 1/2, key 0 = empty) because the tagger looks up about
  // one phrase per token and std::unordered_map costs a pointer chase per lookup.
  struct Slot {
    std::uint64_t key = 0;
    std::uint16_t bits = 0;
  };
  std::unordered_map<std::uint64_t, std::uint16_t> entries_;
  std::vector<Slot> slots_ = std::vector<Slot>(16);
  std::size_t mask_ = 15;
  std::uint16_t zero_bits_ = 0;  // the entry of key 0, which cannot live in slots_
};

// ASCII lower case of a token (other bytes unchanged).
void lower_ascii(std::string_view text, std::string& out);

}  // namespace newsdex::ner
