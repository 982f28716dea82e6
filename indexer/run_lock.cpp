// The run lock, with flock(2).
#include "indexer/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <thread>

#include "indexer/stop_signal.hpp"

namespace fs = std::filesystem;

namespace newsdex {

RunLock::RunLock(const std::string& db_path, bool wait, bool quiet, std::ostream& err) {
  fs::path path = fs::path(db_path).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  const std::string lock_path = path.string() + ".newsindex-lock";
  fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Xapian::DatabaseLockError("cannot create " + lock_path + ": " + std::strerror(errno));
  }
  bool said_waiting = false;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string reason = std::strerror(errno);
      ::close(fd_);
      throw Xapian::DatabaseLockError("cannot lock " + lock_path + ": " + reason);
    }
    if (!wait || stop_signal() != 0) {
      ::close(fd_);
      throw Xapian::DatabaseLockError("another newsindex is writing " + db_path);
    }
    if (!said_waiting && !quiet) {
      err << "newsindex: " << db_path << " is locked by another writer; waiting\n";
      said_waiting = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

RunLock::~RunLock() {
  // Closing the descriptor releases the lock; the file stays for the next run.
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace newsdex
