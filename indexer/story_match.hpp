// Finding the story a new article joins: the stories of the articles that report the same
// event, by their key words and named entities, within a time window.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace newsdex {

struct StoryMatchSettings {
  // Text terms (stems of the title and body) that stand for an article: its highest by
  // TF-IDF. They make the query for candidates (the first query_terms) and the vectors
  // compared.
  std::size_t key_terms = 100;
  std::size_t query_terms = 10;
  // Articles the query brings back to compare with: a bounded search, whatever the archive.
  std::size_t candidates = 20;
  // A named entity (person, organization, place) counts this many times a word of the same
  // rarity: shared names tell one event from a look-alike one.
  double entity_boost = 1.0;
  // Cosine similarity of the vectors from which two articles report the same event.
  double join_threshold = 0.2;
  // Two dated articles further apart than this many days report different events.
  int window_days = 7;
};

// The terms an article is compared by, taken from its document as it is written, so that
// the story pass after the run reads no term list back from the database: its text stems
// (title and body) in term order, '\0'-separated, with their wdf, its entity terms, its day.
struct StoryTerms {
  bool captured = false;  // false: read the article from the database instead
  std::string text;
  std::vector<Xapian::termcount> wdfs;
  std::string entities;  // '\0'-separated
  int day = -1;          // days since 1970-01-01, or -1 without a date
  [[nodiscard]] std::size_t bytes() const { return text.size() + entities.size() + 4 * wdfs.size(); }
};

// The StoryTerms of a document about to be written (captured set).
[[nodiscard]] StoryTerms story_terms_of(const Xapian::Document& document);

// Compares articles of one database. Holds caches of document frequencies and vectors.
class StoryMatcher {
 public:
  explicit StoryMatcher(Xapian::WritableDatabase& db, StoryMatchSettings settings = {});
  StoryMatcher(const StoryMatcher&) = delete;
  StoryMatcher& operator=(const StoryMatcher&) = delete;

  // The story the article did joins: the story of the most similar article among its
  // candidates dated within the window of it (or either undated), when that similarity
  // reaches the threshold; else "". Candidates are the settled articles of this run sharing
  // one of its query terms (kept in memory) and, when earlier_articles, the best matches of
  // a query of the database as it stands, uncommitted changes included.
  [[nodiscard]] std::string best_story(Xapian::docid did);

  // An article written in this run whose story is not settled yet: a candidate only once
  // settled, so that an article joins stories as they stand, never a story of one that is
  // about to move. terms (may be null or not captured: then read from the database) must
  // outlive the matcher.
  void pending(Xapian::docid did, const StoryTerms* terms);
  // The article did of this run is in story now, for good.
  void settled(Xapian::docid did, const std::string& story);
  // Whether the database may hold articles from before this run (to look for candidates
  // among): true unless told otherwise.
  void earlier_articles(bool any) { earlier_articles_ = any; }

 private:
  // Term → weight, sorted by term, unit length.
  using Vector = std::vector<std::pair<std::string, double>>;
  struct Profile {
    Vector vector;
    std::vector<std::string> query_terms;
    int day = -1;  // days since 1970-01-01, or -1 without a date
  };

  const Profile& profile(Xapian::docid did);
  // Makes made's vector and query terms from text (term, weight) and entity weights.
  void finish_profile(Profile& made, std::vector<std::pair<std::string, double>> text,
                      std::vector<std::pair<std::string, double>> entities) const;
  [[nodiscard]] double idf_of(const std::string& name);
  // The settled articles of this run (and their similarity) the in-memory index offers.
  void run_candidates(Xapian::docid did, const Profile& self,
                      std::vector<std::pair<double, Xapian::docid>>& out);
  // The idf of a term the iterator is on, its frequency read once per run (a lookup in the
  // database costs more than the rest of the comparison).
  double idf(const Xapian::TermIterator& term, const std::string& name);

  Xapian::WritableDatabase& db_;
  StoryMatchSettings settings_;
  Xapian::Enquire enquire_;
  std::unordered_map<Xapian::docid, Profile> profiles_;
  std::unordered_map<std::string, Xapian::doccount> termfreqs_;
  double log_documents_ = 0;
  std::unordered_set<Xapian::docid> pending_;
  std::unordered_map<Xapian::docid, const StoryTerms*> run_terms_;
  // Settled articles of this run: their stories, and each one under its key terms with its
  // weight and day, so that a term's entries outside the window cost no lookup.
  struct Posting {
    std::uint32_t article = 0;  // into run_articles_
    int day = -1;
    float weight = 0;
  };
  std::vector<Xapian::docid> run_articles_;
  std::vector<std::string> run_stories_;  // parallel to run_articles_
  std::unordered_map<Xapian::docid, std::uint32_t> run_positions_;
  std::unordered_map<std::string, std::vector<Posting>> run_index_;
  std::vector<double> scores_;  // per run article, zero between calls
  bool earlier_articles_ = true;
};

}  // namespace newsdex
