// Putting every article written in a run into a story (Slot::story, story_term).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex {

struct StoryOptions {
  // Same-event grouping: an article that copies none joins the story whose articles report
  // the same event, when one is close enough; otherwise it founds its own.
  bool group_events = true;
};

// The options the environment asks for: NEWSDEX_STORY_EVENTS=off turns same-event grouping
// off (copies still share their original's story), for measuring what it costs.
[[nodiscard]] StoryOptions story_options_from_environment();

// For each article written in this run (by id term, in order; after link_copies): a copy
// takes its original's story, and an original's copies move into its story; an article that
// already has a story (a new version of one indexed before) keeps it; any other joins a
// story (see StoryOptions) or founds one, whose id is new_story_id of its id term. Costs a
// bounded search per article, whatever the size of the archive. Does not commit.
void assign_stories(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids,
                    const StoryOptions& options);

}  // namespace newsdex
