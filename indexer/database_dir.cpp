// Resolving and checking the --db directory before anything is written.
#include "indexer/database_dir.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "indexer/durable_file.hpp"
#include "indexer/shard_set.hpp"
#include "indexer/switch_over.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

fs::path real_path(const fs::path& path) {
  fs::path real = fs::weakly_canonical(fs::absolute(path));
  if (!real.has_filename()) real = real.parent_path();  // a trailing slash
  return real;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  const auto [outer_end, inner_end] =
      std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return outer_end == outer.end() && inner_end != inner.end();
}

void refuse(const std::string& message) { throw std::runtime_error(message); }

void check_against_inputs(const fs::path& db, const std::string& db_path,
                          const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) {
    if (input == "-") continue;
    std::error_code error;
    const fs::path real = fs::weakly_canonical(fs::absolute(input), error);
    if (error) continue;  // reported with the inputs
    if (real == db) refuse("--db " + db_path + " is also an input; name another directory");
    if (is_within(db, real)) {
      refuse("--db " + db_path + " is inside the input directory " + input +
             "; put the database outside it");
    }
    if (is_within(real, db)) {
      refuse("input " + input + " is inside the database directory " + db_path);
    }
  }
}

// Entries Newsdex itself keeps in a database directory, and the one mkfs puts at the root of
// a file system (so that a freshly made one can be named as --db).
bool is_ours_or_file_system_entry(const std::string& name) {
  return name == kLockFileName || name == kScratchDirName || name == "lost+found" ||
         name == temporary_path(kStubFileName).string();
}

void check_existing_directory(const fs::path& db, const std::string& db_path) {
  std::string foreign;
  for (const auto& entry : fs::directory_iterator(db)) {
    const std::string name = entry.path().filename().string();
    if (name == "iamglass" || name == "iamchert") return;  // Xapian's (the schema is checked)
    if (name == kStubFileName && holds_switch_stub(db)) return;  // ours, mid switch-over
    if (name == "XAPIANDB" && recorded_sharding(db)) return;  // ours, sharded by period
    if (!is_ours_or_file_system_entry(name) && foreign.empty()) foreign = name;
  }
  if (!foreign.empty()) {
    refuse("--db " + db_path + " is neither empty nor a Newsdex database (it holds " + foreign +
           "); name a new or empty directory");
  }
}

void create_directory(const fs::path& db, const std::string& db_path) {
  const int error = ::mkdir(db.c_str(), 0777) == 0 ? 0 : errno;
  if (error == 0 || error == EEXIST) {
    if (fs::is_directory(db)) return;
    if (fs::is_symlink(db)) refuse("--db " + db_path + " is a symbolic link to nothing");
    refuse("--db " + db_path + " is a file, not a database directory");
  }
  if (error == ENOENT) {
    refuse("cannot create the database directory " + db_path + ": the folder " +
           db.parent_path().string() + " does not exist");
  }
  refuse("cannot create the database directory " + db_path + ": " + std::strerror(error));
}

}  // namespace

fs::path prepare_database_dir(const std::string& db_path, const std::vector<std::string>& inputs) {
  if (db_path.empty()) refuse("--db needs a directory");
  const fs::path db = real_path(db_path);
  check_against_inputs(db, db_path, inputs);
  std::error_code error;
  const fs::file_status status = fs::status(db, error);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      refuse("--db " + db_path + " is a file, not a database directory");
    }
    check_existing_directory(db, db_path);
  } else if (error && error != std::errc::no_such_file_or_directory) {
    refuse("cannot examine " + db_path + ": " + error.message());
  } else {
    create_directory(db, db_path);
  }
  return db;
}

}  // namespace newsdex
