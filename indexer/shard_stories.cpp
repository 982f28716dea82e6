// Story placers per shard, the few most recently written to kept.
#include "indexer/shard_stories.hpp"

#include <algorithm>

namespace newsdex {
namespace {

// Placers kept at once; each gets this share of the memory for candidates.
constexpr std::size_t kLivePlacers = 4;

}  // namespace

ShardStories::ShardStories(const StoryOptions& options, std::size_t memory_bytes)
    : options_(options), memory_bytes_(memory_bytes) {}

ShardStories::Live& ShardStories::live(const std::string& name, Xapian::WritableDatabase& db) {
  const auto found = std::find_if(live_.begin(), live_.end(), [&](const Live& one) { return one.name == name; });
  if (found != live_.end()) {
    if (found + 1 != live_.end()) std::rotate(found, found + 1, live_.end());
    return live_.back();
  }
  if (live_.size() >= kLivePlacers) live_.erase(live_.begin());
  const bool first_build = db.get_doccount() == 0;
  live_.push_back({name, first_build,
                   std::make_unique<StoryPlacer>(options_, first_build ? nullptr : &db,
                                                 memory_bytes_ / kLivePlacers)});
  return live_.back();
}

void ShardStories::place(const std::string& name, Xapian::WritableDatabase& db, PreparedDocument& prepared,
                         const std::string& previous, Xapian::docid replaced) {
  live(name, db).placer->place(prepared, previous, replaced);
}

void ShardStories::placed(const std::string& name, const PreparedDocument& prepared, Xapian::docid did) {
  // place() for this shard came just before: it is the most recent.
  Live& last = live_.back();
  if (last.name != name) return;
  last.placer->placed(prepared, last.first_build ? 0 : did);
}

}  // namespace newsdex
