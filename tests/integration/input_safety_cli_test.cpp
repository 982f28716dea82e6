// newsindex keeps distinct articles apart, reads what files gained, stops promptly on a signal,
// counts what happened and reports warnings in input order.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <regex>
#include <set>
#include <thread>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string feed_line(const std::string& id, const std::string& words) {
  const json article = {{"id", id},
                        {"title", "Harbour bulletin " + words},
                        {"body", "The harbour office said on Monday that " + words + " continues."},
                        {"date", "2025-11-03"}};
  return article.dump() + "\n";
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void append_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

std::size_t total(const std::string& db, const std::vector<std::string>& query) {
  return search(db, query).at("total").get<std::size_t>();
}

// A feed of count articles with ids first … first+count-1, each naming its number in words.
std::string feed(int first, int count) {
  std::string text;
  for (int i = first; i < first + count; ++i) {
    text += feed_line("art-" + std::to_string(i), "item" + std::to_string(i) + " dredging");
  }
  return text;
}

}  // namespace

TEST_CASE("ids: files with the same path below different roots stay different articles") {
  const fs::path root = scratch_path("same-path-input");
  write_file(root / "a" / "politics" / "140.txt", "Tram strike ends\n\nThe tram strike ended.\n");
  write_file(root / "b" / "politics" / "140.txt", "Bridge reopens\n\nThe bridge reopened.\n");
  const std::string db = scratch_path("same-path-db");
  REQUIRE(index(db, {(root / "a").string()}).summary.at("added") == 1);
  const IndexRun second = index(db, {(root / "b").string()});
  CHECK(second.summary.at("added") == 1);
  CHECK(second.summary.at("documents") == 2);
  CHECK(total(db, {"tram"}) == 1);
  CHECK(total(db, {"bridge"}) == 1);
  // Shown by their path below the root, as before.
  CHECK(ids(search(db, {"tram"})) == std::vector<std::string>{"politics/140.txt"});
}

TEST_CASE("ids: bare feed ids are scoped by their feed, URLs, URNs and GUIDs are global") {
  const fs::path root = scratch_path("feed-ids-input");
  const std::string guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  write_file(root / "one.jsonl", feed_line("2", "alpha") + feed_line("https://x.example/7", "gamma") +
                                     feed_line("urn:x:9", "delta") + feed_line(guid, "epsilon"));
  write_file(root / "two.jsonl", feed_line("2", "beta") + feed_line("https://x.example/7", "gamma") +
                                     feed_line("urn:x:9", "delta") + feed_line(guid, "epsilon"));
  const std::string db = scratch_path("feed-ids-db");
  REQUIRE(index(db, {(root / "one.jsonl").string()}).summary.at("added") == 4);
  const IndexRun second = index(db, {(root / "two.jsonl").string()});
  INFO(second.process.err);
  CHECK(second.summary.at("added") == 1);
  CHECK(second.summary.at("replaced") == 3);
  CHECK(second.summary.at("documents") == 5);
  CHECK(total(db, {"alpha"}) == 1);
  CHECK(total(db, {"beta"}) == 1);
  // Each global id that moved to another file is named with both files.
  const std::string& err = second.process.err;
  CHECK(err.find("two.jsonl:2: article 'https://x.example/7' replaces the one read from ") !=
        std::string::npos);
  CHECK(err.find((fs::canonical(root) / "one.jsonl").string()) != std::string::npos);
  CHECK(err.find("two.jsonl:3: ") != std::string::npos);
  CHECK(err.find("two.jsonl:4: ") != std::string::npos);
  CHECK(err.find("two.jsonl:1") == std::string::npos);

  // A file reached twice is read once: its articles do not replace themselves.
  const std::string again = scratch_path("feed-ids-again-db");
  const IndexRun twice = index(again, {(root / "one.jsonl").string(), root.string()});
  CHECK(twice.summary.at("documents") == 5);
  CHECK(twice.summary.at("replaced") == 3);  // two.jsonl's global ids
  CHECK(twice.process.err.find("one.jsonl:") == std::string::npos);
}

TEST_CASE("ids: bare ids from standard input are scoped apart from files") {
  const fs::path root = scratch_path("stdin-ids-input");
  write_file(root / "one.jsonl", feed_line("2", "alpha"));
  const std::string db = scratch_path("stdin-ids-db");
  REQUIRE(index(db, {(root / "one.jsonl").string()}).summary.at("added") == 1);
  const ProcessResult piped =
      run_process(kNewsindex, {"--db", db, "--json", "-"}, feed_line("2", "beta"));
  REQUIRE(piped.exit_code == 0);
  CHECK(json::parse(piped.out).at("documents") == 2);
  CHECK(total(db, {"alpha"}) == 1);
}

TEST_CASE("summary: a feed that gained lines adds them; a changed feed counts what changed") {
  const fs::path root = scratch_path("grown-input");
  const fs::path file = root / "feed.jsonl";
  write_file(file, feed(0, 15));
  const std::string db = scratch_path("grown-db");
  REQUIRE(index(db, {root.string()}).summary.at("added") == 15);

  append_file(file, feed(15, 5));
  const IndexRun grown = index(db, {root.string()});
  CHECK(grown.summary.at("added") == 5);
  CHECK(grown.summary.at("replaced") == 0);
  CHECK(grown.summary.at("documents") == 20);
  CHECK(total(db, {"item17"}) == 1);

  // Rewritten: one article edited, one dropped, one new.
  std::string text;
  for (int i = 0; i < 20; ++i) {
    if (i == 7) continue;
    text += feed_line("art-" + std::to_string(i), i == 3 ? "lighthouse" : "item" + std::to_string(i));
  }
  text += feed_line("art-99", "item99");
  write_file(file, text);
  const IndexRun changed = index(db, {root.string()});
  CHECK(changed.summary.at("added") == 1);
  CHECK(changed.summary.at("replaced") == 19);
  CHECK(changed.summary.at("removed") == 1);
  CHECK(changed.summary.at("documents") == 20);
  CHECK(total(db, {"lighthouse"}) == 1);
  CHECK(total(db, {"item7"}) == 0);
}

TEST_CASE("re-indexing: lines appended while a feed is indexed are read by the next run") {
  // Still indexing 1.5 s in, under the sanitizers too, which index several times slower.
  constexpr int kArticles = kSanitizedBuild ? 3000 : 12000;
  const fs::path root = scratch_path("appended-input");
  const fs::path file = root / "feed.jsonl";
  write_file(file, feed(0, kArticles));
  const std::string db = scratch_path("appended-db");
  {
    BackgroundProcess indexer(kNewsindex, {"--db", db, "--quiet", "--jobs", "1", root.string()},
                              scratch_path("appended.out"), scratch_path("appended.err"));
    // By now the reader has read the file to its end; the articles are still being indexed.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const bool still_running = !indexer.finished();
    append_file(file, feed(kArticles, 5));
    CHECK(indexer.wait() == 0);
    if (!still_running) WARN("the run ended before the lines were appended");
  }
  const IndexRun next = index(db, {root.string()});
  CHECK(next.summary.at("documents") == kArticles + 5);
  CHECK(total(db, {"item" + std::to_string(kArticles + 4)}) == 1);
}

TEST_CASE("warnings: in input order, a few of each kind, the rest counted in the summary") {
  const fs::path root = scratch_path("warnings-input");
  const std::string padding(60000, 'x');
  std::string text;
  std::map<std::string, int> kinds;
  for (int i = 1; i <= 60; ++i) {
    if (i % 5 == 0) {
      ++kinds["no text"];
      text += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"\", \"body\": \"\"}\n";
    } else if (i % 7 == 0) {
      ++kinds["parse error"];
      text += "{not json\n";
    } else if (i % 4 == 0) {
      ++kinds["date not understood"];
      text += json({{"id", "d" + std::to_string(i)}, {"title", "Dateless"}, {"date", "soon"}}).dump() + "\n";
    } else {
      text += json({{"id", "p" + std::to_string(i)}, {"title", "Padding " + std::to_string(i)},
                    {"body", "Quay works " + padding}}).dump() + "\n";
    }
  }
  write_file(root / "feed.jsonl", text);
  const std::string db = scratch_path("warnings-db");
  const IndexRun run = index(db, {"--jobs", "4", root.string()});
  const std::string& err = run.process.err;
  INFO(err);
  CHECK(run.process.exit_code == 1);
  CHECK(kinds == std::map<std::string, int>{{"date not understood", 10}, {"no text", 12},
                                              {"parse error", 7}});
  CHECK(run.summary.at("skipped_reasons") == json({{"no text", 12}, {"parse error", 7}}));
  CHECK(run.summary.at("warnings_not_shown") ==
        json({{"no text", 7}, {"parse error", 2}, {"date not understood", 5}}));

  const std::regex located("feed\\.jsonl:(\\d+): (.*)");
  std::size_t previous = 0;
  std::size_t located_lines = 0;
  std::istringstream lines(err);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, located)) continue;
    ++located_lines;
    const std::size_t number = std::stoul(match[1]);
    CHECK(number > previous);
    previous = number;
  }
  CHECK(located_lines == 5 + 5 + 5);
  CHECK(err.find("no title or body") != std::string::npos);
}

TEST_CASE("signals: SIGINT stops a large run at once and says what is left") {
  // Signals, not stories, are under test here: grouping 100,000 articles by event after the
  // run (common/schema.hpp, Slot::story) takes minutes on a shared 2-core machine, so only
  // copies are grouped.
  ::setenv("NEWSDEX_STORIES", "copies", 1);
  struct Unset {
    ~Unset() { ::unsetenv("NEWSDEX_STORIES"); }
  } unset;
  const fs::path root = scratch_path("sigint-input");
  // Large enough that an idle machine is still indexing when the signal comes, 1.5 s in plus
  // the second a stop may take: 40,000 articles took 2.1 s in all (a fifth of that under the
  // sanitizers, which index several times slower).
  constexpr int kFiles = kSanitizedBuild ? 20 : 100;
  constexpr int kPerFile = 1000;
  for (int f = 0; f < kFiles; ++f) {
    write_file(root / ("part-" + std::to_string(100 + f) + ".jsonl"), feed(f * kPerFile, kPerFile));
  }
  const std::string base = scratch_path("sigint-base");
  write_file(fs::path(base) / "base.jsonl", feed(900000, 3));
  // A first build and an incremental run stop alike.
  for (const bool first_build : {true, false}) {
    INFO("first build: " << first_build);
    const std::string db = scratch_path("sigint-db");
    if (!first_build) REQUIRE(index(db, {base}).summary.at("added") == 3);
    const std::size_t before = first_build ? 0 : 3;
    const std::string out = scratch_path("sigint.out");
    {
      BackgroundProcess indexer(kNewsindex, {"--db", db, "--json", "--quiet", root.string()}, out,
                                scratch_path("sigint.err"));
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      REQUIRE_FALSE(indexer.finished());
      indexer.send_signal(SIGINT);
      const auto signalled = std::chrono::steady_clock::now();
      CHECK(indexer.wait() == 128 + SIGINT);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
      CHECK(seconds < 2.5);
    }
    std::ifstream summary_file(out);
    const json summary = json::parse(summary_file);
    CHECK(summary.at("interrupted") == true);
    const std::size_t added = summary.at("added").get<std::size_t>();
    CHECK(added < kFiles * kPerFile);
    CHECK(summary.at("documents") == before + added);
    CHECK(total(db, {"--all"}) == before + added);
    CHECK(summary.at("files_left").get<std::size_t>() > 0);
    CHECK(summary.at("files_left").get<std::size_t>() <= kFiles);

    const IndexRun rest = index(db, {root.string()});
    CHECK(rest.summary.at("documents") == before + kFiles * kPerFile);
    CHECK(rest.summary.at("added").get<std::size_t>() == kFiles * kPerFile - added);
  }
}
