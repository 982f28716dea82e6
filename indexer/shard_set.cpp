// The databases of an indexing writer, and merging a first build's shards.
#include "indexer/shard_set.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "common/schema.hpp"

namespace fs = std::filesystem;

namespace newsdex {

ShardSet::ShardSet(fs::path directory, std::size_t shard_documents)
    : directory_(std::move(directory)),
      shard_documents_(std::max<std::size_t>(shard_documents, 1)) {
  fs::create_directories(directory_);
  start_shard();
}

ShardSet::ShardSet(Xapian::WritableDatabase database)
    : shard_documents_(std::numeric_limits<std::size_t>::max()) {
  databases_.push_back(std::move(database));
}

Replaced ShardSet::replace(const std::string& id_term, const Xapian::Document& document) {
  if (current().term_exists(id_term)) {
    current().replace_document(id_term, document);
    return Replaced::in_current;
  }
  if (current().get_doccount() >= shard_documents_) start_shard();
  Replaced found = Replaced::nothing;
  // Every id is in one shard at most, so the search stops at the first that has it.
  for (std::size_t i = 0; i + 1 < databases_.size(); ++i) {
    if (ids_[i].may_contain(id_term) && databases_[i].term_exists(id_term)) {
      databases_[i].delete_document(id_term);
      uncommitted_[i] = true;
      found = Replaced::in_earlier;
      break;
    }
  }
  current().replace_document(id_term, document);
  if (!ids_.empty()) ids_.back().add(id_term);
  return found;
}

void ShardSet::commit() {
  for (std::size_t i = 0; i < uncommitted_.size(); ++i) {
    if (!uncommitted_[i]) continue;
    databases_[i].commit();
    uncommitted_[i] = false;
  }
  current().commit();
}

void ShardSet::start_shard() {
  if (!databases_.empty()) {
    commit();
    uncommitted_.push_back(false);
  }
  paths_.push_back(directory_ / std::to_string(paths_.size()));
  ids_.emplace_back(shard_documents_);
  databases_.emplace_back(paths_.back().string(),
                          Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  // Only the first shard's copy reaches the merged database; the others keep every shard a
  // database of this schema.
  write_schema_metadata(databases_.back());
}

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
