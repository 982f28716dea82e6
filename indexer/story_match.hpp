// Finding the story a new article joins: the stories of the articles that report the same
// event, by their key words and named entities, within a time window.
#pragma once

#include <xapian.h>

#include <cstddef>
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

// Compares articles of one database. Holds caches of document frequencies and vectors.
class StoryMatcher {
 public:
  explicit StoryMatcher(Xapian::WritableDatabase& db, StoryMatchSettings settings = {});
  StoryMatcher(const StoryMatcher&) = delete;
  StoryMatcher& operator=(const StoryMatcher&) = delete;

  // The story the article did joins: the story of the most similar article among its
  // candidates (from the database as it stands, uncommitted changes included) dated within
  // the window of it (or either undated), when that similarity reaches the threshold; else "".
  [[nodiscard]] std::string best_story(Xapian::docid did);

  // Articles written in this run whose story is not settled yet: candidates only once
  // settled, so that an article joins stories as they stand, never a story of one that is
  // about to move.
  void pending(Xapian::docid did) { pending_.insert(did); }
  void settled(Xapian::docid did) { pending_.erase(did); }

 private:
  // Term → weight, sorted by term, unit length.
  using Vector = std::vector<std::pair<std::string, double>>;
  struct Profile {
    Vector vector;
    std::vector<std::string> query_terms;
    int day = -1;  // days since 1970-01-01, or -1 without a date
  };

  const Profile& profile(Xapian::docid did);
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
};

}  // namespace newsdex
