// Files newsindex keeps beside Xapian's in a database directory, written so that a crash at
// any moment leaves either the old content or the new.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace newsdex {

// Xapian's stub file: a database directory holding it opens as the databases it lists.
inline constexpr std::string_view kStubFileName = "XAPIANDB";

// What a file is written as before it is renamed over its real name.
inline constexpr std::string_view kTemporarySuffix = ".newsindex-tmp";

// path with kTemporarySuffix appended.
[[nodiscard]] std::filesystem::path temporary_path(const std::filesystem::path& path);

// Throws std::filesystem::filesystem_error for path and the errno value error.
[[noreturn]] void fail_on_path(const std::string& what, const std::filesystem::path& path,
                               int error);

// Makes what was written into path (a file, or a directory's entries) durable.
// Throws std::filesystem::filesystem_error when path cannot be opened or synced.
void sync_path(const std::filesystem::path& path);

// Replaces path's content by content in one rename, the file and its directory synced, so
// that a reader sees the old or the new and a crash loses neither. The temporary file is
// removed when writing fails. Throws std::filesystem::filesystem_error naming the path.
void write_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace newsdex
