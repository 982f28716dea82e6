// newsindex --shard-by: one database per period, listed in a stub that opens as the whole
// archive; ids unique across shards, incremental runs, --prune, refusals and kills.
#include <xapian.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct TestArticle {
  std::string id;
  std::string date;  // "" for none
  std::string body;
};

void write_jsonl(const fs::path& file, const std::vector<TestArticle>& articles) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file);
  for (const auto& article : articles) {
    json line = {{"id", article.id}, {"title", "Report " + article.id}, {"body", article.body}};
    if (!article.date.empty()) line["date"] = article.date;
    out << line.dump() << '\n';
  }
}

// The "auto" lines of the stub, in order.
std::vector<std::string> listed_shards(const std::string& db) {
  std::ifstream in(fs::path(db) / "XAPIANDB");
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("auto ")) names.push_back(line.substr(5));
  }
  return names;
}

IndexRun index_ok(const std::string& db, std::vector<std::string> args) {
  IndexRun run = index(db, args);
  INFO(run.process.err);
  REQUIRE(run.process.exit_code == 0);
  return run;
}

std::set<std::string> ids_in(const std::string& db) {
  return id_set(search(db, {"--all", "--limit", "0"}));
}

// Id terms and weights of a ranked Xapian query, read directly from the database.
std::vector<std::pair<std::string, double>> ranked(const std::string& db,
                                                   const Xapian::Query& query) {
  Xapian::Database database(db);
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  const Xapian::MSet matches = enquire.get_mset(0, database.get_doccount());
  std::vector<std::pair<std::string, double>> result;
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    auto term = it.get_document().termlist_begin();
    term.skip_to("Q");
    result.emplace_back(*term, it.get_weight());
  }
  // Equal weights may come in another docid order; the pairs must agree.
  std::sort(result.begin(), result.end());
  return result;
}

// A URL: an id that names one article whichever file it is read from.
std::string url(const std::string& id) { return "https://wire.example/" + id; }

Xapian::rev revision(const std::string& db) { return Xapian::Database(db).get_revision(); }

}  // namespace

TEST_CASE("shard-by: one database per year and per month of data/, listed in the stub") {
  const std::string single = scratch_path("shard-single");
  index_ok(single, {kDataDir});
  const std::set<std::string> everything = ids_in(single);

  const std::string by_year = scratch_path("shard-year");
  const IndexRun year = index_ok(by_year, {"--shard-by", "year", kDataDir});
  CHECK(listed_shards(by_year) == std::vector<std::string>{"2025", "2026", "undated"});
  CHECK(year.summary.at("documents") == everything.size());

  const std::string by_month = scratch_path("shard-month");
  index_ok(by_month, {"--shard-by", "month", kDataDir});
  CHECK(listed_shards(by_month) ==
        std::vector<std::string>{"2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "undated"});

  for (const std::string& db : {by_year, by_month}) {
    CHECK(ids_in(db) == everything);
    std::size_t sum = 0;
    for (const std::string& shard : listed_shards(db)) {
      const json articles = search(db + "/" + shard, {"--all", "--limit", "0"}).at("results");
      sum += articles.size();
      for (const auto& article : articles) {
        INFO(shard << " holds " << article.dump());
        if (shard == "undated") {
          CHECK(article.at("date").is_null());
        } else {
          CHECK(article.at("date").get<std::string>().starts_with(shard));
        }
      }
    }
    CHECK(sum == everything.size());
  }
}

TEST_CASE("shard-by: the stub answers as the unsharded database does") {
  const std::string single = scratch_path("shard-same-single");
  const std::string sharded = scratch_path("shard-same-sharded");
  index_ok(single, {kDataDir});
  index_ok(sharded, {"--shard-by", "month", kDataDir});
  const std::vector<std::vector<std::string>> queries = {
      {"--all"},
      {"--all", "--from", "2025-11-01", "--to", "2025-12-31"},
      {"--all", "--person", "Trump"},
      {"--all", "--place", "Europe"},
      {"--all", "--sort", "oldest"},
  };
  for (auto query : queries) {
    query.insert(query.end(), {"--limit", "0"});
    INFO(query.front() << " " << query.size());
    const json expected = search(single, query);
    for (const std::string& db : {sharded, sharded + "/XAPIANDB"}) {
      const json got = search(db, query);
      CHECK(got.at("total") == expected.at("total"));
      CHECK(id_set(got) == id_set(expected));
    }
  }
  // Ranked matches: Xapian combines the shards' statistics, so the weights agree too.
  for (const char* term : {"Ztariff", "Zminist", "Zstorm"}) {
    const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query(term), Xapian::Query("Zport"));
    INFO(term);
    const auto expected = ranked(single, query);
    CHECK_FALSE(expected.empty());
    const auto got = ranked(sharded, query);
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].first == expected[i].first);
      CHECK(got[i].second == Approx(expected[i].second).epsilon(1e-9));
    }
  }
}

TEST_CASE("shard-by: newssearch --db DIR ranks, counts and collapses as through the stub file") {
  const std::string single = scratch_path("shard-ranked-single");
  const std::string sharded = scratch_path("shard-ranked-sharded");
  index_ok(single, {kDataDir});
  index_ok(sharded, {"--shard-by", "month", kDataDir});
  const std::vector<std::vector<std::string>> queries = {
      {"nato"},
      {"zelenskyy", "nato", "guarantees"},
      {"--match", "any", "tariff", "storm"},
      {"--facets", "nato"},
      {"--collapse", "nato"},
      {"--timeline", "month", "ukraine"},
      {"--sort", "newest", "ukraine"},
  };
  for (const auto& query : queries) {
    INFO(query.front() << " " << query.back());
    const json expected = search(single, query);
    const json through_stub = search(sharded + "/XAPIANDB", query);
    const json through_dir = search(sharded, query);
    CHECK(through_dir == through_stub);
    CHECK(through_dir.at("total") == expected.at("total"));
    if (query.front() != "--collapse") {
      // Ranked ids agree with the single database; collapsing over shards counts articles.
      std::vector<std::string> ids_single, ids_sharded;
      for (const auto& hit : expected.at("results")) ids_single.push_back(hit.at("id"));
      for (const auto& hit : through_dir.at("results")) ids_sharded.push_back(hit.at("id"));
      CHECK(ids_sharded == ids_single);
    }
  }
  // A stub with a line newssearch does not follow is refused, not searched as one database.
  const std::string odd_stub = scratch_path("shard-odd.stub");
  std::ofstream(odd_stub) << "auto " << sharded << "/2025-11\nauto " << sharded << "/2025-12\ninmemory\n";
  const ProcessResult odd = run_process(kNewssearch, {"--db", odd_stub, "nato"});
  CHECK(odd.exit_code == 2);
  CHECK(odd.err.find("cannot search " + odd_stub) != std::string::npos);
}

TEST_CASE("shard-by: an article read again with another date moves to its new shard") {
  const fs::path input = scratch_path("shard-move-input");
  const std::string db = scratch_path("shard-move");
  write_jsonl(input / "wire.jsonl", {{url("mv-1"), "1987-03-02", "Grain harvest"},
                                     {url("mv-2"), "1988-05-06", "Copper prices"},
                                     {url("mv-3"), "", "Undated note"}});
  index_ok(db, {"--shard-by", "year", input.string()});
  CHECK(listed_shards(db) == std::vector<std::string>{"1987", "1988", "undated"});

  SECTION("the same file, changed") {
    write_jsonl(input / "wire.jsonl", {{url("mv-1"), "1989-01-10", "Grain harvest revised"},
                                       {url("mv-2"), "1988-05-06", "Copper prices"},
                                       {url("mv-3"), "1987-07-01", "Dated note"}});
    index_ok(db, {"--shard-by", "year", input.string()});
  }
  SECTION("another file with the same ids") {
    write_jsonl(input / "correction.jsonl", {{url("mv-1"), "1989-01-10", "Grain harvest revised"},
                                             {url("mv-3"), "1987-07-01", "Dated note"}});
    const IndexRun run =
        index_ok(db, {"--shard-by", "year", (input / "correction.jsonl").string()});
    CHECK(run.summary.at("replaced") == 2);
  }
  CHECK(listed_shards(db) == std::vector<std::string>{"1987", "1988", "1989", "undated"});
  CHECK(ids_in(db) == std::set<std::string>{url("mv-1"), url("mv-2"), url("mv-3")});
  CHECK(search(db, {"--all"}).at("total") == 3);
  CHECK(ids_in(db + "/1987") == std::set<std::string>{url("mv-3")});
  CHECK(ids_in(db + "/1988") == std::set<std::string>{url("mv-2")});
  CHECK(ids_in(db + "/1989") == std::set<std::string>{url("mv-1")});
  CHECK(ids_in(db + "/undated").empty());
}

TEST_CASE("shard-by: an id twice in one run, with two dates, keeps its last version only") {
  const fs::path input = scratch_path("shard-twice-input");
  const std::string db = scratch_path("shard-twice");
  write_jsonl(input / "feed.jsonl", {{url("tw-1"), "1987-03-02", "First version"},
                                     {url("tw-2"), "1987-04-01", "Other"},
                                     {url("tw-1"), "1992-08-09", "Second version"}});
  for (const char* jobs : {"1", "2"}) {
    INFO("--jobs " << jobs);
    fs::remove_all(db);
    index_ok(db, {"--shard-by", "year", "--jobs", jobs, input.string()});
    CHECK(search(db, {"--all"}).at("total") == 2);
    CHECK(ids_in(db + "/1987") == std::set<std::string>{url("tw-2")});
    CHECK(ids_in(db + "/1992") == std::set<std::string>{url("tw-1")});
  }
}

TEST_CASE("shard-by: a second run adds new periods and leaves the old shards as they were") {
  const fs::path input = scratch_path("shard-grow-input");
  const std::string db = scratch_path("shard-grow");
  write_jsonl(input / "1987.jsonl",
              {{"g-1", "1987-01-05", "Oil output"}, {"g-2", "1987-11-20", "Bank rates"}});
  write_jsonl(input / "1988.jsonl", {{"g-3", "1988-02-01", "Trade figures"}});
  index_ok(db, {"--shard-by", "month", input.string()});
  const std::vector<std::string> first = {"1987-01", "1987-11", "1988-02"};
  CHECK(listed_shards(db) == first);
  std::map<std::string, Xapian::rev> revisions;
  for (const auto& shard : first) revisions[shard] = revision(db + "/" + shard);

  write_jsonl(input / "1990.jsonl",
              {{"g-4", "1990-06-15", "Election results"}, {"g-5", "", "Undated statement"}});
  const IndexRun second = index_ok(db, {"--shard-by", "month", input.string()});
  CHECK(second.summary.at("added") == 2);
  CHECK(second.summary.at("unchanged_files") == 2);
  CHECK(listed_shards(db) ==
        std::vector<std::string>{"1987-01", "1987-11", "1988-02", "1990-06", "undated"});
  for (const auto& shard : first) {
    INFO(shard);
    CHECK(revision(db + "/" + shard) == revisions[shard]);
  }
  CHECK(ids_in(db) == std::set<std::string>{"g-1", "g-2", "g-3", "g-4", "g-5"});

  // Nothing new: every file is recorded, no shard is written.
  for (const auto& shard : listed_shards(db)) revisions[shard] = revision(db + "/" + shard);
  const IndexRun third = index_ok(db, {"--shard-by", "month", input.string()});
  CHECK(third.summary.at("unchanged_files") == 3);
  CHECK(third.summary.at("documents") == 5);
  for (const auto& shard : listed_shards(db)) {
    INFO(shard);
    CHECK(revision(db + "/" + shard) == revisions[shard]);
  }
}

TEST_CASE("shard-by: a directory is written only as it is sharded") {
  const fs::path input = scratch_path("shard-mix-input");
  write_jsonl(input / "a.jsonl", {{"m-1", "1987-01-05", "Oil output"}});
  const std::string sharded = scratch_path("shard-mix");
  index_ok(sharded, {"--shard-by", "year", input.string()});
  const std::string stub_before = [&] {
    std::ifstream in(fs::path(sharded) / "XAPIANDB");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();

  const auto refused = [](const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return run_process(kNewsindex, args);
  };
  const ProcessResult plain = refused(sharded, {input.string(), "--force"});
  CHECK(plain.exit_code == 2);
  CHECK_THAT(plain.err, Catch::Contains("sharded by year") && Catch::Contains("--shard-by year"));
  const ProcessResult monthly = refused(sharded, {"--shard-by", "month", input.string()});
  CHECK(monthly.exit_code == 2);
  CHECK_THAT(monthly.err, Catch::Contains("sharded by year, not by month"));
  CHECK_FALSE(fs::exists(fs::path(sharded) / "iamglass"));
  CHECK_FALSE(fs::exists(fs::path(sharded) / "1987-01"));
  std::ifstream in(fs::path(sharded) / "XAPIANDB");
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == stub_before);
  CHECK(ids_in(sharded) == std::set<std::string>{"m-1"});

  const std::string single = scratch_path("shard-mix-single");
  index_ok(single, {input.string()});
  const ProcessResult into_single = refused(single, {"--shard-by", "year", input.string()});
  CHECK(into_single.exit_code == 2);
  CHECK_THAT(into_single.err, Catch::Contains("not sharded"));
  CHECK_FALSE(fs::exists(fs::path(single) / "XAPIANDB"));
  CHECK(ids_in(single) == std::set<std::string>{"m-1"});

  const ProcessResult bad =
      refused(scratch_path("shard-mix-bad"), {"--shard-by", "week", input.string()});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("shard-by: --prune removes a vanished file's articles from every shard") {
  const fs::path input = scratch_path("shard-prune-input");
  const std::string db = scratch_path("shard-prune");
  write_jsonl(input / "keep.jsonl",
              {{"p-1", "1987-01-05", "Oil output"}, {"p-2", "1990-03-01", "Rates"}});
  write_jsonl(input / "gone.jsonl", {{"p-3", "1987-02-05", "Harvest"},
                                     {"p-4", "1991-03-01", "Shipping"},
                                     {"p-5", "", "Statement"}});
  index_ok(db, {"--shard-by", "year", input.string()});
  CHECK(ids_in(db).size() == 5);
  fs::remove(input / "gone.jsonl");
  const IndexRun pruned = index_ok(db, {"--shard-by", "year", "--prune", input.string()});
  CHECK(pruned.summary.at("pruned") == 3);
  CHECK(ids_in(db) == std::set<std::string>{"p-1", "p-2"});
  CHECK(ids_in(db + "/1991").empty());
  CHECK(ids_in(db + "/1987") == std::set<std::string>{"p-1"});
}

TEST_CASE("shard-by: killed as a new shard is created, the next run lists it and finishes") {
  const fs::path input = scratch_path("shard-kill-input");
  const std::string db = scratch_path("shard-kill");
  write_jsonl(input / "a.jsonl", {{"k-1", "1987-01-05", "Oil output"},
                                  {"k-2", "1988-03-01", "Rates"},
                                  {"k-3", "1989-03-01", "Harvest"}});
  const ProcessResult killed =
      run_process("/usr/bin/env", {"NEWSDEX_TEST_KILL_AT=shard-created", kNewsindex, "--db", db,
                                   "--shard-by", "year", input.string()});
  CHECK(killed.exit_code == -1);
  CHECK(fs::exists(fs::path(db) / "1987" / "iamglass"));
  CHECK(listed_shards(db).empty());
  const IndexRun rerun = index_ok(db, {"--shard-by", "year", input.string()});
  CHECK(rerun.summary.at("documents") == 3);
  CHECK(listed_shards(db) == std::vector<std::string>{"1987", "1988", "1989"});
  CHECK(ids_in(db) == std::set<std::string>{"k-1", "k-2", "k-3"});
}

TEST_CASE("shard-by: stopped by SIGINT, a run keeps what it committed and the next one finishes") {
  const fs::path input = scratch_path("shard-sigint-input");
  // Enough that the run is still writing when the signal comes (at 1.5 s: a few thousand
  // articles in a normal build, fewer under the sanitizers).
  constexpr int kFiles = kSanitizedBuild ? 8 : 20;
  constexpr int kPerFile = 1000;
  for (int f = 0; f < kFiles; ++f) {
    std::vector<TestArticle> articles;
    for (int i = 0; i < kPerFile; ++i) {
      const int n = f * kPerFile + i;
      articles.push_back({url("si-" + std::to_string(n)), std::to_string(1990 + n % 3) + "-05-01",
                          "Port traffic " + std::to_string(static_cast<long long>(n) * 7919) + " and grain " +
                              std::to_string(static_cast<long long>(n) * 104729)});
    }
    write_jsonl(input / ("part-" + std::to_string(100 + f) + ".jsonl"), articles);
  }
  const std::string db = scratch_path("shard-sigint");
  const std::string out = scratch_path("shard-sigint.out");
  {
    BackgroundProcess indexer(
        kNewsindex, {"--db", db, "--json", "--quiet", "--shard-by", "year", input.string()}, out,
        scratch_path("shard-sigint.err"));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE_FALSE(indexer.finished());
    indexer.send_signal(SIGINT);
    CHECK(indexer.wait() == 128 + SIGINT);
  }
  std::ifstream summary_file(out);
  const json summary = json::parse(summary_file);
  CHECK(summary.at("interrupted") == true);
  const std::size_t added = summary.at("added").get<std::size_t>();
  CHECK(added < kFiles * kPerFile);
  CHECK(search(db, {"--all", "--limit", "1"}).at("total") == added);

  const IndexRun rest = index_ok(db, {"--shard-by", "year", input.string()});
  CHECK(rest.summary.at("documents") == kFiles * kPerFile);
  CHECK(listed_shards(db) == std::vector<std::string>{"1990", "1991", "1992"});
  for (const char* year : {"1990", "1991", "1992"}) {
    const std::size_t in_shard =
        search(db + "/" + year, {"--all", "--limit", "1"}).at("total").get<std::size_t>();
    CHECK(in_shard >= kFiles * kPerFile / 3);
    CHECK(in_shard <= kFiles * kPerFile / 3 + 1);
  }
}
