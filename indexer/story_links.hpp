// Putting every article written in a run into a story (Slot::story, story_term).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

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

// Every article is written in the story it founds (new_story_id of its id term), or in the
// story of the version it replaces. Then, for each article written in this run (by id term,
// in order; after link_copies): a copy takes its original's story, and an original's copies
// move into its story; an article in a story of more than itself (a new version of one
// indexed before) stays there; any other joins a story (see StoryOptions) or stays alone. Costs a
// bounded search per article, whatever the size of the archive. terms, when given, holds
// the StoryTerms of each written article (parallel to written_ids), so that this run's
// articles are compared in memory. Does not commit.
void assign_stories(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids,
                    const StoryOptions& options, const std::vector<StoryTerms>* terms = nullptr);

}  // namespace newsdex
