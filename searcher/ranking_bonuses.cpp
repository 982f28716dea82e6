// Proximity, entity and title bonuses and word weights of a relaxed query (--match auto).
#include "searcher/ranking_bonuses.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/matching_strategy.hpp"

namespace newsdex {

Xapian::Query with_proximity(const Xapian::Query& weighed, const Xapian::Query& relaxed,
                             const RankingParams& params) {
  if (params.proximity <= 0 && params.unordered <= 0) return weighed;
  const std::vector<Xapian::Query> words = or_parts(relaxed);
  std::vector<Xapian::Query> parts{weighed};
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const Xapian::Query& first = words[i];
    const Xapian::Query& second = words[i + 1];
    if (first.get_type() != Xapian::Query::LEAF_TERM || second.get_type() != Xapian::Query::LEAF_TERM) {
      continue;
    }
    const Xapian::Query pair[] = {first, second};
    if (params.proximity > 0) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair),
                                       static_cast<Xapian::termcount>(params.proximity_window)),
                         params.proximity);
    }
    if (params.unordered > 0) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair),
                                       static_cast<Xapian::termcount>(params.unordered_window)),
                         params.unordered);
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query weighed_words(const Xapian::Query& relaxed, const Xapian::Database& db,
                            const RankingParams& params) {
  if (params.max_df >= 1 && params.query_idf == 0) return relaxed;
  const std::vector<Xapian::Query> parts = or_parts(relaxed);
  const double articles = db.get_doccount();
  if (articles == 0) return relaxed;
  std::vector<double> idfs(parts.size(), -1);
  double sum = 0;
  std::size_t counted = 0;
  std::size_t rarest = parts.size();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].get_type() != Xapian::Query::LEAF_TERM) continue;
    const Xapian::doccount held = db.get_termfreq(*parts[i].get_unique_terms_begin());
    if (held == 0) continue;
    idfs[i] = std::log((articles + 1) / held);
    sum += idfs[i];
    ++counted;
    if (rarest == parts.size() || idfs[i] > idfs[rarest]) rarest = i;
  }
  if (counted == 0) return relaxed;
  const double mean = sum / static_cast<double>(counted);
  // A word held by more than max_df of the articles has an idf below this.
  const double min_idf = std::log((articles + 1) / (params.max_df * articles));
  std::vector<Xapian::Query> kept;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (idfs[i] < 0) {
      kept.push_back(parts[i]);
    } else if (params.max_df < 1 && idfs[i] < min_idf && i != rarest) {
      continue;
    } else if (params.query_idf != 0 && mean > 0) {
      kept.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, parts[i], std::pow(idfs[i] / mean, params.query_idf));
    } else {
      kept.push_back(parts[i]);
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, kept.begin(), kept.end());
}

std::vector<Xapian::Query> entity_bonuses(std::string_view text, const Xapian::Database& db,
                                          const RankingParams& params) {
  std::vector<Xapian::Query> bonuses;
  if (params.entity <= 0) return bonuses;
  std::vector<std::string> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !is_ascii_space(text[i])) continue;
    std::string word = fold_case(letters_of(text.substr(start, i - start)));
    start = i + 1;
    if (word.size() > 2 && word.ends_with("'s")) word.resize(word.size() - 2);
    if (!word.empty()) words.push_back(std::move(word));
  }
  const double articles = db.get_doccount();
  constexpr std::size_t kLongestName = 4;
  constexpr Facet kNamed[] = {Facet::person, Facet::organization, Facet::place};
  for (std::size_t i = 0; i < words.size();) {
    std::size_t taken = 1;
    for (std::size_t n = std::min(kLongestName, words.size() - i); n >= 1; --n) {
      if (n == 1 && (words[i].size() < 2 || is_function_word(words[i]))) break;
      std::string name = words[i];
      for (std::size_t k = 1; k < n; ++k) name += " " + words[i + k];
      // Through the lexicon, as a facet filter resolves it ("u.s" → "United States"; a lone
      // word as a person's surname too).
      std::vector<std::string> terms;
      for (const Facet facet : kNamed) {
        const Xapian::Query filter = facet_filter(facet, name, &canonical_names);
        terms.insert(terms.end(), filter.get_unique_terms_begin(), filter.get_unique_terms_end());
      }
      std::sort(terms.begin(), terms.end());
      terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
      bool found = false;
      for (const std::string& term : terms) {
        const Xapian::doccount held = db.get_termfreq(term);
        if (held == 0) continue;
        found = true;
        auto* source = new Xapian::FixedWeightPostingSource(params.entity * std::log((articles + 1) / held));
        bonuses.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(source->release()), Xapian::Query(term));
      }
      if (found) {
        taken = n;
        break;
      }
    }
    i += taken;
  }
  return bonuses;
}

std::vector<Xapian::Query> title_bonuses(const Xapian::Query& relaxed, const RankingParams& params) {
  std::vector<Xapian::Query> bonuses;
  if (params.title <= 0) return bonuses;
  for (const Xapian::Query& part : or_parts(relaxed)) {
    if (part.get_type() != Xapian::Query::LEAF_TERM) continue;
    const std::string term = *part.get_unique_terms_begin();
    if (term.size() < 2 || term[0] != kStemPrefix[0]) continue;
    std::string title_term = std::string(kStemPrefix) + std::string(kTitlePrefix) + term.substr(1);
    bonuses.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(title_term), params.title);
  }
  return bonuses;
}

}  // namespace newsdex
