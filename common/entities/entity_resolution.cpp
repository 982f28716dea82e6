#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/entities/entity_mentions.hpp"

namespace newsdex::entity_detail {
namespace {

class Resolver {
 public:
  Resolver(std::vector<Mention>& mentions, const AcronymLinks& acronyms, const TokenStream& tokens,
           const Lexicon& lexicon)
      : mentions_(mentions), acronyms_(acronyms), stream_(tokens), lex_(lexicon) {}

  // Call once: resolves every mention and collects the entities.
  Entities resolve() {
    const std::size_t n = mentions_.size();
    const auto index = [](std::size_t i) { return static_cast<std::int32_t>(i); };
    // Acronyms introduced in parentheses.
    std::unordered_map<std::string_view, std::size_t> acronyms;
    for (const auto& [acr, at] : acronyms_) {
      if (mentions_[at].strength >= cued) acronyms.try_emplace(acr, at);
    }
    promote_full_names();
    apply_tagger_kinds();
    // Confirmed mentions by key, full names of persons by surname and by first+last name.
    std::unordered_map<std::string_view, std::size_t> confirmed;
    std::unordered_map<std::string_view, std::size_t> by_surname;
    std::unordered_map<std::string_view, std::size_t> by_first;
    std::unordered_map<std::string, std::size_t> by_first_last;
    // Listed persons the article names by more than a bare surname ("President Trump").
    std::unordered_set<std::string_view> named_in_full;
    for (std::size_t i = 0; i < n; ++i) {
      const Mention& m = mentions_[i];
      if (m.kind == EntityKind::person && m.from_lexicon && (!m.single_token || m.titled)) {
        named_in_full.insert(m.key);
      }
      if (m.strength >= cued) confirmed.try_emplace(m.key, i);
      if (m.strength < weak || m.kind != EntityKind::person || m.words < 2) continue;
      by_surname.try_emplace(m.last_key, i);
      by_first.try_emplace(m.first_key, i);
      auto [it, inserted] = by_first_last.try_emplace(m.first_key + '\t' + m.last_key, i);
      if (!inserted && mentions_[it->second].words < m.words) it->second = i;
    }
    const auto org_parts = organization_parts();
    for (std::size_t i = 0; i < n; ++i) {
      Mention& m = mentions_[i];
      if (m.from_lexicon && m.strength >= cued) {
        // "Mayor Patricia Vance ... Vance said": a listed surname ("Vance" = JD Vance) names the
        // person the article introduced, unless the article also names the listed one in full.
        if (m.kind == EntityKind::person && m.single_token && !m.titled &&
            named_in_full.count(m.key) == 0) {
          const auto it = by_surname.find(m.surface_key);
          if (it != by_surname.end() && mentions_[it->second].key != m.key) {
            m.target = index(it->second);
          }
        }
        continue;
      }
      if (!acronyms.empty()) {
        const auto it = acronyms.find(m.key);
        if (it != acronyms.end() && it->second != i) {
          m.target = index(it->second);
          continue;
        }
      }
      if (m.kind == EntityKind::organization) {
        // "Kestrel Analytics" and "Kestrel Analytics Ltd." in one article: the fuller name.
        const auto it = org_parts.find(m.key);
        if (it != org_parts.end() && it->second != i) m.target = index(it->second);
        continue;
      }
      if (m.kind != EntityKind::person) continue;
      if (m.words >= 2 && m.strength >= cued) {
        // "John Smith" → "John Michael Smith".
        const auto it = by_first_last.find(m.first_key + '\t' + m.last_key);
        if (it != by_first_last.end() && mentions_[it->second].words > m.words) {
          m.target = index(it->second);
        }
        continue;
      }
      if (m.words == 1) {
        // Surname: the first full name ending with it.
        const auto it = by_surname.find(m.key);
        if (it != by_surname.end()) {
          m.target = index(it->second);
          continue;
        }
        // "Sir Keir" after "Keir Starmer": a lone given name that starts a full name; or the
        // first name of a listed person, cut from the surname by a line break ("Trade
        // Representative Clayton\nYeutter said" where the line is too short to read as wrapped).
        const auto first = by_first.find(m.key);
        if (first != by_first.end() &&
            (lex_.has(m.key, Lexicon::given_name) || mentions_[first->second].from_lexicon)) {
          m.target = index(first->second);
          continue;
        }
      }
      // "Kestrel said", "Rovers equalised", "Kestrel Analytics" after "Kestrel Analytics Ltd.":
      // part of an organization named in the article stands for it.
      if (m.strength < cued) {
        const auto it = org_parts.find(m.key);
        if (it != org_parts.end()) {
          m.target = index(it->second);
          continue;
        }
      }
      if (m.strength == candidate) {
        // Only what the rest of the article confirms.
        const auto it = confirmed.find(m.key);
        if (it != confirmed.end() && it->second != i) {
          m.target = index(it->second);
        } else {
          m.dropped = true;
        }
      } else if (m.strength == weak) {
        if (m.sentence_initial && seen_lowercase(m.key)) m.dropped = true;
        // One word next to "said" with no other evidence: "Organisers said", "Eurofer said".
        if (m.words == 1 && !m.attributed) m.dropped = true;
      }
    }
    // Collect in order of first mention.
    Entities out;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
      if (mentions_[i].dropped) continue;
      const Mention& f = mentions_[static_cast<std::size_t>(final_of(i))];
      if (f.dropped) continue;
      std::string id = f.key;
      id.push_back('\t');
      id.push_back(static_cast<char>('0' + static_cast<int>(f.kind)));
      if (!seen.insert(std::move(id)).second) continue;
      switch (f.kind) {
        case EntityKind::person:
          out.persons.push_back(f.display);
          break;
        case EntityKind::organization:
          out.organizations.push_back(f.display);
          break;
        case EntityKind::place:
          out.places.push_back(f.display);
          break;
      }
    }
    return out;
  }

 private:
  std::int32_t final_of(std::size_t i) const {
    auto cur = static_cast<std::int32_t>(i);
    for (int guard = 0; guard < 8 && mentions_[static_cast<std::size_t>(cur)].target >= 0; ++guard) {
      cur = mentions_[static_cast<std::size_t>(cur)].target;
    }
    return cur;
  }

  bool seen_lowercase(std::string_view k) const { return stream_.seen_lowercase(k); }

  // "Amara Nwosu, a physiotherapist ... Nwosu said": an unknown two- or three-word name is a
  // person when its last word speaks on its own elsewhere in the article.
  void promote_full_names() {
    std::unordered_set<std::string_view> speakers;
    for (const Mention& m : mentions_) {
      if (m.kind == EntityKind::person && m.words == 1 && !m.from_lexicon && !m.never_person &&
          m.strength >= weak) {
        speakers.insert(m.key);
      }
    }
    if (speakers.empty()) return;
    for (Mention& m : mentions_) {
      if (m.kind == EntityKind::person && !m.from_lexicon &&
          (m.strength == candidate || m.tagged_kind != 0) && m.words >= 2 && m.words <= 3 &&
          speakers.count(m.last_key) > 0) {
        m.strength = std::max(m.strength, weak);
        m.tagged_kind = 0;
      }
    }
  }

  // The tagger's organizations and places that no speaking surname made persons.
  void apply_tagger_kinds() {
    for (Mention& m : mentions_) {
      if (m.tagged_kind == 0) continue;
      m.kind = static_cast<EntityKind>(m.tagged_kind - 1);
      m.strength = cued;
      m.tagged_kind = 0;
    }
  }

  // First word, last word and leading words of each organization the article names by an
  // unknown name ("Kestrel Analytics Ltd." → "kestrel", "ltd", "kestrel analytics"). Listed
  // organizations are left out: their short forms are in the lexicon.
  std::unordered_map<std::string, std::size_t> organization_parts() const {
    std::unordered_map<std::string, std::size_t> parts;
    for (std::size_t i = 0; i < mentions_.size(); ++i) {
      const Mention& m = mentions_[i];
      if (m.kind != EntityKind::organization || m.from_lexicon || m.strength < cued ||
          m.words < 2) {
        continue;
      }
      parts.try_emplace(m.last_key, i);
      for (std::size_t sp = m.key.find(' '); sp != std::string::npos; sp = m.key.find(' ', sp + 1)) {
        parts.try_emplace(m.key.substr(0, sp), i);
      }
    }
    return parts;
  }

  std::string_view key(std::size_t i) const { return stream_.key(i); }

  std::vector<Mention>& mentions_;
  const AcronymLinks& acronyms_;
  const TokenStream& stream_;
  const std::vector<Token>& tokens_ = stream_.tokens();
  const Lexicon& lex_;
};

}  // namespace

Entities resolve_mentions(std::vector<Mention>& mentions, const AcronymLinks& acronyms,
                          const TokenStream& tokens, const Lexicon& lexicon) {
  return Resolver(mentions, acronyms, tokens, lexicon).resolve();
}

}  // namespace newsdex::entity_detail
