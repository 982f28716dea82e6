// Ranks facet values by how much more often they occur among the matches than in the archive.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "common/schema.hpp"
#include "searcher/facet_counter.hpp"

namespace newsdex {

// The JLH score of Elasticsearch's significant_terms: with fg = count / matches and
// bg = articles holding the value in the archive / archive size, (fg - bg) * fg / bg when
// fg > bg, else 0. It rewards values both frequent among the matches and rare elsewhere.
[[nodiscard]] double jlh_score(Xapian::doccount count, Xapian::doccount matches,
                               Xapian::doccount archive_count, Xapian::doccount archive_size);

// values (a facet's, each counted over matches articles) with archive and score filled in
// from the value's facet term in db, those scoring above 0, best first (then by count, then
// by value), at most limit.
[[nodiscard]] std::vector<FacetCount> rank_by_significance(std::vector<FacetCount> values, Facet facet,
                                                           const Xapian::Database& db,
                                                           Xapian::doccount matches, std::size_t limit);

}  // namespace newsdex
