// "Name (ACRONYM)": the acronym after a sequence linked to the name it spells out.
#include <string>

#include "common/entities/entity_mention_builder.hpp"

namespace newsdex::entity_detail {

using Entry = Lexicon::Entry;

// "North Atlantic Treaty Organization (NATO)", "Committee to Protect Journalists (CPJ)".
void MentionBuilder::link_acronym(const std::vector<Segment>& segs, std::size_t s, std::size_t e) {
  if (e + 2 >= tokens_.size()) return;
  const Token& open = tokens_[e];
  const Token& acr = tokens_[e + 1];
  if (open.type != Tok::open || acr.type != Tok::word || !acr.all_caps || acr.letters < 2 ||
      acr.letters > 10 || tokens_[e + 2].type != Tok::close) {
    return;
  }
  // The last segment of the sequence is the expansion.
  std::size_t k = segs.size();
  while (k > 0 && (segs[k - 1].type == Seg::gone || segs[k - 1].type == Seg::joiner)) --k;
  if (k == 0) return;
  const Segment& seg = segs[k - 1];
  if (seg.e != e || seg.b < s || seg.mention < 0) return;
  if (seg.type != Seg::run && seg.type != Seg::org && seg.type != Seg::place) return;
  Mention& expansion = mentions_[static_cast<std::size_t>(seg.mention)];
  if (!initials_match(seg.b, seg.e, key(e + 1))) {
    // "Zaporizhzhia Nuclear Power Plant (ZNPP)": the expansion starts in an earlier segment.
    if (seg.type != Seg::run || (expansion.strength >= cued && !expansion.tagged)) return;
    std::size_t start = seg.b;
    for (std::size_t j = k - 1; j > 0 && k - j <= 4; --j) {
      const Segment& prev = segs[j - 1];
      if (prev.type == Seg::title || prev.type == Seg::person || prev.type == Seg::not_name) {
        break;
      }
      if (prev.type == Seg::gone) continue;
      if (initials_match(prev.b, e, key(e + 1))) {
        start = prev.b;
        break;
      }
    }
    if (start == seg.b) return;
    expansion.display = display(start, e);
    expansion.key = Lexicon::fold(expansion.display);
  }
  const Entry* known = lex_.find(key(e + 1));
  if (expansion.strength < cued || expansion.tagged) {
    expansion.tagged_kind = 0;
    if (known != nullptr && known->organization >= 0) {
      expansion.kind = EntityKind::organization;
      expansion.display = std::string(lex_.name(matcher_.organization_of(*known)));
      expansion.key = Lexicon::fold(expansion.display);
      expansion.strength = strong;
    } else if (known != nullptr && known->place >= 0) {
      expansion.kind = EntityKind::place;
      expansion.display = std::string(lex_.name(known->place));
      expansion.key = Lexicon::fold(expansion.display);
      expansion.strength = strong;
    } else {
      expansion.kind = EntityKind::organization;
      expansion.strength = cued;
    }
  }
  acronyms_.emplace_back(std::string(key(e + 1)), static_cast<std::size_t>(seg.mention));
}

bool MentionBuilder::initials_match(std::size_t b, std::size_t e, std::string_view acr) const {
  std::string initials;
  for (std::size_t i = b; i < e; ++i) {
    const std::string_view k = key(i);
    bool start = true;
    for (char c : k) {
      if (start && c != '-') initials.push_back(c);
      start = c == '-';
    }
  }
  std::string letters;
  for (char c : acr) {
    if (c != '-' && c != '&') letters.push_back(c);
  }
  if (letters.empty() || initials.empty() || letters[0] != initials[0]) return false;
  std::size_t p = 0;
  for (char c : letters) {
    while (p < initials.size() && initials[p] != c) ++p;
    if (p == initials.size()) return false;
    ++p;
  }
  return true;
}

}  // namespace newsdex::entity_detail
