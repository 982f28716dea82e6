// Expansion of INPUT arguments into files, walking directories.
#include "indexer/input_files.hpp"

#include <algorithm>
#include <system_error>
#include <unordered_set>

namespace fs = std::filesystem;

namespace newsdex {
namespace {

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

// The canonical path: the same file named through a symbolic link, "..", or a relative path
// keeps one identity.
std::string file_key(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  if (error) canonical = fs::absolute(path, error);
  return (error ? path : canonical).lexically_normal().generic_string();
}

void drop_repeats(std::vector<InputFile>& files) {
  std::unordered_set<std::string> seen;
  std::erase_if(files, [&](const InputFile& file) {
    return !file.key.empty() && !seen.insert(file.key).second;
  });
}

void walk(const fs::path& root, InputList& list) {
  std::error_code error;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied,
                                             error);
  if (error) {
    list.problems.push_back({root.string(), error.message()});
    return;
  }
  std::vector<InputFile> found;
  for (const auto end = fs::recursive_directory_iterator(); it != end; it.increment(error)) {
    if (error) {
      list.problems.push_back({it->path().string(), error.message()});
      error.clear();
      continue;
    }
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(error)) {
      const fs::file_status target = fs::status(path, error);
      if (error || !fs::exists(target)) {
        error.clear();
        if (format_for_extension(path) == InputFormat::automatic) {
          ++list.ignored;
        } else {
          list.problems.push_back({path.string(), "broken or looping symbolic link"});
        }
        continue;
      }
      // Following directory links invites loops and double indexing.
      if (fs::is_directory(target)) continue;
    }
    if (!it->is_regular_file(error)) continue;
    const InputFormat format = format_for_extension(path);
    if (format == InputFormat::automatic) {
      ++list.ignored;
      continue;
    }
    found.push_back({path, path.lexically_relative(root).generic_string(), format, file_key(path), false, {}});
  }
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
  list.files.insert(list.files.end(), found.begin(), found.end());
}

}  // namespace

std::uint64_t extend_hash(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return hash;
}

InputFormat format_for_extension(const fs::path& path) {
  // Exact, lower-case extensions: a walk should not pick up README.TXT beside the articles.
  const std::string extension = path.extension().string();
  if (extension == ".txt") return InputFormat::text;
  if (extension == ".jsonl" || extension == ".ndjson") return InputFormat::jsonl;
  return InputFormat::automatic;
}

InputList collect_inputs(const std::vector<std::string>& inputs, InputFormat format) {
  InputList list;
  for (const auto& input : inputs) {
    if (input == "-") {
      list.files.push_back({"-", "-", InputFormat::jsonl, "", false, {}});
      continue;
    }
    const fs::path path(input);
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      list.problems.push_back({input, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      list.roots.push_back(file_key(path));
      walk(path, list);
    } else if (!fs::is_regular_file(status)) {
      list.problems.push_back({input, "not a regular file"});
    } else {
      InputFormat chosen = format != InputFormat::automatic ? format : format_for_extension(path);
      if (chosen == InputFormat::automatic) {
        list.problems.push_back(
            {input, "unknown file type (use .txt, .jsonl or .ndjson, or --format)"});
        continue;
      }
      list.files.push_back({path, path.filename().string(), chosen, file_key(path), false, {}});
    }
  }
  drop_repeats(list.files);
  return list;
}

}  // namespace newsdex
