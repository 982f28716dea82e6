// newsindex under re-runs, signals, kills and concurrent searches: nothing indexed is lost
// or duplicated, and searches keep answering.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Article i of a generated archive, as a JSON line with a stable id.
std::string article_line(int i, const std::string& extra = "") {
  const json article = {
      {"id", "gen-" + std::to_string(i)},
      {"title", "Council report number " + std::to_string(i) + " on harbour works " + extra},
      {"body", "The council published report " + std::to_string(i) +
                   " on Tuesday. Engineers said the harbour works would continue through the "
                   "winter while the ferry timetable stays unchanged. " + extra},
      {"date", "2025-11-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1)}};
  return article.dump() + "\n";
}

// Writes files of per_file articles each into dir: articles first .. first+files*per_file-1.
void write_archive(const fs::path& dir, int files, int per_file, int first = 0) {
  fs::create_directories(dir);
  for (int f = 0; f < files; ++f) {
    std::ofstream out(dir / ("part-" + std::to_string(f) + ".jsonl"));
    for (int i = 0; i < per_file; ++i) out << article_line(first + f * per_file + i);
  }
}

std::size_t document_count(const std::string& db) {
  return search(db, {"--all", "--limit", "1"}).at("total").get<std::size_t>();
}

// Every id in the database, counting how many documents carry each.
std::multiset<std::string> all_ids(const std::string& db) {
  const auto list = ids(search(db, {"--all", "--limit", "0"}));
  return {list.begin(), list.end()};
}

bool xapian_check_passes(const std::string& db) {
  return run_process("/usr/bin/xapian-check", {db}).exit_code == 0;
}

}  // namespace

TEST_CASE("reliability: changed files replace their articles, vanished files are pruned") {
  const fs::path dir = scratch_path("incremental-input");
  const std::string db = scratch_path("incremental-db");
  write_archive(dir, 3, 10);
  // The first run is a first build; make the second an incremental one on top of it.
  REQUIRE(index(db, {dir.string()}).summary.at("added") == 30);

  // part-1 changes: one article edited, one dropped, one new.
  {
    std::ofstream out(dir / "part-1.jsonl");
    for (int i = 10; i < 19; ++i) out << article_line(i, i == 12 ? "lighthouse" : "");
    out << article_line(100);
  }
  fs::last_write_time(dir / "part-1.jsonl", fs::file_time_type::clock::now() + std::chrono::seconds(5));
  fs::remove(dir / "part-2.jsonl");

  const IndexRun without_prune = index(db, {dir.string()});
  CHECK(without_prune.summary.at("unchanged_files") == 1);
  CHECK(without_prune.summary.at("replaced") == 9);  // the changed file's articles still in it
  CHECK(without_prune.summary.at("added") == 1);     // gen-100
  CHECK(without_prune.summary.at("removed") == 1);   // gen-19
  CHECK(without_prune.summary.at("pruned") == 0);
  CHECK(document_count(db) == 30);  // 10 + 10 re-read (gen-19 gone, gen-100 new) + 10 kept
  CHECK(ids(search(db, {"lighthouse"})) == std::vector<std::string>{"gen-12"});
  CHECK(all_ids(db).count("gen-19") == 0);
  CHECK(all_ids(db).count("gen-100") == 1);

  const IndexRun pruned = index(db, {"--prune", dir.string()});
  CHECK(pruned.summary.at("pruned") == 10);
  CHECK(pruned.summary.at("unchanged_files") == 2);
  CHECK(document_count(db) == 20);
  CHECK(all_ids(db).count("gen-25") == 0);
}

TEST_CASE("reliability: the same article reached twice is one document") {
  const fs::path dir = scratch_path("twice-input");
  const std::string db = scratch_path("twice-db");
  write_archive(dir, 1, 5);
  {
    // The same bare ids again in another feed: other articles, as far as anyone can tell.
    std::ofstream out(dir / "copy.jsonl");
    for (int i = 0; i < 5; ++i) out << article_line(i);
  }
  fs::create_symlink(dir / "part-0.jsonl", dir / "link.jsonl");
  // One file named twice, walked, and reached through a link is read once.
  const std::string file = (dir / "part-0.jsonl").string();
  const IndexRun run = index(db, {file, file, dir.string()});
  CHECK(run.summary.at("added") == 10);
  CHECK(run.summary.at("replaced") == 0);
  CHECK(document_count(db) == 10);
  CHECK(all_ids(db).count("gen-3") == 2);
}

TEST_CASE("reliability: SIGTERM commits what was read, prints the summary, exits non-zero") {
  const std::string db = scratch_path("sigterm-db");
  const std::string out = scratch_path("sigterm.out");
  const std::string err = scratch_path("sigterm.err");
  BackgroundProcess indexer(kNewsindex, {"--db", db, "--json", "-"}, out, err);
  for (int i = 0; i < 200; ++i) indexer.write_input(article_line(i));
  // Standard input stays open: the indexer is waiting for more when the signal comes.
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  indexer.send_signal(SIGTERM);
  CHECK(indexer.wait() == 128 + SIGTERM);
  std::ifstream summary_file(out);
  const json summary = json::parse(summary_file);
  CHECK(summary.at("interrupted") == true);
  // Everything it had read is committed: normally all 200 (a slow start may read fewer).
  CHECK(summary.at("added").get<std::size_t>() > 0);
  CHECK(summary.at("added").get<std::size_t>() <= 200);
  CHECK(document_count(db) == summary.at("added").get<std::size_t>());
  CHECK(xapian_check_passes(db));
}

TEST_CASE("reliability: a second writer fails clearly, or waits with --wait") {
  const std::string db = scratch_path("lock-db");
  const std::string out = scratch_path("lock.out");
  const std::string err = scratch_path("lock.err");
  BackgroundProcess holder(kNewsindex, {"--db", db, "--quiet", "-"}, out, err);
  holder.write_input(article_line(1));
  // It takes its locks before it creates the database, so once that exists it holds them.
  for (int i = 0; i < 600 && !fs::exists(fs::path(db) / "iamglass"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(fs::exists(fs::path(db) / "iamglass"));

  const std::string stdin_input = article_line(2);
  const ProcessResult refused = run_process(kNewsindex, {"--db", db, "-"}, stdin_input);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("locked by another writer") != std::string::npos);

  const std::string waiter_out = scratch_path("waiter.out");
  BackgroundProcess waiter(kNewsindex, {"--db", db, "--wait", "--json", "-"}, waiter_out,
                           scratch_path("waiter.err"));
  waiter.write_input(article_line(2));
  waiter.close_input();
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  CHECK_FALSE(waiter.finished());  // still waiting for the lock
  holder.close_input();
  CHECK(holder.wait() == 0);
  CHECK(waiter.wait() == 0);
  CHECK(all_ids(db) == std::multiset<std::string>{"gen-1", "gen-2"});
}

TEST_CASE("reliability: SIGKILL at random moments never corrupts or duplicates") {
  // Each commit adds exactly one batch of 50 new articles (files hold 100), so a database
  // that holds anything but a multiple of 50 beyond its base would show a torn commit.
  const int trials = kill_trials(20);
  constexpr int kBatch = 50;
  constexpr std::size_t kBase = 100;
  const fs::path base_input = scratch_path("kill-base");
  const fs::path input = scratch_path("kill-input");
  write_archive(base_input, 1, kBase, 100000);
  write_archive(input, 20, 100);
  const std::size_t full = kBase + 2000;

  // How long an uninterrupted run takes sets the range of kill moments.
  const std::string timing_db = scratch_path("kill-timing-db");
  REQUIRE(index(timing_db, {base_input.string()}).process.exit_code == 0);
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(index(timing_db, {"--batch-size", std::to_string(kBatch), input.string()})
              .process.exit_code == 0);
  const auto full_run = std::chrono::steady_clock::now() - started;
  REQUIRE(document_count(timing_db) == full);

  std::mt19937 random(20261127);
  std::uniform_int_distribution<long> moment(
      0, std::chrono::duration_cast<std::chrono::microseconds>(full_run).count());
  int killed_mid_run = 0;
  for (int trial = 0; trial < trials; ++trial) {
    INFO("trial " << trial);
    {
      const std::string db = scratch_path("kill-db");
      REQUIRE(index(db, {base_input.string()}).process.exit_code == 0);
      {
        BackgroundProcess indexer(kNewsindex,
                                  {"--db", db, "--quiet", "--batch-size", std::to_string(kBatch),
                                   input.string()},
                                  scratch_path("kill.out"), scratch_path("kill.err"));
        std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
        indexer.send_signal(SIGKILL);
        if (indexer.wait() == -SIGKILL) ++killed_mid_run;
      }
      CHECK(xapian_check_passes(db));
      const std::size_t after_kill = document_count(db);
      CHECK(after_kill >= kBase);
      CHECK((after_kill - kBase) % kBatch == 0);

      const IndexRun rerun = index(db, {"--batch-size", std::to_string(kBatch), input.string()});
      CHECK(rerun.process.exit_code == 0);
      const auto found = all_ids(db);
      CHECK(found.size() == full);
      CHECK(std::set<std::string>(found.begin(), found.end()).size() == full);
      CHECK(xapian_check_passes(db));
    }
  }
  WARN(killed_mid_run << " of " << trials << " trials killed the indexer mid-run");
}

TEST_CASE("reliability: searches keep answering while the indexer commits") {
  const fs::path input = scratch_path("concurrent-input");
  const std::string db = scratch_path("concurrent-db");
  write_archive(input, 1, 20, 50000);
  REQUIRE(index(db, {input.string()}).process.exit_code == 0);
  write_archive(input / "more", 30, 100);
  BackgroundProcess indexer(kNewsindex, {"--db", db, "--quiet", "--batch-size", "20", input.string()},
                            scratch_path("concurrent.out"), scratch_path("concurrent.err"));
  int searches = 0;
  int answered = 0;
  std::size_t last_total = 0;
  while (!indexer.finished() || searches < 20) {
    const ProcessResult result =
        run_process(kNewssearch, {"--db", db, "--json", "--facets", "harbour", "works"});
    ++searches;
    if (result.exit_code == 0) {
      const json parsed = json::parse(result.out);
      CHECK(parsed.at("total").get<std::size_t>() >= last_total);
      last_total = parsed.at("total");
      ++answered;
    } else {
      INFO(result.err);
      CHECK(result.exit_code == 0);
    }
  }
  CHECK(indexer.wait() == 0);
  CHECK(answered == searches);
  CHECK(document_count(db) == 3020);
}

TEST_CASE("reliability: full listings survive an indexer committing often") {
  // Every search reads each of thousands of stored articles while commits come every few
  // milliseconds: a reader's revision lasts only until the second commit after it.
  const fs::path input = scratch_path("listing-input");
  const std::string db = scratch_path("listing-db");
  write_archive(input, 1, 20, 50000);
  REQUIRE(index(db, {input.string()}).process.exit_code == 0);
  write_archive(input / "more", 40, 100);
  BackgroundProcess indexer(kNewsindex, {"--db", db, "--quiet", "--batch-size", "10", input.string()},
                            scratch_path("listing.out"), scratch_path("listing.err"));
  const std::vector<std::vector<std::string>> listings = {
      {"--all", "--limit", "0", "--json"},
      {"--all", "--limit", "0", "--facets", "--json"},
      {"--limit", "0", "--json", "harbour", "work*"},
      {"--all", "--limit", "0"},
  };
  int searches = 0;
  std::size_t last_total = 0;
  while (!indexer.finished() || searches < 8) {
    std::vector<std::string> args = {"--db", db};
    const auto& listing = listings[static_cast<std::size_t>(searches) % listings.size()];
    args.insert(args.end(), listing.begin(), listing.end());
    const ProcessResult result = run_process(kNewssearch, args);
    ++searches;
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    if (listing.back() != "--json" && listing.back() != "work*") continue;
    const json parsed = json::parse(result.out);
    const auto total = parsed.at("total").get<std::size_t>();
    CHECK(parsed.at("results").size() == total);  // every match listed
    if (listing.front() == "--all") {
      CHECK(total >= last_total);
      last_total = total;
    }
  }
  CHECK(indexer.wait() == 0);
  CHECK(document_count(db) == 4020);
}
