// Step 3 of extraction, second half: a mention for each segment of a sequence, with the
// strength of the evidence for it (a listed name, a title or company noun before it, "said"
// next to it, the tagger's type), and "Name (ACRONYM)" links.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/entities/entity_mentions.hpp"
#include "common/entities/entity_phrase_matcher.hpp"
#include "common/entities/entity_segmenter.hpp"
#include "common/entities/entity_tagger_labels.hpp"

namespace newsdex::entity_detail {

class MentionBuilder {
 public:
  // matcher, labels and the token stream must outlive the builder and cover the same tokens.
  MentionBuilder(PhraseMatcher& matcher, const TaggerLabels& labels, const TokenStream& stream)
      : matcher_(matcher), labels_(labels), stream_(stream) {}

  // Adds the mention (if any) of segment k of the sequence [s, e) and records its index in
  // the segment. Call for each segment in order.
  void emit(std::vector<Segment>& segs, std::size_t k, std::size_t s, std::size_t e);

  // "North Atlantic Treaty Organization (NATO)": when "(ACRONYM)" follows the sequence [s, e)
  // and spells its last name, makes that name an organization or place and links the two.
  // Call after emit has run over every segment.
  void link_acronym(const std::vector<Segment>& segs, std::size_t s, std::size_t e);

  // Adds tokens [b, e) as one company's name, punctuation kept ("Kidder, Peabody and Co Inc").
  void add_firm(std::size_t b, std::size_t e);

  // Drops every mention, not from the lists, of a title of a work the article introduced
  // ("the film Shark Tale ... Shark Tale sold"), or of a name it opens ("Shark Tale DVD").
  // Call after the last emit.
  void drop_titles_of_works();

  [[nodiscard]] std::vector<Mention>& mentions() { return mentions_; }
  [[nodiscard]] const AcronymLinks& acronyms() const { return acronyms_; }

 private:
  std::size_t add(EntityKind kind, Strength strength, std::string name, std::size_t b,
                  std::size_t e, bool from_lexicon);
  [[nodiscard]] std::string display(std::size_t b, std::size_t e) const;
  [[nodiscard]] std::string display_cased(std::size_t b, std::size_t e) const;
  [[nodiscard]] bool speech_verb(std::size_t i) const;
  [[nodiscard]] bool seen_lowercase(std::size_t i) const;
  [[nodiscard]] bool common_run(std::size_t b, std::size_t e) const;
  [[nodiscard]] bool ends_clause(std::size_t i) const;
  [[nodiscard]] bool org_cue_before(std::size_t s) const;
  [[nodiscard]] bool work_cue_before(std::size_t s) const;
  [[nodiscard]] bool quoted(std::size_t s, std::size_t e) const;
  bool hyphen_parts(std::size_t i);
  [[nodiscard]] bool initials_match(std::size_t b, std::size_t e, std::string_view acr) const;

  [[nodiscard]] std::string_view key(std::size_t i) const { return matcher_.key(i); }
  [[nodiscard]] bool is_conn(std::size_t i) const { return matcher_.is_conn(i); }

  PhraseMatcher& matcher_;
  const TaggerLabels& labels_;
  const TokenStream& stream_;
  const Lexicon& lex_ = matcher_.lexicon();
  const std::vector<Token>& tokens_ = stream_.tokens();
  std::vector<Mention> mentions_;
  AcronymLinks acronyms_;
  std::vector<std::string> works_;     // keys of the titles of works the article names
  bool title_segment_before_ = false;  // while emitting: the segment follows a title
};

}  // namespace newsdex::entity_detail
