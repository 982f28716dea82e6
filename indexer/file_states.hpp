// What the database remembers of the files it was built from, so that a rerun skips
// unchanged files without reading them, re-indexes changed ones and prunes vanished ones.
//
// Each file read is recorded as metadata "newsdex.file:<absolute path>" = "<size> <mtime ns>",
// written only once its articles are committed; each article carries the boolean term
// XF:<absolute path> of the file it came from (see schema.hpp).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/input_files.hpp"

namespace newsdex {

struct FileSelection {
  std::vector<InputFile> to_read;  // new and changed files (changed ones flagged)
  std::size_t unchanged = 0;       // files skipped as recorded
  std::size_t pruned = 0;          // articles deleted because their file is gone
};

struct FileSelectionOptions {
  bool prune = false;  // delete articles of recorded files that are gone
  bool force = false;  // read recorded files even when unchanged
};

// Compares the files with what db recorded. Articles of changed files are deleted from db
// (uncommitted: they are replaced by this run's commits). With prune, articles of recorded
// files below one of roots that no longer exist are deleted and their records removed.
[[nodiscard]] FileSelection select_files(Xapian::WritableDatabase& db,
                                         const std::vector<InputFile>& files,
                                         const std::vector<std::string>& roots,
                                         const FileSelectionOptions& options);

// Records the current size and modification time of files (call after their articles are
// committed); files that cannot be examined are left unrecorded. Commits.
void record_files(Xapian::WritableDatabase& db, const std::vector<InputFile>& files);

}  // namespace newsdex
