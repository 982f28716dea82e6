// Turns the indexer's INPUT arguments into the list of files to read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex {

enum class InputFormat { automatic, text, jsonl };

struct InputFile {
  std::filesystem::path path;  // where to read it ("-" for standard input)
  std::string relative;        // path relative to the input root, used for ids and results
  InputFormat format;          // never automatic
  std::string key;             // absolute path, the file's identity across runs ("" for stdin)
  bool changed = false;        // indexed before from a different version of the file
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
// below the directory for a walk.
[[nodiscard]] InputList collect_inputs(const std::vector<std::string>& inputs,
                                       InputFormat format);

// The format a file name implies, or automatic when its extension is not one we read.
[[nodiscard]] InputFormat format_for_extension(const std::filesystem::path& path);

}  // namespace newsdex
