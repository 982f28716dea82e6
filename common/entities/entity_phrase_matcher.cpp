// Longest-match segmentation against the lexicon, and title look-ups around names.
#include "common/entities/entity_phrase_matcher.hpp"

#include <algorithm>

namespace newsdex::entity_detail {

using Entry = Lexicon::Entry;

const Entry* PhraseMatcher::phrase(std::size_t i, std::size_t len) {
  if (len == 1) return lex_.find(key(i));
  scratch_.clear();
  for (std::size_t k = i; k < i + len; ++k) {
    if (k > i) scratch_.push_back(' ');
    scratch_.append(key(k));
  }
  return lex_.find(scratch_);
}

bool PhraseMatcher::all_caps(std::size_t i, std::size_t len) const {
  for (std::size_t k = i; k < i + len; ++k) {
    if (!tokens_[k].all_caps && !is_conn(k)) return false;
  }
  return true;
}

bool PhraseMatcher::role_ok(const Entry& e, Lexicon::Role role, std::size_t i,
                            std::size_t len) const {
  if ((e.caps_only & (1U << role)) == 0) return true;
  if (!all_caps(i, len)) return false;
  // In an all-caps headline "WHO" is as likely the pronoun as the organization.
  return !(tokens_[i].mode == Mode::all_caps && (e.flags & Lexicon::not_name) != 0);
}

std::size_t PhraseMatcher::max_words(std::size_t i, std::size_t e) const {
  const Entry* first = lex_.find(key(i));
  const std::size_t m = first == nullptr ? 1 : std::max<std::size_t>(1, first->max_words);
  return std::min(m, e - i);
}

// Length of a title (with modifiers: "Deputy Foreign Minister") starting at i, or 0.
std::size_t PhraseMatcher::title_length(std::size_t i, std::size_t e, int depth) {
  if (i >= e || is_conn(i)) return 0;
  std::size_t best = 0;
  const std::size_t m = max_words(i, e);
  for (std::size_t len = 1; len <= m; ++len) {
    if (is_conn(i + len - 1)) continue;
    const Entry* entry = phrase(i, len);
    if (entry == nullptr) continue;
    const std::uint16_t flags = entry->flags;
    if ((flags & Lexicon::title) != 0 && role_ok(*entry, Lexicon::role_title, i, len)) {
      best = std::max(best, len);
    }
    if ((flags & Lexicon::title_modifier) != 0 && depth < 4) {
      const std::size_t rest = title_length(i + len, e, depth + 1);
      if (rest > 0) best = std::max(best, len + rest);
    }
  }
  return best;
}

Match PhraseMatcher::match(std::size_t i, std::size_t s, std::size_t e) {
  Match best;
  const std::size_t m = max_words(i, e);
  for (std::size_t len = m; len >= 1; --len) {
    if (is_conn(i + len - 1)) continue;
    const Entry* entry = phrase(i, len);
    if (entry == nullptr) continue;
    const bool place_ok = entry->place >= 0 && role_ok(*entry, Lexicon::role_place, i, len);
    if (entry->person >= 0 && role_ok(*entry, Lexicon::role_person, i, len)) {
      best = {len, Seg::person, person_of(*entry)};
    } else if (place_ok && entry->organization >= 0 && after_article(i)) {
      // "the Amazon" is the region, "Amazon said" the company.
      best = {len, Seg::place, entry->place};
    } else if (entry->organization >= 0 && role_ok(*entry, Lexicon::role_organization, i, len)) {
      best = {len, Seg::org, organization_of(*entry)};
    } else if (entry->place >= 0 && role_ok(*entry, Lexicon::role_place, i, len)) {
      best = {len, Seg::place, entry->place};
    } else if ((entry->flags & Lexicon::demonym) != 0) {
      best = {len, Seg::demonym, -1};
    } else if ((entry->flags & Lexicon::not_name) != 0 ||
               ((entry->flags & Lexicon::common_word) != 0 &&
                (i == s || tokens_[i].sentence_initial))) {
      best = {len, Seg::not_name, -1};
    } else {
      continue;
    }
    break;
  }
  const std::size_t t = title_length(i, e, 0);
  if (t > best.len ||
      (t > 0 && t == best.len && (best.type == Seg::demonym || best.type == Seg::not_name))) {
    best = {t, Seg::title, -1};
  }
  return best;
}

// Is token i preceded by the definite article ("the Amazon", "The Amazon")?
bool PhraseMatcher::after_article(std::size_t i) const {
  return i > 0 && tokens_[i - 1].type == Tok::word && key(i - 1) == "the" &&
         (!tokens_[i - 1].cap || tokens_[i - 1].sentence_initial);
}

bool PhraseMatcher::starts_known(std::size_t i) const {
  const Entry* entry = lex_.find(key(i));
  return entry != nullptr && (entry->person >= 0 || entry->organization >= 0 || entry->place >= 0 ||
                              entry->max_words > 1 ||
                              (entry->flags & (Lexicon::title | Lexicon::not_name |
                                               Lexicon::demonym | Lexicon::org_head)) != 0);
}

bool PhraseMatcher::title_before(std::size_t s) {
  for (std::size_t len = 1; len <= 3 && len <= s; ++len) {
    const std::size_t b = s - len;
    const Token& t = tokens_[b];
    if (t.type != Tok::word || (t.cap && t.mode == Mode::normal) || t.stop_after) return false;
    const Entry* entry = phrase(b, len);
    if (entry != nullptr && (entry->flags & Lexicon::title) != 0 &&
        (entry->caps_only & (1U << Lexicon::role_title)) == 0) {
      return true;
    }
  }
  return false;
}

bool PhraseMatcher::apposition_after(std::size_t e) {
  if (e + 1 >= tokens_.size() || tokens_[e].type != Tok::brk || tokens_[e].text != ",") {
    return false;
  }
  std::size_t i = e + 1;
  if (tokens_[i].type == Tok::word && !tokens_[i].cap &&
      (key(i) == "a" || key(i) == "an" || key(i) == "the")) {
    ++i;
  }
  for (std::size_t len = 3; len >= 1; --len) {
    if (i + len > tokens_.size()) continue;
    bool words_ok = true;
    for (std::size_t k = i; k < i + len; ++k) {
      words_ok = words_ok && tokens_[k].type == Tok::word && !tokens_[k].cap;
    }
    if (!words_ok) continue;
    const Entry* entry = phrase(i, len);
    if (entry != nullptr && (entry->flags & Lexicon::title) != 0 &&
        (entry->caps_only & (1U << Lexicon::role_title)) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace newsdex::entity_detail
