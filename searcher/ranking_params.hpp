// Ranking parameters of newssearch, and how the bench tuning knob sets them.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsdex {

// Ranking parameters. The defaults are the ones bench/relevance chose on the TIME collection
// and checked on Reuters-21578 topics (bench/README.md, "Relevance").
struct RankingParams {
  double k1 = 2.0;  // how much repeating a word in an article counts
  double b = 0.75;  // how much a long article's repetitions are discounted
  // How much repeating a word in the query counts (BM25's k3: 0 not at all, large: linearly).
  double k3 = 1.0;
  // Shorter articles than this share of the average length are weighed as this long.
  double min_length = 0.5;
  // Bonus for each query word an article holds, in units of that word's idf: articles with
  // more of the words of a relaxed query rank higher, rare words counting more. Off by
  // default: BM25 alone ranked better on both benchmark collections.
  double coord = 0;
  // Weight of a bonus for neighbouring query words found near each other in that order
  // (within proximity_window positions), relative to the words' own weight.
  double proximity = 0;
  std::size_t proximity_window = 3;
  // Weight of a bonus for neighbouring query words found within unordered_window positions of
  // each other in either order, relative to the words' own weight.
  double unordered = 0;
  std::size_t unordered_window = 8;
  // --match auto also drops the words that make a question a question ("what", "which",
  // "has", "its"), beside the usual stop words. Off by default: with feedback on, it ranked
  // worse on the TIME collection.
  bool question_stop_words = false;
  // --match auto lists, after the articles holding every word of a short query, those holding
  // some of them (ranked the same way), instead of the former alone; the count stays that of
  // the former. Both benchmark collections ranked better with it, and no query worse.
  bool short_rest = true;
  std::size_t feedback_docs = 5;     // pseudo-relevance feedback over this many top articles
  std::size_t feedback_terms = 10;   // expansion words taken from them
  double feedback_weight = 0.3;      // their weight beside the query's own words
  bool feedback_guard = true;        // only when the top articles agree with the query
  // Feedback weighs expansion words as RM3 does (each article's share of the word times the
  // article's score; feedback_weight is then the expansion's share of the query) instead of by
  // Xapian's expansion weight.
  bool feedback_rm3 = false;
  // Words held by more than this share of the articles are left out of the expansion.
  double feedback_max_df = 0.1;
  // The weighting model of the article scores: 0 BM25+ (NewsWeight); the others are
  // Xapian's own, for comparison: 1 language model with Dirichlet smoothing (model_param:
  // mu), 2 DPH, 3 PL2 (model_param: c), 4 InL2 (c), 5 DLH, 6 IneB2 (c), 7 BB2 (c).
  unsigned model = 0;
  double model_param = 0;
  // A relaxed query leaves out the words held by more than this share of the articles
  // (at least one word stays).
  double max_df = 1;
  // A relaxed query's words weigh (idf / mean idf) ^ query_idf each, beside BM25's own idf.
  double query_idf = 0;
  // Weight of the person, organization and place facet terms a relaxed query's names match
  // (0: none).
  double entity = 0;
  // Weight of a bonus for the query's words in an article's title (title terms, "ZS…"),
  // beside the title's share of the body weight (0: none).
  double title = 0;
};

// Reads "k1=1.2 b=0.75 k3=1 coord=0.5 prox=0.3 prox_window=3 near=0.05 near_window=8 qstop=1 rest=1 prf=10 prf_terms=10 prf_weight=0.3 prf_guard=1 rm3=1 prf_max_df=0.1 model=0 model_param=0
// max_df=1 qidf=0 entity=0 title=0 min_len=0.5" (any
// subset, space-separated) over base: the NEWSDEX_RANKING tuning knob of bench/relevance.
// Throws std::invalid_argument naming the bad setting.
[[nodiscard]] RankingParams parse_ranking_params(std::string_view settings, RankingParams base = {});

}  // namespace newsdex
