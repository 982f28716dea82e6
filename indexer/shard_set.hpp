// An archive split by period (newsindex --shard-by): one Xapian database per year or month
// below the database directory, and the stub file that lets Xapian open them as one.
//
// Layout of a sharded DIR:
//   DIR/XAPIANDB         the stub: "# newsindex --shard-by year" (or month), a comment, then one
//                        "auto NAME" line per shard, oldest first. Xapian opens a directory
//                        whose XAPIANDB is a stub (and that holds no iamglass) as the databases
//                        it lists, and reads the relative paths relative to DIR, so the archive
//                        can be moved or copied whole.
//   DIR/1987/, DIR/1987-03/  one glass database per period (the year or month of the article's
//                        date), each with the schema metadata and its own facet ordinals.
//   DIR/undated/         the articles without a date.
//   DIR/file-records/    a database without documents holding the file records
//                        (file_states.hpp), which change on every run: kept apart so that the
//                        shards of periods a run adds nothing to are left exactly as they were
//                        (same revision), ready to be compacted and copied elsewhere.
//   DIR/.newsindex-lock  the run lock (run_lock.hpp).
// An id lives in exactly one shard: writing an article first removes it from every other
// shard, so an article whose date moved to another period leaves its old shard.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/facet_ordinals.hpp"
#include "indexer/index_writer.hpp"
#include "indexer/shard_stories.hpp"

namespace newsdex {

enum class ShardPeriod { none, year, month };

// "year" or "month" (or "none").
[[nodiscard]] std::string_view period_name(ShardPeriod period);

// How db_dir is sharded, read from the first line of its stub; nullopt when db_dir holds no
// stub written by --shard-by.
[[nodiscard]] std::optional<ShardPeriod> recorded_sharding(const std::filesystem::path& db_dir);

// The shard an article with this publication month (month_number) belongs to: "1987",
// "1987-03", or "undated" without a month.
[[nodiscard]] std::string shard_name(ShardPeriod period, std::optional<std::uint32_t> month);

// The shards of one sharded run, for the one thread that writes documents; the constructor
// and finish() run before and after it.
class ShardSet final : public ShardRouter {
 public:
  // For the holder of the run lock on db_dir (a resolved directory that is empty or sharded
  // by period): opens every existing shard (checking its schema), creates the file records
  // database, and writes the stub, which so records the sharding from the first run on.
  // Throws SchemaMismatch, Xapian::Error or std::filesystem::filesystem_error.
  ShardSet(std::filesystem::path db_dir, ShardPeriod period);
  ShardSet(const ShardSet&) = delete;
  ShardSet& operator=(const ShardSet&) = delete;

  // Places every article written from now on in a story within its shard (ShardStories),
  // and has copies follow their originals' stories in finish().
  void place_stories(const StoryOptions& options, std::size_t memory_bytes);

  // The file records database (file_states.hpp reads and writes its metadata).
  [[nodiscard]] Xapian::WritableDatabase& records() { return records_; }

  // The records database followed by every shard, as one: select_files reads the records
  // from it (metadata comes from the first database) and deletes articles in every shard.
  [[nodiscard]] Xapian::WritableDatabase all() const;

  // ShardRouter: creates a new period's shard (schema written, committed, listed in the stub
  // before any article goes in).
  Target target_for(const PreparedDocument& prepared) override;
  std::vector<Xapian::WritableDatabase*> others_holding(
      const std::string& id_term, const Xapian::WritableDatabase& target) override;
  void commit() override;
  bool place_story(PreparedDocument& prepared, const Target& target, const std::string& previous,
                   Xapian::docid replaced) override;
  void story_placed(const PreparedDocument& prepared, Xapian::docid did) override;

  // After the last batch: adds name synonyms and copy links (and, with stories, has copies
  // follow their originals' stories) to the shards written to and commits them, then
  // closes every shard. The records are the caller's to write.
  void finish();

 private:
  struct Shard {
    explicit Shard(Xapian::WritableDatabase database);
    Xapian::WritableDatabase db;
    FacetOrdinals ordinals;
    bool written = false;               // documents went in during this run
    std::vector<std::string> id_terms;  // of those documents, in writing order
  };

  Shard& open_shard(const std::string& name, bool create);
  void write_stub() const;

  std::filesystem::path db_dir_;
  ShardPeriod period_;
  Xapian::WritableDatabase records_;
  std::map<std::string, std::unique_ptr<Shard>> shards_;  // by name: oldest first, undated last
  std::optional<ShardStories> stories_;
  bool follow_copies_ = false;
  std::string placing_;  // the name of the shard of the article place_story placed last
};

}  // namespace newsdex
