// A first build's scratch space inside the database directory, and the switch-over that makes
// its merged database the one at DIR.
//
// Layout: DIR holds the database's Xapian files (iamglass, *.glass, flintlock) as any glass
// database does, the run lock DIR/.newsindex-lock and, while a first build runs, its scratch
// DIR/.newsindex-build/ (shards 0 … N-1, then merged/). The scratch shares DIR's file system,
// so nothing is ever renamed across file systems, and DIR itself (a mount point, ".", a
// symlink's target) is never renamed or replaced.
//
// The switch-over, each step one system call or an idempotent sequence of them:
//  1. the stub file DIR/XAPIANDB naming merged/ is written (Xapian ignores it while
//     DIR/iamglass exists);
//  2. DIR/iamglass is removed: from then on DIR opens, through the stub, as the merged
//     database;
//  3. merged/'s table files are hard-linked over DIR's (old tables it lacks are removed);
//  4. merged/iamglass is linked as DIR/iamglass: DIR is a plain glass database again, made
//     of the merged files;
//  5. the stub and the scratch are removed.
// A reader opening DIR at any moment gets the old database or the merged one, whole. A run
// that finds the stub (the switch-over of a run killed after step 1) completes it before
// anything else, so a finished merge is never thrown away; scratch without the stub belongs
// to a run that is gone and is removed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace newsdex {

// True when DIR/XAPIANDB is the stub a switch-over writes (not a stub of anyone else's).
[[nodiscard]] bool holds_switch_stub(const std::filesystem::path& db_dir);

// For the holder of the run lock, before it opens the database: completes the switch-over of
// a run killed during one, and removes scratch space left by runs that are gone. Throws
// std::filesystem::filesystem_error (naming the path) when it cannot.
void finish_or_clear_scratch(const std::filesystem::path& db_dir);

// The scratch space of one first build, removed again (shards, merge and all) when the run
// fails before the switch-over begins.
class FirstBuildScratch {
 public:
  // Creates DIR/.newsindex-build/ (the caller holds the run lock and has cleared old scratch).
  explicit FirstBuildScratch(std::filesystem::path db_dir);
  ~FirstBuildScratch();
  FirstBuildScratch(const FirstBuildScratch&) = delete;
  FirstBuildScratch& operator=(const FirstBuildScratch&) = delete;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }
  [[nodiscard]] std::filesystem::path shard(std::size_t index) const;
  [[nodiscard]] std::filesystem::path merged() const;

  // Makes merged() — complete, committed and closed — the database at DIR (steps 1-5 above).
  // Throws std::filesystem::filesystem_error naming the path when a step fails; before step 1
  // the old database is untouched, after it the next run completes the switch-over.
  void switch_over();

 private:
  std::filesystem::path db_dir_;
  std::filesystem::path root_;
  bool switching_ = false;  // step 1 done: the scratch now holds the database's future
};

// Test-only fault injection: when the environment variable NEWSDEX_TEST_KILL_AT equals point,
// the process sends itself SIGKILL there, as a crash or kill -9 at that moment would end it.
// The points are named in switch_over.cpp, shard_set.cpp and
// indexer.cpp; unset, this does nothing.
void test_kill_point(std::string_view point);

}  // namespace newsdex
