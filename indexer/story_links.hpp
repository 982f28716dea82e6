// Putting every article written in a run into a story (Slot::story, story_term): decided
// before the article is first written, and after the run for copies.
#pragma once

#include <xapian.h>

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
  // runs (see StoryMatcher); null in a first build. memory_bytes bounds the run's articles
  // kept in memory as candidates.
  StoryPlacer(const StoryOptions& options, const Xapian::Database* archive, std::size_t memory_bytes);

  // Puts prepared in its story (its story_terms filled by story_terms_of when events are
  // grouped). previous: with an archive, the story of the version it replaces ("" for
  // none), replaced the archive's docid of that version (0 if none is left there); without
  // an archive both are unused (the run's own earlier version counts).
  void place(PreparedDocument& prepared, const std::string& previous = {}, Xapian::docid replaced = 0);
  // The article last placed is written, at did in the archive (0 without one): a candidate
  // for the articles after it.
  void placed(const PreparedDocument& prepared, Xapian::docid did);

 private:
  [[nodiscard]] bool holds_others(const std::string& story, Xapian::docid replaced) const;

  const Xapian::Database* archive_;
  std::optional<StoryMatcher> matcher_;
  std::string story_;  // of the article last placed
  // Without an archive: the story of each id placed, and how many articles each story holds.
  std::unordered_map<std::string, std::string> run_stories_;
  std::unordered_map<std::string, std::size_t> story_sizes_;
};

// After link_copies, for each article written in this run (by id term, in order): a copy
// takes its original's story, and an original's copies indexed before move into its story.
// Rewrites only the documents whose story changes. Does not commit.
void follow_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids);

}  // namespace newsdex
