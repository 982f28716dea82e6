// Crash-safe writes of newsindex's own files (see durable_file.hpp).
#include "indexer/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace fs = std::filesystem;

namespace newsdex {

fs::path temporary_path(const fs::path& path) {
  return path.string() + std::string(kTemporarySuffix);
}

void fail_on_path(const std::string& what, const fs::path& path, int error) {
  throw fs::filesystem_error(what, path, std::error_code(error, std::generic_category()));
}

void sync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail_on_path("cannot open", path, errno);
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0) fail_on_path("cannot sync", path, error);
}

void write_atomically(const fs::path& path, std::string_view content) {
  const fs::path temporary = temporary_path(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail_on_path("cannot create", temporary, errno);
  const bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    fail_on_path("cannot write", temporary, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    throw fs::filesystem_error("cannot rename", temporary, path,
                               std::error_code(errno, std::generic_category()));
  }
  sync_path(path.parent_path());
}

}  // namespace newsdex
