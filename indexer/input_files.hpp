// Turns the indexer's INPUT arguments into the list of files to read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

enum class InputFormat { automatic, text, jsonl };

// FNV-1a, 64 bits: a fingerprint of the bytes of a file read so far.
inline constexpr std::uint64_t kEmptyHash = 0xcbf29ce484222325ULL;
[[nodiscard]] std::uint64_t extend_hash(std::uint64_t hash, std::string_view bytes);

// What was read of a file: its modification time when reading began, the bytes read, and
// where a later run may carry on reading lines appended since (JSON Lines only): the end of
// the last complete line read, the lines before it and the fingerprint of the bytes before it.
struct FileState {
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  std::uint64_t resume_offset = 0;
  std::uint64_t resume_line = 0;
  std::uint64_t resume_hash = kEmptyHash;
};

struct InputFile {
  std::filesystem::path path;  // where to read it ("-" for standard input)
  std::string relative;        // path relative to the input root, shown in results
  InputFormat format;          // never automatic
  // Canonical absolute path ("" for stdin): the file's identity across runs, the source of
  // its articles' ids when they have none of their own, and the scope of their bare ids.
  std::string key;
  bool changed = false;        // indexed before from a different version of the file
  // Where reading starts: at 0, or past the lines an earlier run read when the file has
  // only grown since (its resume point: offset, lines before it and their fingerprint).
  FileState start;
};

struct InputProblem {
  std::string input;  // as named on the command line or found in a walk
  std::string reason;
};

struct InputList {
  std::vector<InputFile> files;
  std::vector<std::string> roots;  // absolute paths of the directories walked
  std::vector<InputProblem> problems;  // inputs that could not be read at all
  std::size_t ignored = 0;             // files of other types met while walking directories
};

// Expands INPUT arguments: a file is read in the given format (or by its extension), a
// directory is walked recursively in name order taking .txt, .jsonl and .ndjson files
// (hidden entries and directory symlinks are not followed), and "-" is JSON Lines on
// standard input. A file's relative path is its name for a file argument and its path
// below the directory for a walk. A file reached more than once (named twice, or both named
// and walked, or through a symbolic link) is listed once, where it is first reached.
[[nodiscard]] InputList collect_inputs(const std::vector<std::string>& inputs,
                                       InputFormat format);

// The format a file name implies, or automatic when its extension is not one we read.
[[nodiscard]] InputFormat format_for_extension(const std::filesystem::path& path);

}  // namespace newsdex
