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
  // Bonus for each query word an article holds, in units of that word's idf: articles with
  // more of the words of a relaxed query rank higher, rare words counting more. Off by
  // default: BM25 alone ranked better on both benchmark collections.
  double coord = 0;
  // Weight of a bonus for neighbouring query words found near each other in that order
  // (within proximity_window positions), relative to the words' own weight.
  double proximity = 0;
  std::size_t proximity_window = 3;
  // --match auto also drops the words that make a question a question ("what", "which",
  // "has", "its"), beside the usual stop words. Off by default: with feedback on, it ranked
  // worse on the TIME collection.
  bool question_stop_words = false;
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
};

// Reads "k1=1.2 b=0.75 coord=0.5 prox=0.3 prox_window=3 qstop=1 prf=10 prf_terms=10 prf_weight=0.3 prf_guard=1 rm3=1 prf_max_df=0.1" (any
// subset, space-separated) over base: the NEWSDEX_RANKING tuning knob of bench/relevance.
// Throws std::invalid_argument naming the bad setting.
[[nodiscard]] RankingParams parse_ranking_params(std::string_view settings, RankingParams base = {});

}  // namespace newsdex
