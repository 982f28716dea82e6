// Stories within each period's shard of a sharded archive: articles are placed in stories
// by the same StoryPlacer as in a single database, with the shard as the archive.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "indexer/article_preparer.hpp"
#include "indexer/story_links.hpp"

namespace newsdex {

// The story placers of one sharded run, one per shard written to, for the one writer
// thread. A story never spans shards: an article is compared only with the articles of its
// own shard, so a story crossing a period boundary is split there. Story ids stay unique
// across shards as an id lives in one shard and a story's id is its founder's
// (new_story_id).
class ShardStories {
 public:
  // memory_bytes bounds the run's articles kept in memory as candidates, over all shards.
  ShardStories(const StoryOptions& options, std::size_t memory_bytes);
  ShardStories(const ShardStories&) = delete;
  ShardStories& operator=(const ShardStories&) = delete;

  // Whether articles are put in stories at all (NEWSDEX_STORIES=off: not).
  [[nodiscard]] bool enabled() const { return options_.enabled; }

  // Puts prepared in its story within shard name, whose database db (as it stands, the
  // run's writes included) it is about to be written into: previous and replaced as for
  // StoryPlacer::place. A shard empty when first met is placed in as a first build is,
  // its frequencies counted over the run's articles; any other is the placer's archive.
  void place(const std::string& name, Xapian::WritableDatabase& db, PreparedDocument& prepared,
             const std::string& previous, Xapian::docid replaced);
  // The article last placed is written into shard name at did.
  void placed(const std::string& name, const PreparedDocument& prepared, Xapian::docid did);

 private:
  struct Live {
    std::string name;
    bool first_build = false;  // the placer has no archive: its did is not the shard's
    std::unique_ptr<StoryPlacer> placer;
  };
  Live& live(const std::string& name, Xapian::WritableDatabase& db);

  StoryOptions options_;
  std::size_t memory_bytes_;
  // The placers of the shards written to last, most recent last: an input in date order
  // writes to one or two at a time, and a placer let go loses nothing the shard's archive
  // query does not find again (a new placer then takes the shard as its archive).
  std::vector<Live> live_;
};

}  // namespace newsdex
