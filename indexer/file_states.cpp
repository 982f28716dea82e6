// Recording input files in the database and comparing them on the next run.
#include "indexer/file_states.hpp"

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "common/schema.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

constexpr std::string_view kFileKeyPrefix = "newsdex.file:";

std::string metadata_key(const std::string& file_key) {
  return std::string(kFileKeyPrefix) + file_key;
}

std::string format_state(const FileState& state) {
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016" PRIx64, state.resume_hash);
  return std::to_string(state.size) + " " + std::to_string(state.modified_ns) + " " +
         std::to_string(state.resume_offset) + " " + std::to_string(state.resume_line) + " " +
         hash;
}

// A recorded state; records of older versions hold only the size and time.
std::optional<FileState> parse_state(const std::string& text) {
  std::istringstream in(text);
  FileState state;
  if (!(in >> state.size >> state.modified_ns)) return std::nullopt;
  std::string hash;
  if (in >> state.resume_offset >> state.resume_line >> hash) {
    state.resume_hash = std::strtoull(hash.c_str(), nullptr, 16);
  } else {
    state.resume_offset = 0;
    state.resume_line = 0;
  }
  return state;
}

// The size and modification time now, or nullopt when the file cannot be examined.
std::optional<FileState> current_state(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return std::nullopt;
  const auto modified = fs::last_write_time(path, error);
  if (error) return std::nullopt;
  FileState state;
  state.size = size;
  state.modified_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
  return state;
}

// Whether the file's first `length` bytes still hash to `hash`.
bool prefix_matches(const fs::path& path, std::uint64_t length, std::uint64_t hash) {
  std::ifstream in(path, std::ios::binary);
  std::string block(1 << 16, '\0');
  std::uint64_t computed = kEmptyHash;
  while (length > 0 && in) {
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(length, block.size()));
    in.read(block.data(), want);
    const auto got = static_cast<std::uint64_t>(in.gcount());
    computed = extend_hash(computed, std::string_view(block.data(), got));
    length -= got;
    if (got == 0) break;
  }
  return length == 0 && computed == hash;
}

bool is_below(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

// Deletes the file's articles, listing their id terms in ids and their stories in stories
// when given.
std::size_t delete_articles_of(Xapian::WritableDatabase& db, const std::string& file_key,
                               std::unordered_set<std::string>* ids,
                               std::unordered_map<std::string, std::string>* stories = nullptr) {
  const std::string term = source_file_term(file_key);
  const Xapian::doccount count = db.get_termfreq(term);
  if (count == 0) return 0;
  if (ids != nullptr) {
    const std::string id_prefix(kIdPrefix);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      auto id = db.termlist_begin(*it);
      id.skip_to(id_prefix);
      if (id == db.termlist_end(*it) || !(*id).starts_with(id_prefix)) continue;
      ids->insert(*id);
      if (stories == nullptr) continue;
      std::string story = db.get_document(*it).get_value(slot_number(Slot::story));
      if (!story.empty()) (*stories)[*id] = std::move(story);
    }
  }
  db.delete_document(term);
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
    const std::optional<FileState> recorded = parse_state(db.get_metadata(metadata_key(file.key)));
    const std::optional<FileState> now = current_state(file.path);
    InputFile chosen = file;
    if (recorded && now && !options.force) {
      if (recorded->size == now->size && recorded->modified_ns == now->modified_ns) {
        ++selection.unchanged;
        continue;
      }
      if (file.format == InputFormat::jsonl && recorded->resume_offset > 0 &&
          now->size >= recorded->resume_offset &&
          prefix_matches(file.path, recorded->resume_offset, recorded->resume_hash)) {
        chosen.start = *recorded;
        selection.to_read.push_back(std::move(chosen));
        continue;
      }
    }
    if (recorded) {
      chosen.changed = true;
      delete_articles_of(db, file.key, &selection.removed_ids, &selection.removed_stories);
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
    selection.pruned += delete_articles_of(db, key, nullptr);
    db.set_metadata(metadata_key(key), "");
  }
  return selection;
}

std::size_t record_files(Xapian::WritableDatabase& db, const std::vector<FileMark>& marks,
                         std::size_t chunks_committed, const std::vector<InputFile>& files) {
  std::map<const InputFile*, const FileMark*> reached;
  for (const auto& mark : marks) {
    if (mark.before <= chunks_committed) reached[mark.file] = &mark;
  }
  std::size_t left = 0;
  for (const auto& file : files) {
    const auto found = reached.find(&file);
    const FileMark* mark = found == reached.end() ? nullptr : found->second;
    if (mark == nullptr || !mark->complete) ++left;
    if (mark == nullptr || mark->failed || file.key.empty()) continue;
    db.set_metadata(metadata_key(file.key), format_state(mark->state));
  }
  db.commit();
  return left;
}

}  // namespace newsdex
