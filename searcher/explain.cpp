// Recomputes each query word's part of a result's weight with the formula NewsWeight uses.
#include "searcher/explain.hpp"

#include <algorithm>

#include "common/schema.hpp"
#include "searcher/matching_strategy.hpp"

namespace newsdex {

std::string readable_term(const std::string& term) {
  std::string_view word = term;
  if (word.starts_with(kStemPrefix)) word.remove_prefix(kStemPrefix.size());
  if (word.starts_with(kTitlePrefix)) return "title:" + std::string(word.substr(kTitlePrefix.size()));
  return std::string(word);
}

Explanation explain_hit(const Xapian::Database& db, Xapian::docid did, double score,
                        const std::vector<std::string>& terms, const RankingParams& params) {
  Explanation explanation;
  explanation.model = std::string(weight_model_name(params));
  explanation.bm25_parts = params.model == 0;
  const Xapian::termcount doclen = db.get_doclength(did);
  const double average = db.get_avlength();
  double explained = 0;
  for (const std::string& term : terms) {
    Xapian::PostingIterator posting = db.postlist_begin(term);
    posting.skip_to(did);
    if (posting == db.postlist_end(term) || *posting != did) continue;
    const Xapian::termcount wdf = posting.get_wdf();
    const TermPart part = explanation.bm25_parts
                              ? term_part(params, db.get_doccount(), db.get_termfreq(term), wdf, doclen, average)
                              : TermPart{};
    explanation.terms.push_back({readable_term(term), wdf, part.bm25, part.coord});
    explained += part.bm25 + part.coord;
  }
  std::sort(explanation.terms.begin(), explanation.terms.end(),
            [](const TermContribution& a, const TermContribution& b) {
              return a.bm25 + a.coord > b.bm25 + b.coord;
            });
  explanation.words_held = explanation.terms.size();
  explanation.boosts = explanation.bm25_parts ? score - explained : 0;
  return explanation;
}

}  // namespace newsdex
