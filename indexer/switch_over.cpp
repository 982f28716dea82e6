// The first build's scratch space and its switch-over (see switch_over.hpp for the steps).
#include "indexer/switch_over.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "indexer/database_dir.hpp"
#include "indexer/durable_file.hpp"
#include "indexer/fatal_error.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

// Relative paths in a stub are relative to the directory holding it.
constexpr std::string_view kStubContent = "auto .newsindex-build/merged\n";
constexpr std::array<std::string_view, 6> kGlassTables = {"postlist", "docdata", "termlist",
                                                          "position", "spelling", "synonym"};

[[noreturn]] void fail(const std::string& what, const fs::path& from, const fs::path& to,
                       int error) {
  throw fs::filesystem_error(what, from, to, std::error_code(error, std::generic_category()));
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ignored;
  return fs::equivalent(a, b, ignored);
}

// Puts a hard link to from at to, atomically replacing what was there; from stays, so a
// reader that reaches the file by either name finds the same one.
void link_over(const fs::path& from, const fs::path& to) {
  if (same_file(from, to)) return;
  const fs::path temporary = temporary_path(to);
  ::unlink(temporary.c_str());
  if (::link(from.c_str(), temporary.c_str()) != 0) {
    fail("cannot link (the switch-over needs hard links)", from, temporary, errno);
  }
  if (::rename(temporary.c_str(), to.c_str()) != 0) fail("cannot rename", temporary, to, errno);
}

// Steps 2-5, from wherever an earlier attempt stopped; every step checks what is done.
void complete_switch(const fs::path& db_dir) {
  const fs::path merged = db_dir / kScratchDirName / "merged";
  const fs::path version = db_dir / "iamglass";
  const fs::path merged_version = merged / "iamglass";
  if (!fs::exists(merged_version)) {
    fail_on_path("cannot complete the interrupted switch-over: missing", merged_version, ENOENT);
  }
  if (fs::exists(version) && !same_file(version, merged_version)) fs::remove(version);
  test_kill_point("switch-old-version-removed");

  for (const std::string_view table : kGlassTables) {
    const std::string name = std::string(table) + ".glass";
    if (fs::exists(merged / name)) {
      link_over(merged / name, db_dir / name);
    } else {
      fs::remove(db_dir / name);  // the old database's, which the merged one lacks
    }
  }
  test_kill_point("switch-tables-linked");

  link_over(merged_version, version);
  sync_path(db_dir);
  test_kill_point("switch-version-linked");

  fs::remove(db_dir / kStubFileName);
  sync_path(db_dir);
  fs::remove_all(db_dir / kScratchDirName);
}

}  // namespace

bool holds_switch_stub(const fs::path& db_dir) {
  std::ifstream in(db_dir / kStubFileName, std::ios::binary);
  if (!in) return false;
  std::string content(kStubContent.size() + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content == kStubContent;
}

void finish_or_clear_scratch(const fs::path& db_dir) {
  if (holds_switch_stub(db_dir)) {
    const bool merge_kept = fs::exists(db_dir / kScratchDirName / "merged" / "iamglass");
    if (merge_kept || !fs::exists(db_dir / "iamglass")) {
      complete_switch(db_dir);
      return;
    }
    // Without its merge, the stub is one whose run failed before step 2: the old database
    // is whole, and the stub goes with the scratch.
    fs::remove(db_dir / kStubFileName);
  }
  // A stub still being written when its run died.
  fs::remove(temporary_path(db_dir / kStubFileName));
  fs::remove_all(db_dir / kScratchDirName);
}

FirstBuildScratch::FirstBuildScratch(fs::path db_dir)
    : db_dir_(std::move(db_dir)), root_(db_dir_ / kScratchDirName) {
  fs::remove_all(root_);
  fs::create_directory(root_);
  remove_on_fatal_error(root_);
}

FirstBuildScratch::~FirstBuildScratch() {
  remove_on_fatal_error({});
  if (switching_) return;
  std::error_code ignored;
  fs::remove_all(root_, ignored);
  fs::remove(temporary_path(db_dir_ / kStubFileName), ignored);
}

fs::path FirstBuildScratch::shard(std::size_t index) const {
  return root_ / std::to_string(index);
}

fs::path FirstBuildScratch::merged() const { return root_ / "merged"; }

void FirstBuildScratch::switch_over() {
  // Xapian syncs the files it commits; the directories' entries are ours to sync.
  sync_path(merged());
  sync_path(root_);
  test_kill_point("switch-merged");
  remove_on_fatal_error({});  // from here, an interrupted switch-over is finished, not undone
  write_atomically(db_dir_ / kStubFileName, kStubContent);
  switching_ = true;
  test_kill_point("switch-stub-written");
  complete_switch(db_dir_);
}

void test_kill_point(std::string_view point) {
  const char* wanted = std::getenv("NEWSDEX_TEST_KILL_AT");
  if (wanted != nullptr && point == wanted) std::raise(SIGKILL);
}

}  // namespace newsdex
