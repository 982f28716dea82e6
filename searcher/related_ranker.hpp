// Ranking the candidates of --like by how close each one's whole text is to the article's.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace newsdex {

// Scores documents of one database against one article: the cosine similarity of their
// TF-IDF vectors (1 + log wdf times log(N / termfreq), over every body and title stem and,
// at one occurrence each, every person, organization and place), plus kSameStoryBonus for
// an article of the article's story. All of a text weighs in, so the terms that tell one
// event from a look-alike (its places, names, numbers, days) count as much as their rarity
// says, however few of them the query that found the candidates held.
class RelatedRanker {
 public:
  // A candidate in the article's story (the indexer's judgement, with dates, that it reports
  // the same event) gains this much: a cosine between two reports of one event is often
  // below 0.3, so it moves a candidate past a close look-alike only when the texts are
  // nearly as close.
  static constexpr double kSameStoryBonus = 0.1;
  // Two dated articles further apart than this many days report different events: the
  // window of the stories (README "How stories are formed").
  static constexpr int kEventWindowDays = 7;
  // The score from which a candidate dated within the window may report the article's event:
  // on ecbplus-dev, nearly every pair of articles on unrelated topics scores below it and
  // nearly every pair reporting one event above it. Below it a candidate is only related, as is
  // one dated outside the window, however similar (a look-alike event months apart).
  static constexpr double kSameEventScore = 0.1;

  // db must outlive the ranker; article is one of its documents.
  RelatedRanker(const Xapian::Database& db, const Xapian::Document& article);

  // The candidate's similarity to the article: 0 for nothing in common, about 1 for the
  // same text, plus kSameStoryBonus when it shares the article's story.
  [[nodiscard]] double score(const Xapian::Document& candidate);

  // False when both the article and the candidate have a date and the dates are more than
  // kEventWindowDays apart; true otherwise.
  [[nodiscard]] bool within_window(const Xapian::Document& candidate) const;

  // Whether a candidate of this score (see score) may report the article's event: it is
  // within the window and scores at least kSameEventScore. Such candidates rank first.
  [[nodiscard]] bool may_report_event(const Xapian::Document& candidate, double score) const {
    return score >= kSameEventScore && within_window(candidate);
  }

 private:
  using Vector = std::unordered_map<std::string, double>;

  Vector unit_vector(const Xapian::Document& document);
  double idf(const std::string& term);

  const Xapian::Database& db_;
  double articles_ = 1;
  std::unordered_map<std::string, double> idfs_;
  Vector article_;
  std::string story_;
  int day_ = -1;
};

}  // namespace newsdex
