// Parts of a relaxed query beside its words: proximity, entity and title bonuses, word weights.
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

#include "searcher/ranking_params.hpp"

namespace newsdex {

// The weighed words with bonuses for each pair of neighbouring relaxed words that an article
// has near each other: params.proximity for the pair in the query's order within
// params.proximity_window positions, params.unordered for the pair in either order within
// params.unordered_window (a sequential dependence model, Metzler and Croft 2005). Names and
// set phrases ("ngo dinh diem", "security council") then count as more than their words apart.
// Pairs with a part that is not a single term (a phrase, a synonym group) are skipped.
[[nodiscard]] Xapian::Query with_proximity(const Xapian::Query& weighed, const Xapian::Query& relaxed,
                                           const RankingParams& params);

// The relaxed words, those held by more than params.max_df of the articles left out (the
// rarest word always stays), and each weighed (idf / mean idf) ^ params.query_idf: a long
// question's common words then count for less than its names and subject words. relaxed
// itself when neither setting asks for a change.
[[nodiscard]] Xapian::Query weighed_words(const Xapian::Query& relaxed, const Xapian::Database& db,
                                          const RankingParams& params);

// Bonuses for the names of the query text that the index holds as person, organization or
// place facet terms ("diem" -> the articles tagged "Ngo Dinh Diem"; "west germany" -> those
// tagged with a place in it): each name, longest first, adds params.entity times its facet
// term's idf to the articles tagged with it, whether or not they spell it as the query does.
// Empty when params.entity is 0.
[[nodiscard]] std::vector<Xapian::Query> entity_bonuses(std::string_view text, const Xapian::Database& db,
                                                        const RankingParams& params);

// Bonuses for the relaxed query's words in titles: params.title times each word's title term.
// Empty when params.title is 0.
[[nodiscard]] std::vector<Xapian::Query> title_bonuses(const Xapian::Query& relaxed, const RankingParams& params);

}  // namespace newsdex
