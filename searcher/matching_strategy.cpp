// --match auto: strict AND for short queries, relaxed OR with coordination for long ones.
#include "searcher/matching_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <stdexcept>
#include <string>

#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/ranking_bonuses.hpp"

namespace newsdex {
namespace {

// The parser's operators: a query using one says itself how its words combine.
bool is_syntax_token(std::string_view token) {
  return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" ||
         token == "ADJ";
}

// Which terms feedback may add: body word stems not in the query; not title stems ("ZS…"),
// numbers or filter terms.
class BodyWordDecider : public Xapian::ExpandDecider {
 public:
  explicit BodyWordDecider(const Xapian::Query& query) : query_(query) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 4 || term[0] != kStemPrefix[0]) return false;
    if (term[1] < 'a' && static_cast<unsigned char>(term[1]) < 0x80) return false;  // ZS…, digits
    for (auto it = query_.get_unique_terms_begin(); it != query_.get_unique_terms_end(); ++it) {
      if (*it == term) return false;
    }
    return true;
  }

 private:
  const Xapian::Query& query_;
};

void add_or_parts(const Xapian::Query& query, std::vector<Xapian::Query>& parts) {
  if (query.get_type() != Xapian::Query::OP_OR) {
    parts.push_back(query);
    return;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) add_or_parts(query.get_subquery(i), parts);
}

// The stop words of configure_query_parser and the function words of questions.
constexpr std::string_view kQuestionStopWords[] = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "both", "but", "by", "can", "could", "did", "do", "does", "each", "for", "from",
    "had", "has", "have", "he", "her", "his", "how", "if", "in", "into", "is", "it", "its",
    "no", "not", "of", "on", "or", "other", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose",
    "why", "will", "with", "would"};

constexpr bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Words that make capitals read as a sentence, beside kQuestionStopWords: prepositions.
constexpr std::string_view kPrepositions[] = {
    "across", "against", "among", "before", "behind", "between", "beyond", "concerning", "during",
    "over", "since", "through", "toward", "towards", "under", "until", "upon", "within", "without"};

// An operator of the parser's as typed: AND, OR, NOT, XOR, NEAR, ADJ, NEAR/3, ADJ/2.
bool is_operator_token(std::string_view token) {
  if (const auto slash = token.find('/'); slash != std::string_view::npos) {
    const std::string_view distance = token.substr(slash + 1);
    token = token.substr(0, slash);
    if (token != "NEAR" && token != "ADJ") return false;
    return !distance.empty() && std::all_of(distance.begin(), distance.end(), is_ascii_digit);
  }
  return is_syntax_token(token);
}

}  // namespace

bool is_function_word(std::string_view word) {
  if (word == "and" || word == "or" || word == "not") return false;  // the operators
  return std::find(std::begin(kQuestionStopWords), std::end(kQuestionStopWords), word) !=
             std::end(kQuestionStopWords) ||
         std::find(std::begin(kPrepositions), std::end(kPrepositions), word) != std::end(kPrepositions);
}

std::string_view letters_of(std::string_view token) {
  while (!token.empty() && !is_ascii_letter(token.front())) token.remove_prefix(1);
  while (!token.empty() && !is_ascii_letter(token.back())) token.remove_suffix(1);
  return token;
}

namespace {

template <typename Visit>
void for_each_token(std::string_view text, Visit visit) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !is_ascii_space(text[i])) continue;
    if (i > start) visit(text.substr(start, i - start));
    start = i + 1;
  }
}

// Expansion words and their weights from Xapian's ESet: feedback_weight times each word's
// expansion weight relative to the best one.
std::vector<std::pair<std::string, double>> eset_terms(const Xapian::Enquire& enquire, const Xapian::RSet& rset,
                                                       const RankingParams& params,
                                                       const Xapian::ExpandDecider& decider) {
  // Exact term frequencies: over shards Xapian would otherwise estimate them, and the
  // expansion would differ from one database's.
  const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(params.feedback_terms),
                                             rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<std::pair<std::string, double>> terms;
  if (eset.empty()) return terms;
  const double best = eset.begin().get_weight();
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(*it, params.feedback_weight * it.get_weight() / best);
  }
  return terms;
}

// Expansion words and their weights as RM3 gives them: P(w|R) = sum over the feedback
// articles of P(w|D) x the article's share of their scores; the best feedback_terms words,
// renormalised, take feedback_weight of the query's mass, the query's own words the rest.
// Words in more than feedback_max_df of the articles (function words) are left out.
std::vector<std::pair<std::string, double>> rm3_terms(const Xapian::Database& db, const Xapian::MSet& top,
                                                      const AutoMatchQueries& queries,
                                                      const RankingParams& params,
                                                      const Xapian::ExpandDecider& decider) {
  double score_sum = 0;
  for (auto it = top.begin(); it != top.end(); ++it) score_sum += it.get_weight();
  if (score_sum <= 0) return {};
  const double max_df = params.feedback_max_df * db.get_doccount();
  std::map<std::string, double> relevance;
  for (auto it = top.begin(); it != top.end(); ++it) {
    const double length = std::max<double>(db.get_doclength(*it), 1);
    const double share = it.get_weight() / score_sum;
    for (auto term = db.termlist_begin(*it); term != db.termlist_end(*it); ++term) {
      const std::string& name = *term;
      if (!decider(name) || term.get_termfreq() > max_df) continue;
      relevance[name] += share * term.get_wdf() / length;
    }
  }
  std::vector<std::pair<std::string, double>> terms(relevance.begin(), relevance.end());
  const std::size_t keep = std::min(terms.size(), params.feedback_terms);
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(keep), terms.end(),
                    [](const auto& a, const auto& b) { return a.second > b.second; });
  terms.resize(keep);
  double mass = 0;
  for (const auto& term : terms) mass += term.second;
  if (mass <= 0 || params.feedback_weight >= 1) return {};
  // The query's words weigh 1 each, (1 - feedback_weight) of the mass between them.
  const double scale = params.feedback_weight / (1 - params.feedback_weight) *
                       static_cast<double>(std::max<std::size_t>(queries.words, 1)) / mass;
  for (auto& term : terms) term.second *= scale;
  return terms;
}

}  // namespace

void use_question_stop_words(Xapian::QueryParser& parser) {
  auto* stopper = new Xapian::SimpleStopper();
  for (const auto word : kQuestionStopWords) stopper->add(std::string(word));
  parser.set_stopper(stopper->release());
}

std::vector<Xapian::Query> or_parts(const Xapian::Query& query) {
  std::vector<Xapian::Query> parts;
  add_or_parts(query, parts);
  return parts;
}

NewsWeight::NewsWeight(const RankingParams& params)
    : Xapian::BM25PlusWeight(params.k1, 0, params.k3, std::min(params.b, 1.0), params.min_length,
                             params.coord) {}

std::unique_ptr<Xapian::Weight> make_weight(const RankingParams& params) {
  const double c = params.model_param > 0 ? params.model_param : 1.0;
  switch (params.model) {
    case 1:
      return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::DIRICHLET_SMOOTHING,
                                                params.model_param > 0 ? params.model_param : 2000.0, 0.0);
    case 2: return std::make_unique<Xapian::DPHWeight>();
    case 3: return std::make_unique<Xapian::PL2Weight>(c);
    case 4: return std::make_unique<Xapian::InL2Weight>(c);
    case 5: return std::make_unique<Xapian::DLHWeight>();
    case 6: return std::make_unique<Xapian::IneB2Weight>(c);
    case 7: return std::make_unique<Xapian::BB2Weight>(c);
    default: return std::make_unique<NewsWeight>(params);
  }
}

std::string_view weight_model_name(const RankingParams& params) {
  constexpr std::string_view kNames[] = {"BM25+", "LM Dirichlet", "DPH", "PL2", "InL2", "DLH", "IneB2", "BB2"};
  return params.model < std::size(kNames) ? kNames[params.model] : kNames[0];
}

// The arithmetic of Xapian's BM25PlusWeight, step for step, so that --explain adds up.
TermPart term_part(const RankingParams& params, Xapian::doccount collection_size,
                   Xapian::doccount termfreq, Xapian::termcount wdf, Xapian::termcount doclen,
                   double average_length) {
  if (wdf == 0 || termfreq == 0) return {};
  const double idf = std::log(static_cast<double>(collection_size + 1) / termfreq);
  const double len_factor = average_length == 0 ? 0 : 1 / average_length;
  const double normlen = std::max(doclen * len_factor, params.min_length);
  const double denom = params.k1 * (normlen * params.b + (1 - params.b)) + wdf;
  return {idf * ((params.k1 + 1) * wdf / denom), idf * params.coord};
}

bool is_plain_query(std::string_view query) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size(); ++i) {
    if (i < query.size() && !is_ascii_space(query[i])) continue;
    const std::string_view token = query.substr(start, i - start);
    start = i + 1;
    if (token.empty()) continue;
    if (is_syntax_token(token) || token.front() == '+' || token.front() == '-') return false;
    // Brackets without operators group nothing: a question may hold an aside "(like this)".
    if (token.find_first_of("\":") != std::string_view::npos) return false;
  }
  return true;
}

std::string fold_shouted_query(std::string_view query) {
  bool upper = false;
  for (const char c : query) {
    if (c >= 'a' && c <= 'z') return std::string(query);
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  if (!upper) return std::string(query);
  // Words besides operators, and whether one of them is a function word.
  std::size_t words = 0;
  bool function_word = false;
  for_each_token(query, [&](std::string_view token) {
    if (is_operator_token(token)) return;
    ++words;
    function_word = function_word || is_function_word(fold_case(letters_of(token)));
  });
  if (function_word && words > kShortQueryWords) return fold_case(query);
  std::string folded;
  folded.reserve(query.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size(); ++i) {
    if (i < query.size() && !is_ascii_space(query[i])) continue;
    const std::string_view token = query.substr(start, i - start);
    folded += is_operator_token(token) ? std::string(token) : fold_case(token);
    if (i < query.size()) folded += query[i];
    start = i + 1;
  }
  return folded;
}

Xapian::Query choose_matching(const AutoMatchQueries& queries, const Xapian::Database& db,
                              const RankingParams& params, Relaxation& relaxation) {
  const auto filtered = [&queries](const Xapian::Query& words) {
    return queries.filter.empty() ? words
                                  : Xapian::Query(Xapian::Query::OP_FILTER, words, queries.filter);
  };
  relaxation = {};
  relaxation.words = queries.words;
  const Xapian::Query strict = filtered(queries.strict);
  if (queries.words <= 1) return strict;

  Xapian::Enquire counting(db);
  counting.set_query(strict);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  // Enough to say how many hold every word of a long query; a short one only asks whether any.
  constexpr Xapian::doccount kCountUpTo = 10'000;
  const bool short_query = queries.words <= kShortQueryWords;
  const Xapian::MSet all = counting.get_mset(0, 1, short_query ? 1 : kCountUpTo);
  relaxation.all_words = all.get_matches_estimated();
  relaxation.all_words_exact = all.get_matches_lower_bound() == all.get_matches_upper_bound();
  std::vector<Xapian::Query> bonuses = entity_bonuses(queries.text, db, params);
  for (auto& bonus : title_bonuses(queries.relaxed, params)) bonuses.push_back(std::move(bonus));
  if (short_query && relaxation.all_words > 0) {
    if (params.short_rest) {
      std::vector<Xapian::Query> some{
          with_proximity(weighed_words(queries.relaxed, db, params), queries.relaxed, params)};
      some.insert(some.end(), bonuses.begin(), bonuses.end());
      relaxation.rest = filtered(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                               Xapian::Query(Xapian::Query::OP_OR, some.begin(), some.end()),
                                               queries.strict));
    }
    if (bonuses.empty()) return strict;
    return filtered(Xapian::Query(Xapian::Query::OP_AND_MAYBE, queries.strict,
                                  Xapian::Query(Xapian::Query::OP_OR, bonuses.begin(), bonuses.end())));
  }

  relaxation.relaxed = true;
  Xapian::Query words = with_proximity(weighed_words(queries.relaxed, db, params), queries.relaxed, params);
  if (!bonuses.empty()) {
    bonuses.insert(bonuses.begin(), words);
    words = Xapian::Query(Xapian::Query::OP_OR, bonuses.begin(), bonuses.end());
  }
  const Xapian::Query relaxed = filtered(words);
  if (params.feedback_docs == 0 || params.feedback_terms == 0) return relaxed;

  // Pseudo-relevance feedback: words the best articles share, added at a lower weight.
  Xapian::Enquire first(db);
  first.set_query(relaxed);
  first.set_weighting_scheme(*make_weight(params));
  const Xapian::MSet top = first.get_mset(0, static_cast<Xapian::doccount>(params.feedback_docs));
  if (top.size() < params.feedback_docs) return relaxed;
  Xapian::RSet rset;
  for (auto it = top.begin(); it != top.end(); ++it) {
    // The guard: feedback from articles that hold few of the words drifts off the subject.
    if (params.feedback_guard) {
      std::size_t held = 0;
      for (auto term = first.get_matching_terms_begin(it); term != first.get_matching_terms_end(it); ++term) {
        ++held;
      }
      if (2 * held < queries.words) return relaxed;
    }
    rset.add_document(*it);
  }
  const BodyWordDecider decider(queries.relaxed);
  const std::vector<std::pair<std::string, double>> terms =
      params.feedback_rm3 ? rm3_terms(db, top, queries, params, decider)
                          : eset_terms(first, rset, params, decider);
  if (terms.empty()) return relaxed;
  std::vector<Xapian::Query> expansion;
  for (const auto& [term, weight] : terms) {
    expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight);
    relaxation.feedback_terms.push_back(term);
  }
  const Xapian::Query expanded(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
  return filtered(Xapian::Query(Xapian::Query::OP_OR, words, expanded));
}

std::string relaxation_note(const Relaxation& relaxation) {
  if (!relaxation.relaxed) return {};
  const std::string words = std::to_string(relaxation.words) + " words";
  if (relaxation.all_words == 0) {
    return "no article has all " + words + "; showing those with some of them, best first";
  }
  const std::string count = (relaxation.all_words_exact ? "" : "about ") +
                            std::to_string(relaxation.all_words);
  return count + (relaxation.all_words == 1 ? " article has" : " articles have") + " all " + words +
         "; showing also those with some of them, best first";
}

}  // namespace newsdex
