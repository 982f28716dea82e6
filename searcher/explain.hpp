// Why a result ranks where it does: each query word's part of its weight (newssearch --explain).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/ranking_params.hpp"

namespace newsdex {

struct TermContribution {
  std::string word;          // as the index holds it: a stem, "title:" before a title stem
  Xapian::termcount wdf = 0;  // occurrences in the article (a title one counts several times)
  double bm25 = 0;           // its BM25 part
  double coord = 0;          // its bonus for being held (RankingParams::coord)
};

struct Explanation {
  std::vector<TermContribution> terms;  // the query's words the article holds, best first
  std::size_t words_held = 0;
  // The rest of the weight: proximity and feedback boosts, and repeated query words.
  double boosts = 0;
  // The weighting model's name. Only BM25+ (NewsWeight) has its parts recomputed: under
  // another model (RankingParams::model) bm25_parts is false, and the terms' bm25 and coord
  // and boosts are 0, for they would not add up to the score.
  std::string model = "BM25+";
  bool bm25_parts = true;
};

// Explains the weight score of article did for the query words terms (index terms, as the
// query holds them), under params. Terms the article does not hold are left out. Under a
// model other than BM25+ the terms and their wdf only (see Explanation::bm25_parts).
[[nodiscard]] Explanation explain_hit(const Xapian::Database& db, Xapian::docid did, double score,
                                      const std::vector<std::string>& terms,
                                      const RankingParams& params);

// A query term as a reader would write it: "Zdiem" → "diem", "ZSdiem" → "title:diem".
[[nodiscard]] std::string readable_term(const std::string& term);

}  // namespace newsdex
