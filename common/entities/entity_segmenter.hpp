// Step 3 of extraction, first half: cutting a capitalized sequence into segments, each a
// listed name, a title, a demonym, a not-name or an unknown run, with legal forms attached to
// the company before them and organization heads joined to what they govern.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/entities/entity_phrase_matcher.hpp"
#include "common/entities/entity_tagger_labels.hpp"

namespace newsdex::entity_detail {

// Tokens [b, e) of a sequence and what they are.
struct Segment {
  std::size_t b = 0;
  std::size_t e = 0;
  Seg type = Seg::run;
  std::int32_t canon = -1;      // lexicon name index for person/org/place
  bool org_head = false;        // the run is an organization's name ("Bank of England")
  std::ptrdiff_t mention = -1;  // index of the mention emitted for it
  // A listed place taken into an organization's name ("Zaporizhzhia Nuclear Power Plant"):
  // still a place the article is about. Lexicon name index, or -1.
  std::int32_t inner_place = -1;
};

class Segmenter {
 public:
  // matcher and labels must outlive the segmenter and cover the same tokens.
  Segmenter(PhraseMatcher& matcher, const TaggerLabels& labels)
      : matcher_(matcher), labels_(labels) {}

  // The segments of the sequence tokens [s, e), in order; valid until the next call.
  std::vector<Segment>& segment(std::size_t s, std::size_t e);

 private:
  void close_run(std::ptrdiff_t& run, std::size_t end);
  [[nodiscard]] bool legal_suffix_run(const Segment& seg) const;
  void attach_legal_suffixes();
  void merge_organizations();
  [[nodiscard]] bool part_of_name(const Segment& run) const;
  [[nodiscard]] bool opens_joined_name(std::size_t k) const;
  bool join_listed_organization(std::size_t k);
  bool take_name_before(std::size_t k, bool tagged_only, bool organizations);

  [[nodiscard]] std::string_view key(std::size_t i) const { return matcher_.key(i); }
  [[nodiscard]] bool is_conn(std::size_t i) const { return matcher_.is_conn(i); }

  PhraseMatcher& matcher_;
  const TaggerLabels& labels_;
  const std::vector<Token>& tokens_ = matcher_.tokens();
  std::vector<Segment> segs_;
};

}  // namespace newsdex::entity_detail
