// Where newsindex writes: the --db argument resolved to one real directory, checked so that
// a run never writes into, or over, anything that is not a Newsdex database.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Names Newsdex creates inside a database directory besides Xapian's own files.
inline constexpr std::string_view kLockFileName = ".newsindex-lock";
inline constexpr std::string_view kScratchDirName = ".newsindex-build";

// Resolves db_path once (symlinks, "..", ".") to the real directory and checks it: it must
// not be a file, one of the inputs, inside an input directory, or hold an input; an existing
// directory must be empty or a database (Xapian's files and what Newsdex keeps beside them,
// see switch_over.hpp). A missing directory is created (its parent must exist); nothing else
// is created, moved or removed. Returns the real path. Throws std::runtime_error naming the
// path and the reason, for the caller to report as a fatal error.
[[nodiscard]] std::filesystem::path prepare_database_dir(const std::string& db_path,
                                                         const std::vector<std::string>& inputs);

}  // namespace newsdex
