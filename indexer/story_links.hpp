// Putting every article written in a run into a story (Slot::story, story_term): decided
// before the article is first written, and after the run for copies.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/article_preparer.hpp"
#include "indexer/story_match.hpp"

namespace newsdex {

struct StoryOptions {
  // Whether stories are assigned at all: off only to measure what they cost.
  bool enabled = true;
  // Same-event grouping: an article that copies none joins the story whose articles report
  // the same event, when one is close enough; otherwise it founds its own.
  bool group_events = true;
  StoryMatchSettings match;
};

// The options the environment asks for, for measuring what stories cost: NEWSDEX_STORIES=off
// assigns none, NEWSDEX_STORIES=copies no same-event grouping (copies still share their
// original's story).
[[nodiscard]] StoryOptions story_options_from_environment();

// Puts the document in story (Slot::story and its story_term), out of the one it was in.
// Returns false when it was in story already.
bool set_document_story(Xapian::Document& document, const std::string& story);

// Decides each article's story before it is first written, one article after another in
// the order of the input (which alone decides the stories, whatever the number of
// threads): an article whose earlier version (same id) is in a story with others stays
// there; any other joins the story of the articles placed before it that report the same
// event (StoryMatcher, when options.group_events), or founds its own. Used by one thread.
class StoryPlacer {
 public:
  // archive: the database written into, as it stands, when it may hold articles of earlier
  // runs (see StoryMatcher); null in a first build. memory_bytes bounds all the placer keeps
  // (memory_used): the run's articles kept as candidates and, in a first build, the stories
  // of the ids placed most recently (past its share the older half is forgotten: a new
  // version of an id forgotten is placed as a new article).
  StoryPlacer(const StoryOptions& options, const Xapian::Database* archive, std::size_t memory_bytes);

  // Puts prepared in its story (its story_terms filled by story_terms_of when events are
  // grouped). previous: with an archive, the story of the version it replaces ("" for
  // none), replaced the archive's docid of that version (0 if none is left there); without
  // an archive both are unused (the run's own earlier version counts).
  void place(PreparedDocument& prepared, const std::string& previous = {}, Xapian::docid replaced = 0);
  // The article last placed is written, at did in the archive (0 without one): a candidate
  // for the articles after it.
  void placed(const PreparedDocument& prepared, Xapian::docid did);

  // The bytes the placer keeps, by its own count: at most memory_bytes between calls.
  [[nodiscard]] std::size_t memory_used() const {
    return id_bytes_ + (matcher_ ? matcher_->memory_used() : 0);
  }
  // How many ids placed in this run the placer still knows the story of.
  [[nodiscard]] std::size_t ids_kept() const { return run_stories_.size(); }

 private:
  struct Placed {
    std::string story;
    std::uint64_t number = 0;  // in the order placed
  };
  struct StorySize {
    std::size_t articles = 0;  // placed in it, in this run
    std::size_t kept = 0;      // of which run_stories_ still holds the id
  };

  [[nodiscard]] bool holds_others(const std::string& story, Xapian::docid replaced) const;
  void count_in(const std::string& story);
  // Takes one article out of story; kept: whether run_stories_ holds its id no more.
  void count_out(const std::string& story, bool articles, bool kept);
  void forget_older_half();

  const Xapian::Database* archive_;
  std::optional<StoryMatcher> matcher_;
  std::string story_;  // of the article last placed
  // Without an archive: the story of each id placed (the most recent ones, within
  // id_budget_), and how many articles each of their stories holds.
  std::unordered_map<std::string, Placed> run_stories_;
  std::unordered_map<std::string, StorySize> story_sizes_;
  std::uint64_t placed_ = 0;       // articles placed so far
  std::uint64_t oldest_kept_ = 0;  // the number of the oldest id run_stories_ may hold
  std::size_t id_budget_ = 0;
  std::size_t id_bytes_ = 0;
};

// After link_copies, for each article written in this run (by id term, in order): a copy
// takes its original's story, and an original's copies indexed before move into its story.
// Rewrites only the documents whose story changes. Does not commit.
void follow_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids);

}  // namespace newsdex
