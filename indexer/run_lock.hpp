// A lock that one newsindex run holds on a database for its whole length.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace newsdex {

// Xapian's own lock is released while a first build's switch-over replaces the database's
// files; this lock, on the file DIR/.newsindex-lock inside the (real) database directory,
// keeps another newsindex out then and at any other time of the run. Being inside the
// directory, it is one lock per database however the directory is spelled (a symlink, "."),
// and it needs no write access outside the database.
class RunLock {
 public:
  // Takes the lock on db_dir (an existing, resolved directory). Only another run holding it
  // counts as "locked": then with wait it waits (saying so once on err) until it is free or a
  // stop signal comes, and otherwise (or when stopped) throws Xapian::DatabaseLockError. Any
  // other failure (permission denied, a read-only file system) throws std::runtime_error
  // naming the path and the reason, without waiting.
  RunLock(const std::filesystem::path& db_dir, bool wait, bool quiet, std::ostream& err);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace newsdex
