// The databases an indexing writer fills, and the shards of a first build: where they live,
// when a writer starts a fresh one, and how they are merged into the target.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/id_filter.hpp"

namespace newsdex {

// Where ShardSet::replace found an earlier version of a document.
enum class Replaced {
  nothing,     // the id is new to the set
  in_current,  // in the current database, and replaced there
  in_earlier,  // in an earlier shard, and deleted there (buffered until the next commit)
};

// The databases one writer thread fills; used by one thread at a time.
//
// In a first build they are shards under a directory of their own, created without fsync (a
// failed build is thrown away whole). Once the current shard holds shard_documents
// documents, the next new id starts a fresh shard, so a commit merges postings into B-trees
// of bounded size however large the archive. Earlier shards stay open: an id written again
// is deleted from the earlier shard that holds it, so the set holds every id at most once,
// with its latest version. A Bloom filter per shard spares looking up a new id in every
// earlier shard. Only this set's shards are searched: ids go to writers by a hash,
// so no other writer ever sees the same id.
//
// In a run into a database that already holds articles, the set is that database alone and
// never rotates.
class ShardSet {
 public:
  // A first build's shards: directory/0, directory/1, ..., each created (overwriting) with
  // the schema metadata; the first one now. Throws Xapian::Error and filesystem_error.
  ShardSet(std::filesystem::path directory, std::size_t shard_documents);
  // The database alone.
  explicit ShardSet(Xapian::WritableDatabase database);
  ShardSet(ShardSet&&) = default;
  ShardSet& operator=(ShardSet&&) = default;
  ShardSet(const ShardSet&) = delete;
  ShardSet& operator=(const ShardSet&) = delete;
  ~ShardSet() = default;

  // The database documents go into now. A fresh shard takes its place after a rotation.
  [[nodiscard]] Xapian::WritableDatabase& current() { return databases_.back(); }
  // The first database: the one shard of a first build that holds the facet numbering.
  [[nodiscard]] Xapian::WritableDatabase& first() { return databases_.front(); }

  // Writes document as the one with id_term, replacing or deleting its earlier version.
  // Starting a fresh shard first commits the set.
  [[nodiscard]] Replaced replace(const std::string& id_term, const Xapian::Document& document);

  // Commits the current database and every earlier shard with deletions since the last commit,
  // so a closed shard holds no buffered changes between commits.
  void commit();

  // Commits and closes every database; returns the shards' paths, oldest first (none for a
  // set that is a database alone).
  [[nodiscard]] std::vector<std::filesystem::path> close();

 private:
  void start_shard();

  std::filesystem::path directory_;
  std::size_t shard_documents_;
  std::vector<Xapian::WritableDatabase> databases_;  // oldest first; the last is current
  std::vector<std::filesystem::path> paths_;         // of the shards, as databases_
  std::vector<bool> uncommitted_;  // per earlier shard: deletions since the last commit
  std::vector<IdFilter> ids_;      // per shard: the ids written into it
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
