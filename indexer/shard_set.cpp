// The databases of an indexing writer, and merging a first build's shards.
#include "indexer/shard_set.hpp"

#include <utility>

#include "common/schema.hpp"

namespace fs = std::filesystem;

namespace newsdex {

ShardSet::ShardSet(const fs::path& directory) {
  fs::create_directories(directory);
  paths_.push_back(directory / "0");
  databases_.emplace_back(paths_.back().string(),
                          Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  write_schema_metadata(databases_.back());
}

ShardSet::ShardSet(Xapian::WritableDatabase database) { databases_.push_back(std::move(database)); }

bool ShardSet::replace(const std::string& id_term, const Xapian::Document& document) {
  Xapian::WritableDatabase& db = current();
  const bool exists = db.term_exists(id_term);
  db.replace_document(id_term, document);
  return exists;
}

void ShardSet::commit() { current().commit(); }

std::vector<fs::path> ShardSet::close() {
  for (auto& db : databases_) {
    db.commit();
    db.close();
  }
  return paths_;
}

fs::path shard_root(const std::string& db_path) {
  fs::path path = fs::path(db_path).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  return path.string() + ".newsindex-build";
}

void merge_shards(std::vector<ShardSet>& sets, Xapian::WritableDatabase& target,
                  const std::string& db_path, const fs::path& root) {
  std::vector<fs::path> shards;
  for (auto& set : sets) {
    for (auto& path : set.close()) shards.push_back(std::move(path));
  }
  Xapian::Database sources;
  for (const auto& shard : shards) sources.add_database(Xapian::Database(shard.string()));
  const fs::path merged = root / "merged";
  sources.compact(merged.string(), Xapian::Compactor::FULL);
  sources.close();
  target.close();
  const fs::path old = root / "replaced";
  const fs::path target_path = fs::path(db_path).lexically_normal();
  fs::rename(target_path.has_filename() ? target_path : target_path.parent_path(), old);
  fs::rename(merged, db_path);
  fs::remove_all(root);
}

}  // namespace newsdex
