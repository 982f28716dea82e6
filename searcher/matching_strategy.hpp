// How query words combine when the reader does not say (--match auto), and the ranking weights.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/ranking_params.hpp"

namespace newsdex {

// BM25 with an always-positive idf, log((N + 1) / n), plus, for each query word an article
// holds, coord times the word's idf; Xapian's wqf saturation (params.k3); filter terms (factor
// 0) weigh nothing. It is Xapian's own BM25+ (delta = coord), so a stock xapian-tcpsrv
// computes it for remote shards, with the same arithmetic and so the same scores as one
// local database; a Weight subclass of our own would not be known to the server.
class NewsWeight : public Xapian::BM25PlusWeight {
 public:
  explicit NewsWeight(const RankingParams& params);
};

// The weighting scheme params choose: NewsWeight unless params.model names another of
// Xapian's models (all registered with Xapian, so remote shards compute them too).
[[nodiscard]] std::unique_ptr<Xapian::Weight> make_weight(const RankingParams& params);

// The name of the weighting model params choose: "BM25+", "DLH", "LM Dirichlet"...
[[nodiscard]] std::string_view weight_model_name(const RankingParams& params);

// One word's part of an article's weight, as NewsWeight computes it for a word of wqf 1.
struct TermPart {
  double bm25 = 0;   // the saturated term frequency part
  double coord = 0;  // the bonus for holding the word
};
[[nodiscard]] TermPart term_part(const RankingParams& params, Xapian::doccount collection_size,
                                 Xapian::doccount termfreq, Xapian::termcount wdf,
                                 Xapian::termcount doclen, double average_length);

// Whether the query uses no syntax of its own (no operators, phrases, +/- or fields): only such a query is relaxed by --match auto.
[[nodiscard]] bool is_plain_query(std::string_view query);

// A query without lower-case letters read as lower case, so that it stems and matches as it
// would in lower case. Its operators (AND, OR, NOT, XOR, NEAR, ADJ, NEAR/n, ADJ/n) stay
// operators ("OPEC OR IRAN", "OIL NOT OPEC"), unless the query reads as a sentence, i.e. it has
// more than kShortQueryWords other words and one of them is a function word ("BORDER DISPUTE
// BETWEEN ISRAEL AND SYRIA"): then they are its conjunctions, words like the others, and
// --match auto ranks it as a question. Any other query unchanged.
[[nodiscard]] std::string fold_shouted_query(std::string_view query);

// What --match auto did to a query, for the output to say.
struct Relaxation {
  bool relaxed = false;             // articles without every word are listed too
  std::size_t words = 0;            // the query's words (stop words aside)
  Xapian::doccount all_words = 0;   // articles holding every one of them
  bool all_words_exact = true;      // all_words is a count, not an estimate
  std::vector<std::string> feedback_terms;  // words added from the top articles, if any
  // A short query kept strict: the articles holding some of its words but not all, which a
  // page not filled by the strict matches lists after them (empty: none to list).
  Xapian::Query rest;
};

// The query-side inputs of --match auto (see build_query).
struct AutoMatchQueries {
  Xapian::Query strict;    // the words, every one must match
  Xapian::Query relaxed;   // the words, any may match
  Xapian::Query filter;    // the filters, empty when none
  std::size_t words = 0;   // top-level words of a plain query; 0 when it is not plain
  std::string text;        // the query as analysed, for the names it holds
};

// Chooses between strict and relaxed for --match auto: a query of up to kShortQueryWords
// words stays strict while some article holds them all (with params.short_rest, the articles
// holding only some of them go to relaxation.rest, to list after those); a longer one, or one no article
// fully matches, is relaxed (ranked by BM25 plus coordination, NewsWeight), and gains
// pseudo-relevance feedback when params ask for it. Returns the query to run, filters
// applied; fills relaxation.
[[nodiscard]] Xapian::Query choose_matching(const AutoMatchQueries& queries, const Xapian::Database& db,
                                            const RankingParams& params, Relaxation& relaxation);

// The words a relaxation note counts, as text: "no article has all 12 words; showing those
// with some of them, best first". Empty when nothing was relaxed.
[[nodiscard]] std::string relaxation_note(const Relaxation& relaxation);

// The operands of a query's ORs, nested ORs flattened (the parser nests them around a phrase
// it makes of "u.n"): a relaxed query's words. A query that is no OR is its one word.
[[nodiscard]] std::vector<Xapian::Query> or_parts(const Xapian::Query& query);

// Makes parser drop, beside its stop words, the function words of questions ("what",
// "which", "has", "its"): --match auto reads a plain query as a question.
void use_question_stop_words(Xapian::QueryParser& parser);

// Whether word (lower case) is a function word of questions ("what", "the", "its") or a
// preposition ("between"); "and", "or" and "not" are not, being operators too.
[[nodiscard]] bool is_function_word(std::string_view word);

// token without the characters other than ASCII letters at either end: "(diem's)," -> "diem's".
[[nodiscard]] std::string_view letters_of(std::string_view token);

// Query words up to this many keep strict AND under --match auto while some article holds
// them all.
inline constexpr std::size_t kShortQueryWords = 3;

}  // namespace newsdex
