// Gazetteer construction from the lexicon TSV files (read by common/entities/lexicon_tsv.hpp)
// and phrase hashing.
#include "common/entities/ner/gazetteer.hpp"

#include "common/entities/lexicon_tsv.hpp"
#include "common/entities/ner/ner_tokenizer.hpp"

namespace newsdex::ner {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

void lower_ascii(std::string_view text, std::string& out) {
  out.assign(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

void Gazetteer::add(std::string_view phrase, GazetteerType type) {
  phrase = trim(phrase);
  if (phrase.empty()) return;
  std::string lower;
  std::vector<std::uint64_t> tokens;
  for (const auto& sentence : tokenize_text(phrase)) {
    for (const auto& token : sentence) {
      lower_ascii(phrase.substr(token.begin, token.end - token.begin), lower);
      tokens.push_back(hash_text(lower));
    }
  }
  if (tokens.empty() || tokens.size() > kMaxPhraseTokens) return;
  std::uint64_t h = kEmptySequence;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    h = hash_extend(h, tokens[i]);
    if (i + 1 < tokens.size()) merge(h, kGazPrefixBit);
  }
  merge(h, static_cast<std::uint16_t>(1U << type));
}

void Gazetteer::set_entry(std::uint64_t key, std::uint16_t bits) {
  entries_[key] = 0;
  merge(key, bits);
}

void Gazetteer::merge(std::uint64_t key, std::uint16_t bits) {
  const std::uint16_t merged = entries_[key] |= bits;
  if (key == 0) {
    zero_bits_ = merged;
    return;
  }
  if (entries_.size() * 2 > slots_.size()) {
    // Grow and re-insert everything (including key, already in entries_).
    std::size_t capacity = slots_.size();
    while (entries_.size() * 2 > capacity) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const auto& [k, b] : entries_) {
      if (k != 0) insert_slot(k, b);
    }
    return;
  }
  insert_slot(key, merged);
}

void Gazetteer::insert_slot(std::uint64_t key, std::uint16_t bits) {
  std::size_t slot = key & mask_;
  while (slots_[slot].key != 0 && slots_[slot].key != key) slot = (slot + 1) & mask_;
  slots_[slot] = Slot{key, bits};
}

void Gazetteer::add_lexicon_file(std::string_view name, std::string_view content) {
  const auto add_all = [this](const auto& phrases, GazetteerType type) {
    for (const auto& phrase : phrases) add(phrase, type);
  };
  if (name == "places.tsv") {
    for (const auto& row : lexicon_tsv::read_places(content)) {
      const GazetteerType type = row.kind == "country" ? kGazCountry : kGazPlace;
      add(row.name, type);
      add_all(row.variants, type);
      add_all(row.demonyms, kGazDemonym);
    }
  } else if (name == "given_names.tsv") {
    for (const auto& row : lexicon_tsv::read_given_names(content)) add(row.word, kGazGivenName);
  } else if (name == "titles.tsv") {
    for (const auto& row : lexicon_tsv::read_titles(content)) add(row.word, kGazTitle);
  } else if (name == "organizations.tsv") {
    for (const auto& row : lexicon_tsv::read_organizations(content)) {
      add(row.name, row.kind == "head" ? kGazOrgHead : kGazOrganization);
      add_all(row.variants, kGazOrganization);
    }
  } else if (name == "aliases.tsv") {
    for (const auto& row : lexicon_tsv::read_aliases(content)) {
      const GazetteerType type = row.kind == "person"         ? kGazPerson
                                 : row.kind == "organization" ? kGazOrganization
                                                              : kGazPlace;
      add(row.name, type);
      add_all(row.variants, type);
    }
  } else if (name == "not_names.tsv") {
    for (const auto& row : lexicon_tsv::read_not_names(content)) add(row.word, kGazNotName);
  }
}

}  // namespace newsdex::ner
