// Significant facet values: JLH scores from match counts and archive-wide term frequencies.
#include "searcher/significance.hpp"

#include <algorithm>

namespace newsdex {

double jlh_score(Xapian::doccount count, Xapian::doccount matches, Xapian::doccount archive_count,
                 Xapian::doccount archive_size) {
  if (matches == 0 || archive_size == 0) return 0;
  // Every match is in the archive; a term frequency below the count (a value whose term was
  // cut to Xapian's length limit) is taken as the count.
  archive_count = std::max(archive_count, count);
  const double foreground = static_cast<double>(count) / matches;
  const double background = static_cast<double>(archive_count) / archive_size;
  if (background <= 0 || foreground <= background) return 0;
  return (foreground - background) * (foreground / background);
}

std::vector<FacetCount> rank_by_significance(std::vector<FacetCount> values, Facet facet,
                                             const Xapian::Database& db, Xapian::doccount matches,
                                             std::size_t limit) {
  const Xapian::doccount archive_size = db.get_doccount();
  std::vector<FacetCount> ranked;
  for (FacetCount& value : values) {
    value.archive = std::max(db.get_termfreq(facet_term(facet, value.value)), value.count);
    value.score = jlh_score(value.count, matches, value.archive, archive_size);
    if (*value.score > 0) ranked.push_back(std::move(value));
  }
  std::sort(ranked.begin(), ranked.end(), [](const FacetCount& a, const FacetCount& b) {
    if (*a.score != *b.score) return *a.score > *b.score;
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  return ranked;
}

}  // namespace newsdex
