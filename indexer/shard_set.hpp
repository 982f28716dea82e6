// The databases an indexing writer fills, and the shards of a first build: where they live
// and how they are merged into the target.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex {

// The databases one writer thread fills; used by one thread at a time.
//
// In a first build it is a shard under a directory of its own, created without fsync (a
// failed build is thrown away whole). In a run into a database that already holds
// articles, it is that database alone.
class ShardSet {
 public:
  // A first build's shard, directory/0, created (overwriting) with the schema metadata.
  // Throws Xapian::Error.
  explicit ShardSet(const std::filesystem::path& directory);
  // The database alone.
  explicit ShardSet(Xapian::WritableDatabase database);
  ShardSet(ShardSet&&) = default;
  ShardSet& operator=(ShardSet&&) = default;
  ShardSet(const ShardSet&) = delete;
  ShardSet& operator=(const ShardSet&) = delete;
  ~ShardSet() = default;

  // The database documents go into now.
  [[nodiscard]] Xapian::WritableDatabase& current() { return databases_.back(); }
  // The first database: the one shard of a first build that holds the facet numbering.
  [[nodiscard]] Xapian::WritableDatabase& first() { return databases_.front(); }

  // Writes document as the one with id_term, replacing an earlier version. Returns whether
  // there was one.
  [[nodiscard]] bool replace(const std::string& id_term, const Xapian::Document& document);

  // Commits what was written.
  void commit();

  // Commits and closes every database; returns the shards' paths, oldest first (none for a
  // set that is a database alone).
  [[nodiscard]] std::vector<std::filesystem::path> close();

 private:
  std::vector<Xapian::WritableDatabase> databases_;
  std::vector<std::filesystem::path> paths_;  // of the shards, as databases_
};

// Where a first build keeps its shards until they are merged: beside the target.
[[nodiscard]] std::filesystem::path shard_root(const std::string& db_path);

// Closes every shard of sets and compacts them, in order, into one database that takes the
// place of the (empty) target at db_path; then removes root. A metadata key several shards
// hold keeps the first shard's value (Xapian's compactor keeps the first source's), so
// keys that must be merged exactly once go into one shard only. Throws Xapian::Error and
// std::filesystem::filesystem_error.
void merge_shards(std::vector<ShardSet>& sets, Xapian::WritableDatabase& target,
                  const std::string& db_path, const std::filesystem::path& root);

}  // namespace newsdex
