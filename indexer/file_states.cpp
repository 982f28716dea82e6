// Recording input files in the database and comparing them on the next run.
#include "indexer/file_states.hpp"

#include <filesystem>
#include <unordered_set>

#include "common/schema.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

constexpr std::string_view kFileKeyPrefix = "newsdex.file:";

std::string metadata_key(const std::string& file_key) {
  return std::string(kFileKeyPrefix) + file_key;
}

// "<size> <mtime in ns>", or "" when the file cannot be examined.
std::string current_state(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return {};
  const auto modified = fs::last_write_time(path, error);
  if (error) return {};
  const auto nanoseconds =
      std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
  return std::to_string(size) + " " + std::to_string(nanoseconds);
}

bool is_below(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

std::size_t delete_articles_of(Xapian::WritableDatabase& db, const std::string& file_key) {
  const std::string term = source_file_term(file_key);
  const Xapian::doccount count = db.get_termfreq(term);
  if (count > 0) db.delete_document(term);
  return count;
}

}  // namespace

FileSelection select_files(Xapian::WritableDatabase& db, const std::vector<InputFile>& files,
                           const std::vector<std::string>& roots, const FileSelectionOptions& options) {
  FileSelection selection;
  std::unordered_set<std::string> seen;
  for (const auto& file : files) {
    if (file.key.empty()) {
      selection.to_read.push_back(file);
      continue;
    }
    seen.insert(file.key);
    const std::string recorded = db.get_metadata(metadata_key(file.key));
    if (!options.force && !recorded.empty() && recorded == current_state(file.path)) {
      ++selection.unchanged;
      continue;
    }
    InputFile chosen = file;
    if (!recorded.empty()) {
      chosen.changed = true;
      delete_articles_of(db, file.key);
    }
    selection.to_read.push_back(std::move(chosen));
  }
  if (!options.prune) return selection;
  std::vector<std::string> vanished;
  const std::string prefix(kFileKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string key = (*it).substr(prefix.size());
    if (seen.count(key) > 0) continue;
    for (const auto& root : roots) {
      std::error_code error;
      if (is_below(key, root) && !fs::exists(key, error)) {
        vanished.push_back(key);
        break;
      }
    }
  }
  for (const auto& key : vanished) {
    selection.pruned += delete_articles_of(db, key);
    db.set_metadata(metadata_key(key), "");
  }
  return selection;
}

void record_files(Xapian::WritableDatabase& db, const std::vector<InputFile>& files) {
  for (const auto& file : files) {
    if (file.key.empty()) continue;
    const std::string state = current_state(file.path);
    if (!state.empty()) db.set_metadata(metadata_key(file.key), state);
  }
  db.commit();
}

}  // namespace newsdex
