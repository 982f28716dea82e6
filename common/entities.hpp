// Rule-based named-entity extraction for news articles: persons, organizations and places,
// canonicalized with the fact lists in Lexicon.
//
// Outline (details in entities.cpp):
//  1. Tokenize title and body (UTF-8, linear, never reads out of bounds). Each line is checked
//     for all-caps ("wire headline") and the title also for Title Case; such lines only yield
//     names the lexicon knows or that the rest of the article confirms.
//  2. Collect capitalized sequences (with name particles von/van/der/de/da/bin/al-... and
//     joiners of/and/for inside), split at sentence ends, punctuation and possessives.
//  3. Segment each sequence by longest lexicon match: person aliases, organizations, places,
//     titles (with modifiers: "Deputy Foreign Minister"), demonyms and not-names; the words in
//     between form unknown runs. Runs ending in an organization head word are organizations
//     ("Bank of England", "Russian Foreign Ministry"); runs after a title, starting with a given
//     name or next to "said" are persons; the rest are kept as candidates.
//  4. Resolve within the article: "Name (ACRONYM)" links the two; surname-only mentions and
//     candidates resolve to the full name mentioned elsewhere; "John Smith" merges into "John
//     Michael Smith"; a surname with no full name stays a surname.
// The White House, Kremlin, Pentagon and similar seats of government are organizations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/lexicon.hpp"

namespace newsdex {

// Canonical display names, each once, in order of first mention (title before body).
struct Entities {
  std::vector<std::string> persons, organizations, places;
};

class EntityExtractor {
 public:
  explicit EntityExtractor(const Lexicon& lexicon);

  // Thread-safe (const, no shared mutable state).
  [[nodiscard]] Entities extract(std::string_view title, std::string_view body) const;

 private:
  const Lexicon* lexicon_;
};

// An extractor over Lexicon::builtin().
[[nodiscard]] const EntityExtractor& builtin_entity_extractor();

}  // namespace newsdex
