// Mentions found in an article, and their resolution within it: acronyms, surnames, partial
// organization names and candidates the rest of the article confirms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/entities/entities.hpp"
#include "common/entities/entity_tokenizer.hpp"
#include "common/entities/lexicon.hpp"

namespace newsdex::entity_detail {

enum Strength : std::uint8_t { candidate = 0, weak = 1, cued = 2, strong = 3 };

struct Mention {
  EntityKind kind = EntityKind::person;
  Strength strength = candidate;
  std::string display;
  std::string key;
  std::string first_key;
  std::string last_key;
  std::size_t pos = 0;
  std::size_t words = 0;
  bool sentence_initial = false;
  bool from_lexicon = false;
  std::int32_t target = -1;  // resolved: index of the mention this one stands for
  bool dropped = false;
  bool single_token = false;  // written as one word ("Vance" even if canonical is "JD Vance")
  bool titled = false;        // a title precedes it ("President Trump")
  bool attributed = false;    // one word in quote attribution: ', Smith said' or 'said Smith.'
  bool never_person = false;  // an acronym such as "LNG": only resolves, never a person itself
  std::string surface_key;    // key of the written form
  // The statistical tagger read this unknown run as an organization or place (0 = none,
  // else 1 + EntityKind). It is held as a person until the article is resolved: when its
  // surname speaks alone elsewhere ("Brandvold said") it stays a person, else it takes this
  // kind (see Resolver::apply_tagger_kinds).
  std::uint8_t tagged_kind = 0;
  bool tagged = false;        // the tagger's type decided or confirmed this mention
};

// "Name (ACRONYM)" pairs: the acronym's key and the index of the mention it spells out.
using AcronymLinks = std::vector<std::pair<std::string, std::size_t>>;

// Resolves mentions to the entities they stand for and lists each entity once, in order of
// first mention. Updates mentions (targets, strengths, dropped flags) as it goes.
[[nodiscard]] Entities resolve_mentions(std::vector<Mention>& mentions,
                                        const AcronymLinks& acronyms, const TokenStream& tokens,
                                        const Lexicon& lexicon);

// Is the normalized word a legal form that ends a company name ("corp", "inc", "ltd")?
[[nodiscard]] bool is_legal_suffix(std::string_view key);

// Final rules over an article's entities (entity_cleanup.cpp): wire abbreviations ("Shr",
// "Dlrs", "Nine Mths") are never entities; an organization is never only legal forms and
// generic words ("Co", "Corp Inc", "Securities"); a company's legal form is dropped when the
// lists know the name without it ("Chrysler Corp" → "Chrysler"); a person is never a lone
// given name ("John") or a lone common word, a name with a legal form is a company, and a
// person whose name opens an organization of the same article is that organization.
void tidy_entities(Entities& entities, const Lexicon& lexicon, std::optional<int> year);

}  // namespace newsdex::entity_detail
