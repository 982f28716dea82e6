// A lock that one newsindex run holds on a database for its whole length.
#pragma once

#include <iosfwd>
#include <string>

namespace newsdex {

// Xapian's own lock is released for a moment when a first build's merged database replaces
// the empty one; this lock, on the file "<db>.newsindex-lock" beside the database, keeps
// another newsindex from slipping in then (or at any other time of the run).
class RunLock {
 public:
  // Takes the lock. With wait, waits for it (saying so once on err), until a stop signal;
  // otherwise, or when stopped, throws Xapian::DatabaseLockError.
  RunLock(const std::string& db_path, bool wait, bool quiet, std::ostream& err);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace newsdex
