// Rule-based named-entity extraction for news articles: persons, organizations and places,
// canonicalized with the fact lists in Lexicon.
//
// Outline:
//  1. Tokenize title and body (entity_tokenizer.cpp: UTF-8, linear, never reads out of bounds).
//     Each line is checked for all-caps ("wire headline") and the title also for Title Case;
//     such lines only yield names the lexicon knows or that the rest of the article confirms.
//  2. Collect capitalized sequences (entities.cpp; with name particles von/van/der/de/da/bin/
//     al-... and joiners of/and/for inside), split at sentence ends, punctuation and possessives.
//  3. Segment each sequence by longest lexicon match (entity_phrase_matcher.cpp,
//     entity_segmenter.cpp) and emit a mention per segment (entity_mention_builder.cpp,
//     entity_acronyms.cpp): person aliases, organizations, places ("the Amazon" is the region when
//     a name is both), titles (with modifiers: "Deputy Foreign Minister"), demonyms and not-names;
//     the words in between form unknown runs. Runs ending in an organization head word ("Bank of
//     England", "Christian Democrats") or after a company noun ("auditing firm Kestrel Analytics")
//     are organizations; runs after or before a title, or starting with a given name, are persons;
//     next to "said" they are weak persons; the rest are kept as candidates. Short all-capital
//     words ("LNG", "GDP") are never persons.
//  4. Resolve within the article (entity_resolution.cpp): "Name (ACRONYM)" links the two;
//     surname-only mentions ("Strand said") resolve to the full name ("Mikkel Strand"), also
//     over a listed alias ("Vance" after "Mayor Patricia Vance"); a surname speaking alone
//     confirms an unknown full name; the first or last word of an organization stands for it
//     ("Kestrel", "Rovers"); "John Smith" merges into "John Michael Smith". One word next to
//     "said" with no other evidence is a person only in quote attribution ('..., Smith said');
//     "Organisers said" or "Eurofer said" at a sentence start is not.
// The White House, Kremlin, Pentagon and similar seats of government are organizations.
//
// With a statistical tagger (common/entities/ner, CoNLL-2003 PER/ORG/LOC/MISC; its spans laid over
// the tokens by entity_tagger_labels.cpp), step 3 asks it about every unknown run: its spans are
// cut into runs at their boundaries, and a run the tagger labels PER, ORG or LOC becomes a person,
// organization or place (MISC and untagged runs keep the rules' verdict). The fact lists still win
// where they know better: a listed country is a place whatever the tagger says, titles and demonyms
// inside a PER span are split off by the segmentation, and canonical names come from the lexicon.
// One tokenization pass for the rules and one tagger pass per article; the tagger is the costly
// part (see bench/entity_recall).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entities/lexicon.hpp"

namespace newsdex {

enum class Facet;  // common/schema.hpp

namespace ner {
class NerTagger;
}

// Canonical display names, each once, in order of first mention (title before body).
struct Entities {
  std::vector<std::string> persons, organizations, places;
};

class EntityExtractor {
 public:
  // Rules only (tests with small lexicons), or rules and a statistical tagger, which must
  // outlive the extractor.
  explicit EntityExtractor(const Lexicon& lexicon, const ner::NerTagger* tagger = nullptr);

  // Thread-safe (const, no shared mutable state). year is the article's publication year:
  // names the lists date ("Stoltenberg", "Exxon") resolve to whom they meant then.
  [[nodiscard]] Entities extract(std::string_view title, std::string_view body,
                                 std::optional<int> year = std::nullopt) const;

 private:
  const Lexicon* lexicon_;
  const ner::NerTagger* tagger_;
};

// An extractor over Lexicon::builtin() and the embedded NER model (NerTagger::builtin()).
[[nodiscard]] const EntityExtractor& builtin_entity_extractor();

// Names over the built-in lists (Lexicon::builtin()), built on first use; thread-safe. The
// views returned stay valid for the life of the program.

// Resolves a facet filter's name: every canonical name it may stand for, in list order
// (several for a name the lists date, "Stoltenberg"); empty for sources, authors and names
// the lists do not know. The schema's CanonicalNames.
[[nodiscard]] std::vector<std::string_view> canonical_names(Facet facet, std::string_view name);

// Canonicalizes a known spelling or alias: (person, "Zelensky") → "Volodymyr Zelenskyy",
// resolved as of the year when given; nullopt for a name the lists do not know.
[[nodiscard]] std::optional<std::string_view> canonical_name(
    EntityKind kind, std::string_view name, std::optional<int> year = std::nullopt);

// The country a listed place lies in ("Houston" → "United States"); empty for countries,
// cross-border regions and places the lists do not know.
[[nodiscard]] std::string_view place_country(std::string_view canonical_place);

}  // namespace newsdex
