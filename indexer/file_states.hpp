// What the database remembers of the files it was built from, so that a rerun skips
// unchanged files without reading them, reads only the lines appended to a feed, re-indexes
// changed files and prunes vanished ones.
//
// Each file read is recorded as metadata "newsdex.file:<canonical path>" =
// "<bytes read> <mtime ns when reading began> <resume offset> <resume line> <resume hash>"
// (the last three for JSON Lines: where the last complete line read ends, how many lines
// precede it and the FNV-1a hash of the bytes before it, in hex), written only once the
// articles read are committed; each article carries the boolean term XF:<canonical path> of
// the file it came from (see schema.hpp).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "indexer/input_files.hpp"
#include "indexer/record_reader.hpp"

namespace newsdex {

struct FileSelection {
  std::vector<InputFile> to_read;  // new, grown and changed files (changed ones flagged)
  std::size_t unchanged = 0;       // files skipped as recorded
  std::size_t pruned = 0;          // articles deleted because their file is gone
  std::unordered_set<std::string> removed_ids;  // id terms of the changed files' articles
  // The story id of each of those articles, so that a new version stays in its story.
  std::unordered_map<std::string, std::string> removed_stories;
};

struct FileSelectionOptions {
  bool prune = false;  // delete articles of recorded files that are gone
  bool force = false;  // read recorded files even when unchanged
};

// Compares the files with what db recorded. A file of the same size and modification time
// is unchanged. A JSON Lines file whose bytes up to the recorded resume point are the same
// (it only grew, or a run stopped inside it) starts there, keeping its articles. Articles of
// any other changed file are deleted from db (uncommitted: they are replaced by this run's
// commits) and their id terms listed. With prune, articles of recorded files below one of
// roots that no longer exist are deleted and their records removed.
[[nodiscard]] FileSelection select_files(Xapian::WritableDatabase& db,
                                         const std::vector<InputFile>& files,
                                         const std::vector<std::string>& roots,
                                         const FileSelectionOptions& options);

// Records, for each file, the last of its marks whose chunks (all before FileMark::before)
// are among the first chunks_committed chunks, which must be committed. Commits. Returns
// how many files with marks were not read completely into the database.
std::size_t record_files(Xapian::WritableDatabase& db, const std::vector<FileMark>& marks,
                         std::size_t chunks_committed, const std::vector<InputFile>& files);

}  // namespace newsdex
