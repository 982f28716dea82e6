// The run lock, with flock(2).
#include "indexer/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "indexer/database_dir.hpp"
#include "indexer/stop_signal.hpp"

namespace fs = std::filesystem;

namespace newsdex {

RunLock::RunLock(const fs::path& db_dir, bool wait, bool quiet, std::ostream& err) {
  const fs::path lock_path = db_dir / kLockFileName;
  fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw std::runtime_error("cannot write the database " + db_dir.string() + ": cannot open " +
                             lock_path.string() + ": " + std::strerror(errno));
  }
  bool said_waiting = false;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string reason = std::strerror(errno);
      ::close(fd_);
      throw std::runtime_error("cannot lock " + lock_path.string() + ": " + reason);
    }
    if (!wait || stop_signal() != 0) {
      ::close(fd_);
      throw Xapian::DatabaseLockError("another newsindex is writing " + db_dir.string());
    }
    if (!said_waiting && !quiet) {
      err << "newsindex: " << db_dir.string() << " is locked by another writer; waiting\n";
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
