// A first build's end: killed at any step of its switch-over, or out of disk space, the
// database still opens, the next run completes the job (reusing a finished merge) and no
// scratch space is left behind.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "cli.hpp"
#include "file_system_faults.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kScratch = ".newsindex-build";

// No scratch space is left, inside the database or beside it.
bool scratch_left(const std::string& db) {
  return fs::exists(fs::path(db) / kScratch) || fs::exists(db + kScratch);
}

void write_archive(const fs::path& dir, int files, int per_file) {
  fs::create_directories(dir);
  for (int f = 0; f < files; ++f) {
    std::ofstream out(dir / ("part-" + std::to_string(f) + ".jsonl"));
    for (int i = 0; i < per_file; ++i) {
      const int n = f * per_file + i;
      out << json{{"id", "sw-" + std::to_string(n)},
                  {"title", "Harbour report " + std::to_string(n)},
                  {"body", "Ferry timetable " + std::to_string(n * 7919) + " and lighthouse " +
                               std::to_string(n * 104729) + " works continue."},
                  {"date", "2025-10-01"}}
                 .dump()
          << '\n';
    }
  }
}

bool opens(const std::string& db) {
  return run_process(kNewssearch, {"--db", db, "--all", "--limit", "0", "--json"}).exit_code == 0;
}

std::size_t document_count(const std::string& db) {
  return search(db, {"--all", "--limit", "1"}).at("total").get<std::size_t>();
}

std::size_t distinct_ids(const std::string& db) {
  const auto list = ids(search(db, {"--all", "--limit", "0"}));
  return std::set<std::string>(list.begin(), list.end()).size();
}

bool xapian_check_passes(const std::string& db) {
  return run_process("/usr/bin/xapian-check", {db}).exit_code == 0;
}

// Runs newsindex with the test-only hook that kills it at the named point.
ProcessResult index_killed_at(const std::string& point, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"NEWSDEX_TEST_KILL_AT=" + point, kNewsindex};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process("/usr/bin/env", argv);
}

}  // namespace

TEST_CASE("switch-over: killed at each step, the database opens and the next run finishes") {
  const fs::path input = scratch_path("switch-input");
  write_archive(input, 4, 250);
  const std::size_t full = 1000;
  // Before the stub, the merge is not yet the database's; from it on, it is reused.
  const std::vector<std::pair<std::string, bool>> points = {
      {"switch-merged", false},
      {"switch-stub-written", true},
      {"switch-old-version-removed", true},
      {"switch-tables-linked", true},
      {"switch-version-linked", true}};
  for (const auto& [point, reused] : points) {
    INFO("killed at " << point);
    const std::string db = scratch_path("switch-db");
    const ProcessResult killed = index_killed_at(point, {"--db", db, "--quiet", "-j", "3", input.string()});
    CHECK(killed.exit_code == -1);  // it died at the point
    REQUIRE(opens(db));
    const std::size_t after_kill = document_count(db);
    CHECK((after_kill == 0 || after_kill == full));

    const IndexRun rerun = index(db, {"-j", "3", input.string()});
    CHECK(rerun.process.exit_code == 0);
    CHECK(rerun.summary.at("added") == (reused ? 0 : full));
    CHECK(document_count(db) == full);
    CHECK(distinct_ids(db) == full);
    CHECK(xapian_check_passes(db));
    CHECK_FALSE(scratch_left(db));
    CHECK_FALSE(fs::exists(fs::path(db) / "XAPIANDB"));
  }
}

TEST_CASE("switch-over: SIGKILL at random moments of a first build leaves no half state") {
  const fs::path input = scratch_path("first-kill-input");
  write_archive(input, 8, 500);
  const std::size_t full = 4000;
  const std::string timing_db = scratch_path("first-kill-timing-db");
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(index(timing_db, {"-j", "2", input.string()}).process.exit_code == 0);
  const auto full_run = std::chrono::steady_clock::now() - started;

  std::mt19937 random(20261203);
  // Weighted to the end of the run, where the merge and the switch-over happen.
  std::uniform_int_distribution<long> moment(
      std::chrono::duration_cast<std::chrono::microseconds>(full_run).count() / 2,
      std::chrono::duration_cast<std::chrono::microseconds>(full_run).count() * 11 / 10);
  for (int trial = 0; trial < kill_trials(12); ++trial) {
    INFO("trial " << trial);
    const std::string db = scratch_path("first-kill-db");
    {
      BackgroundProcess indexer(kNewsindex, {"--db", db, "--quiet", "-j", "2", input.string()},
                                scratch_path("first-kill.out"), scratch_path("first-kill.err"));
      std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
      indexer.send_signal(SIGKILL);
      indexer.wait();
    }
    if (fs::exists(fs::path(db) / "iamglass") || fs::exists(fs::path(db) / "XAPIANDB")) {
      REQUIRE(opens(db));
      const std::size_t after_kill = document_count(db);
      CHECK((after_kill == 0 || after_kill == full));
    }
    const IndexRun rerun = index(db, {"-j", "2", input.string()});
    CHECK(rerun.process.exit_code == 0);
    CHECK(document_count(db) == full);
    CHECK(distinct_ids(db) == full);
    CHECK(xapian_check_passes(db));
    CHECK_FALSE(scratch_left(db));
  }
}

TEST_CASE("switch-over: a full disk names the path, frees the scratch, keeps the database") {
  const fs::path input = scratch_path("disk-full-input");
  // Five runs index it; the disk sizes below follow from what it takes.
  write_archive(input, 10, kSanitizedBuild ? 400 : 1000);
  TmpfsMount measure(scratch_path("disk-full-measure"), "256m");
  if (!measure.mounted()) {
    WARN("skipped: mounting a tmpfs needs root");
    return;
  }
  // How much the shards and the merge take, measured just before the switch-over.
  const std::string measured_db = measure.path() + "/db";
  (void)index_killed_at("switch-merged", {"--db", measured_db, "--quiet", "-j", "2", input.string()});
  unsigned long long shards = 0;
  unsigned long long merged = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(measured_db) / kScratch)) {
    if (!entry.is_regular_file()) continue;
    const bool in_merge = entry.path().parent_path().filename() == "merged";
    (in_merge ? merged : shards) += entry.file_size();
  }
  REQUIRE(merged > 0);

  // Too small for the shards, full while the writers commit (where Xapian can end the
  // process through std::terminate), then room for the shards but not the merge.
  for (const unsigned long long size : {shards / 3, shards * 2 / 3, shards * 9 / 10, shards + merged / 2}) {
    INFO("file system of " << size << " bytes");
    TmpfsMount disk(scratch_path("disk-full-db"), std::to_string(size / 1024 + 1) + "k");
    REQUIRE(disk.mounted());
    const unsigned long long used_before = disk.used_bytes();
    const ProcessResult run =
        run_process(kNewsindex, {"--db", disk.path(), "--quiet", "-j", "2", input.string()});
    INFO("newsindex exit " << run.exit_code << ": " << run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("No space left on device") != std::string::npos);
    CHECK(run.err.find(disk.path()) != std::string::npos);
    CHECK_FALSE(fs::exists(fs::path(disk.path()) / kScratch));
    CHECK(disk.used_bytes() < used_before + (1 << 20));
    REQUIRE(opens(disk.path()));
    CHECK(document_count(disk.path()) == 0);
    CHECK(xapian_check_passes(disk.path()));
  }
}

TEST_CASE("switch-over: searches across a first build's switch-over all answer") {
  const fs::path input = scratch_path("switch-search-input");
  write_archive(input, 8, 500);
  for (int round = 0; round < 3; ++round) {
    INFO("round " << round);
    const std::string db = scratch_path("switch-search-db");
    BackgroundProcess indexer(kNewsindex, {"--db", db, "--quiet", "-j", "2", input.string()},
                              scratch_path("switch-search.out"), scratch_path("switch-search.err"));
    // The empty database exists from the moment the run holds its lock.
    for (int i = 0; i < 600 && !fs::exists(fs::path(db) / "iamglass"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    int searches = 0;
    int answered = 0;
    std::size_t last_total = 0;
    while (!indexer.finished()) {
      const ProcessResult result =
          run_process(kNewssearch, {"--db", db, "--json", "--facets", "harbour"});
      ++searches;
      INFO(result.err);
      CHECK(result.exit_code == 0);
      if (result.exit_code != 0) continue;
      ++answered;
      const std::size_t total = json::parse(result.out).at("total").get<std::size_t>();
      CHECK((total == 0 || total == 4000));  // the old database or the new, whole
      CHECK(total >= last_total);
      last_total = total;
    }
    CHECK(indexer.wait() == 0);
    CHECK(answered == searches);
    CHECK(document_count(db) == 4000);
  }
}
