// newsindex --db on hostile places: a folder of other files, a file, an input, a symlink, a
// mount point, ".", a read-only file system, a folder it may not write, a missing parent.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli.hpp"
#include "file_system_faults.hpp"

using namespace newsdex::testing;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t document_count(const std::string& db) {
  return search(db, {"--all", "--limit", "1"}).at("total").get<std::size_t>();
}

// Runs program; the exit code, or -1 when it had to be killed after timeout (as when it waits
// for a lock that never comes).
int run_for_at_most(const std::string& program, const std::vector<std::string>& argv,
                    const std::string& err_path, std::chrono::seconds timeout) {
  BackgroundProcess indexer(program, argv, err_path + ".out", err_path);
  indexer.close_input();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!indexer.finished() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!indexer.finished()) {
    indexer.send_signal(SIGKILL);
    indexer.wait();
    return -1;
  }
  return indexer.wait();
}

// Runs newsindex as the unprivileged user nobody, for at most timeout.
int index_as_nobody(const std::vector<std::string>& args, const std::string& err_path,
                    std::chrono::seconds timeout) {
  std::vector<std::string> argv = {"--reuid=65534", "--regid=65534", "--clear-groups", kNewsindex};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_for_at_most("/usr/bin/setpriv", argv, err_path, timeout);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("database dir: a folder holding other files is refused and left as it was") {
  const fs::path notes = scratch_path("foreign-notes");
  fs::create_directories(notes / "sub");
  std::ofstream(notes / "todo.md") << "x\n";
  const ProcessResult run = run_process(kNewsindex, {"--db", notes.string(), kDataDir});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "neither empty nor a Newsdex database"));
  CHECK(contains(run.err, notes.string()));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(notes)) ++entries;
  CHECK(entries == 2);  // todo.md and sub/, nothing added or taken away
  std::ifstream todo(notes / "todo.md");
  std::string line;
  CHECK((std::getline(todo, line) && line == "x"));
  CHECK(fs::is_directory(notes / "sub"));
}

TEST_CASE("database dir: a file, an input or a folder inside an input is refused") {
  const fs::path file = scratch_path("db-is-a-file");
  std::ofstream(file) << "keep me\n";
  const ProcessResult on_file = run_process(kNewsindex, {"--db", file.string(), kDataDir});
  CHECK(on_file.exit_code == 2);
  CHECK(contains(on_file.err, "is a file, not a database directory"));
  CHECK(fs::file_size(file) == 8);

  const fs::path input = scratch_path("db-input-tree");
  fs::create_directories(input);
  std::ofstream(input / "a.jsonl") << R"({"id": "a", "title": "Harbour", "body": "Works."})" << '\n';
  const ProcessResult is_input = run_process(kNewsindex, {"--db", input.string(), input.string()});
  CHECK(is_input.exit_code == 2);
  CHECK(contains(is_input.err, "is also an input"));
  CHECK_FALSE(fs::exists(input / "iamglass"));

  const fs::path inside = input / "db";
  const ProcessResult in_tree = run_process(kNewsindex, {"--db", inside.string(), input.string()});
  CHECK(in_tree.exit_code == 2);
  CHECK(contains(in_tree.err, "inside the input directory"));
  CHECK_FALSE(fs::exists(inside));
  // The same folder through a symlink is still inside.
  const fs::path link = scratch_path("db-input-link");
  fs::create_directory_symlink(input, link);
  const ProcessResult via_link =
      run_process(kNewsindex, {"--db", (link / "db").string(), input.string()});
  CHECK(via_link.exit_code == 2);
  CHECK_FALSE(fs::exists(inside));
}

TEST_CASE("database dir: a symlink is followed, never replaced, and its target has one lock") {
  const fs::path real = scratch_path("symlinked-real");
  const fs::path link = scratch_path("symlinked-link");
  fs::create_directories(real);
  fs::create_directory_symlink(real, link);
  REQUIRE(index(link.string(), {kDataDir}).process.exit_code == 0);
  CHECK(fs::is_symlink(link));
  CHECK(fs::exists(real / "iamglass"));
  CHECK(document_count(real.string()) == count_articles(kDataDir));
  CHECK(document_count(link.string()) == count_articles(kDataDir));

  // A writer through the link holds the lock that a writer naming the target meets.
  BackgroundProcess holder(kNewsindex, {"--db", link.string(), "--quiet", "-"},
                           scratch_path("symlinked.out"), scratch_path("symlinked.err"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const ProcessResult second = run_process(kNewsindex, {"--db", real.string(), "-"}, "");
  CHECK(second.exit_code == 2);
  CHECK(contains(second.err, "locked by another writer"));
  holder.close_input();
  CHECK(holder.wait() == 0);
}

TEST_CASE("database dir: a first build on a mount point or into . succeeds in place") {
  for (const std::string beside : {".newsindex-build", ".newsindex-lock"}) {
    fs::remove_all(scratch_path("mount-point-db" + beside));  // of an older build's run
  }
  TmpfsMount mount(scratch_path("mount-point-db"), "64m");
  if (!mount.mounted()) {
    WARN("skipped: mounting a tmpfs needs root");
    return;
  }
  const IndexRun run = index(mount.path(), {kDataDir});
  CHECK(run.process.exit_code == 0);
  CHECK(document_count(mount.path()) == count_articles(kDataDir));
  CHECK(fs::exists(fs::path(mount.path()) / "iamglass"));
  // Nothing was left on the parent's file system.
  for (const auto& entry : fs::directory_iterator(fs::path(mount.path()).parent_path())) {
    CHECK_FALSE(contains(entry.path().filename().string(), "mount-point-db."));
  }

  const fs::path dot = scratch_path("dot-db");
  fs::create_directories(dot);
  const ProcessResult in_dot = run_process(
      "/bin/sh", {"-c", "cd \"$1\" && exec \"$2\" --quiet --db . \"$3\"", "sh", dot.string(),
                  kNewsindex, kDataDir});
  INFO(in_dot.err);
  CHECK(in_dot.exit_code == 0);
  CHECK(document_count(dot.string()) == count_articles(kDataDir));
}

TEST_CASE("database dir: errors that are not a lock say what is wrong and never wait") {
  const ProcessResult no_parent =
      run_process(kNewsindex, {"--db", scratch_path("missing-parent") + "/a/db", kDataDir});
  CHECK(no_parent.exit_code == 2);
  CHECK(contains(no_parent.err, "does not exist"));
  CHECK_FALSE(contains(no_parent.err, "locked"));

  TmpfsMount read_only(scratch_path("read-only-db"), "1m", true);
  if (read_only.mounted()) {
    for (const bool wait : {false, true}) {
      std::vector<std::string> args = {"--db", read_only.path(), kDataDir};
      if (wait) args.push_back("--wait");
      const std::string err = scratch_path("read-only.err");
      CHECK(run_for_at_most(kNewsindex, args, err, std::chrono::seconds(20)) == 2);
      CHECK(contains(read_all(err), "Read-only file system"));
      CHECK_FALSE(contains(read_all(err), "locked"));
    }
  }

  if (::geteuid() != 0) {
    WARN("skipped: running as another user needs root");
    return;
  }
  const std::string db = scratch_path("not-writable-db");
  REQUIRE(index(db, {kDataDir}).process.exit_code == 0);
  const std::string probe = scratch_path("nobody-probe.err");
  if (index_as_nobody({"--version"}, probe, std::chrono::seconds(20)) != 0) {
    WARN("skipped: user nobody cannot run the built newsindex here");
    return;
  }
  const std::string err = scratch_path("not-writable.err");
  const int waited = index_as_nobody({"--db", db, "--wait", kDataDir}, err, std::chrono::seconds(20));
  CHECK(waited == 2);  // -1: it waited for a lock that was never held
  CHECK(contains(read_all(err), "Permission denied"));
  CHECK_FALSE(contains(read_all(err), "locked"));
}
