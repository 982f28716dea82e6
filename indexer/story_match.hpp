// Finding the story a new article joins: the stories of the articles that report the same
// event, by their key words and named entities, within a time window.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
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
  // The score (see StoryMatcher::best_story) from which an article joins a story.
  double join_threshold = 0.18;
  // Two dated articles further apart than this many days report different events.
  int window_days = 7;
};

// The terms an article is compared by, taken from its document before it is written: its
// text stems (title and body) in term order, '\0'-separated, with their wdf, its entity
// terms, its day.
struct StoryTerms {
  std::string text;
  std::vector<Xapian::termcount> wdfs;
  std::string entities;  // '\0'-separated
  int day = -1;          // days since 1970-01-01, or -1 without a date
};

// The StoryTerms of a document about to be written.
[[nodiscard]] StoryTerms story_terms_of(const Xapian::Document& document);

// Compares each article of a run with the articles placed before it: those of the run so
// far, kept in memory, and the archive's, by a query. Articles are given in the order they
// are placed; the same order gives the same stories.
class StoryMatcher {
 public:
  // archive: the database the run writes into as it stands (uncommitted changes included),
  // which gives the term frequencies and the earlier articles; null in a first build, where
  // the run's articles so far give the frequencies. memory_bytes bounds all the matcher keeps
  // (memory_used): past it the older half of the run's articles kept as candidates is dropped
  // (the archive's query still finds them; in a first build they are candidates no more),
  // with the terms and stories only they used (a term seen again counts its frequency
  // afresh). archive must outlive the matcher and be used by the matcher's thread only.
  StoryMatcher(const Xapian::Database* archive, StoryMatchSettings settings, std::size_t memory_bytes);
  StoryMatcher(const StoryMatcher&) = delete;
  StoryMatcher& operator=(const StoryMatcher&) = delete;

  // The story the article (terms) joins: of the stories of its candidates (articles placed
  // before it, dated within the window of it or either undated), the one whose score, the
  // mean of its best and its average cosine similarity, is highest and reaches the threshold;
  // else "". self: the archive's docid of the version it replaces
  // (0 for none), never its own candidate.
  [[nodiscard]] std::string best_story(const StoryTerms& terms, Xapian::docid self = 0);

  // The article (terms; when it is the one last given to best_story, its vector is reused)
  // is placed in story: a candidate for the articles after it. did: its docid in the
  // archive (0 without one), so that the archive's query does not offer it twice.
  void settled(const StoryTerms& terms, const std::string& story, Xapian::docid did);

  // The bytes the matcher keeps, by its own count of its containers (the run's articles and
  // their index, the terms and stories they use, the archive's vectors cached): at most
  // memory_bytes whenever settled has returned.
  [[nodiscard]] std::size_t memory_used() const {
    return run_bytes_ + index_bytes_ + term_bytes_ + story_bytes_ + archive_bytes_;
  }
  // The run's articles kept as candidates now.
  [[nodiscard]] std::size_t articles_kept() const { return run_.size(); }

 private:
  struct StoryScore {
    std::string story;
    double sum = 0;
    double best = 0;
    int candidates = 0;
  };
  // Term id → weight, sorted by id, unit length.
  using Vector = std::vector<std::pair<std::uint32_t, float>>;
  struct Profile {
    Vector vector;
    std::vector<std::string> query_terms;
    std::vector<std::uint32_t> query_ids;  // parallel to query_terms
    int day = -1;
  };
  struct RunArticle {
    Vector vector;
    int day = -1;
    std::uint32_t story = 0;  // into stories_
    Xapian::docid did = 0;
  };
  struct Posting {
    std::uint32_t article = 0;  // the run's article number (run_ starts at first_live_)
    int day = -1;
    float weight = 0;
  };

  std::uint32_t intern(const std::string& name, bool entity);
  [[nodiscard]] std::uint32_t story_number(const std::string& story);
  void release_story(std::uint32_t story);
  // The articles the frequencies are counted over, the article being placed left out.
  [[nodiscard]] double documents() const {
    return archive_ != nullptr ? archive_->get_doccount() : run_documents_;
  }
  [[nodiscard]] double idf(std::uint32_t term, const std::string& name, double log_documents);
  // text: (term id, wdf) of the article's stems; entities: its entity terms' ids.
  Profile make_profile(const std::vector<std::pair<std::uint32_t, Xapian::termcount>>& text,
                       const std::vector<std::uint32_t>& entities, int day);
  Profile profile_of(const StoryTerms& terms);
  const Profile& archive_profile(Xapian::docid did);
  void run_candidates(const Profile& self, std::vector<std::pair<double, std::uint32_t>>& out);
  void keep_within_budget();
  void drop_older_half();
  void forget_unused_terms();
  void forget_archive_profiles(std::size_t keep_bytes);
  void index_article(std::uint32_t article);
  [[nodiscard]] static std::size_t bytes_of(const RunArticle& article);
  [[nodiscard]] static std::size_t bytes_of(const Profile& profile);
  [[nodiscard]] static std::size_t term_bytes(const std::string& name);

  const Xapian::Database* archive_;
  StoryMatchSettings settings_;
  std::size_t memory_bytes_;
  std::optional<Xapian::Enquire> enquire_;
  // Every term in use, by id: its name, whether it names an entity, its frequency (in the
  // archive, read once, or among the run's articles so far without an archive), the number
  // of the run's article that last used it. Ids of forgotten terms are free for new ones.
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
  std::vector<std::uint8_t> entity_;
  std::vector<Xapian::doccount> termfreqs_;
  std::vector<std::uint8_t> read_;  // whether the archive's frequency is read
  std::vector<std::uint32_t> last_used_;
  std::vector<std::uint32_t> free_terms_;
  std::size_t term_bytes_ = 0;
  Xapian::doccount run_documents_ = 0;
  // The run's placed articles kept in memory, numbered first_live_ on (older ones are
  // dropped), indexed under their key stems with weight and day, so that entries outside the
  // window cost no lookup.
  std::deque<RunArticle> run_;
  std::uint32_t first_live_ = 0;
  std::size_t run_bytes_ = 0;
  std::vector<std::vector<Posting>> index_;  // by term id
  std::size_t index_bytes_ = 0;              // of the postings' capacity
  std::deque<double> scores_;                // parallel to run_, zero between calls
  std::unordered_set<Xapian::docid> in_memory_;
  // The stories of the articles kept, by number, with how many of them each holds; a story
  // none of them holds any more is forgotten, its number free.
  std::vector<std::string> stories_;
  std::vector<std::uint32_t> story_refs_;
  std::vector<std::uint32_t> free_stories_;
  std::unordered_map<std::string, std::uint32_t> story_ids_;
  std::size_t story_bytes_ = 0;
  // The archive's articles' vectors (without query terms), oldest first out.
  std::unordered_map<Xapian::docid, Profile> archive_profiles_;
  std::deque<Xapian::docid> archive_order_;
  std::size_t archive_bytes_ = 0;
  const StoryTerms* last_terms_ = nullptr;
  Profile last_;
  std::vector<std::uint32_t> last_text_;  // the stems of the article last made a profile of
};

}  // namespace newsdex
