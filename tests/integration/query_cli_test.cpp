// Dates in queries and input, sort order of undated articles, and the command-line rules of
// both tools, end to end.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

std::string date_of(const json& article) {
  return article.at("date").is_null() ? "" : article.at("date").get<std::string>();
}

// Sample articles whose date starts with period (YYYY, YYYY-MM or YYYY-MM-DD).
std::set<std::string> sample_ids_in(const std::string& period) {
  std::set<std::string> found;
  for (const auto& article : all_sample_articles()) {
    if (date_of(article).starts_with(period)) found.insert(article.at("id").get<std::string>());
  }
  return found;
}

// Whether every undated hit comes after every dated one.
bool undated_last(const json& result) {
  bool seen_undated = false;
  for (const auto& hit : result.at("results")) {
    if (hit.at("date").is_null()) {
      seen_undated = true;
    } else if (seen_undated) {
      return false;
    }
  }
  return seen_undated;
}

// One article per input date form; "market" in each, for word queries.
const char* const kDatedArticles =
    R"({"id":"unix-seconds","title":"Market crash","published":561652200})"
    "\n"
    R"({"id":"unix-milliseconds","title":"Market rebound","published":561718800000})"
    "\n"
    R"({"id":"dotted","title":"Market opens","date":"26.02.1987"})"
    "\n"
    R"({"id":"day-first","title":"Market summit","date":"14/12/2025"})"
    "\n"
    R"({"id":"year-first","title":"Market talks","date":"2025/12/15 10:00"})"
    "\n"
    R"({"id":"compact","title":"Market close","date":"20251216"})"
    "\n"
    R"({"id":"asctime","title":"Market report","pubDate":"Sun Dec 14 09:30:00 2025"})"
    "\n"
    R"({"id":"boolean","title":"Market rumour","published":true})"
    "\n"
    R"({"id":"object","title":"Market notes","published":{"day":14}})"
    "\n"
    R"({"id":"words","title":"Market diary","date":"someday"})"
    "\n"
    R"({"id":"month-first","title":"Market week","date":"03/04/2025"})"
    "\n";

const std::string& dated_db() {
  static const std::string db = [] {
    // Per process: ctest runs each test case in a process of its own, in parallel.
    const std::string suffix = std::to_string(::getpid());
    const std::string path = scratch_path("dated-db-" + suffix);
    const std::string input = kWorkDir + "/dated-" + suffix + ".jsonl";
    std::ofstream(input) << kDatedArticles;
    (void)index(path, {input});
    return path;
  }();
  return db;
}

std::set<std::string> dated_ids(const std::vector<std::string>& args) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"--limit", "0"});
  return id_set(search(dated_db(), all));
}

}  // namespace

TEST_CASE("query dates: a single date means that whole day, month or year") {
  const std::string day = "2025-12-14";
  for (const std::string& period : {day, day.substr(0, 7), day.substr(0, 4)}) {
    INFO(period);
    const auto expected = sample_ids_in(period);
    REQUIRE_FALSE(expected.empty());
    const json result = search(kSampleDb, {"date:" + period, "--limit", "0"});
    CHECK(id_set(result) == expected);
    CHECK(result.at("total") == expected.size());
    CHECK(id_set(search(kSampleDb, {"--from", period, "--to", period, "--limit", "0"})) ==
          expected);
  }
  // Two periods mean either; words still rank within the period.
  const auto december = sample_ids_in("2025-12");
  auto either = sample_ids_in("2025-11");
  either.insert(december.begin(), december.end());
  CHECK(id_set(search(kSampleDb, {"date:2025-11", "date:2025-12", "--limit", "0"})) == either);
  const json worded = search(kSampleDb, {"NATO", "date:2025-12", "--limit", "0"});
  REQUIRE_FALSE(worded.at("results").empty());
  for (const auto& hit : worded.at("results")) CHECK(date_of(hit).starts_with("2025-12"));
  CHECK(worded["results"][0]["score"].get<double>() > 0);
}

TEST_CASE("query dates: every input date form is indexed and found by day, month and year") {
  const std::map<std::string, std::string> expected_dates = {
      {"unix-seconds", "1987-10-19"}, {"unix-milliseconds", "1987-10-20"},
      {"dotted", "1987-02-26"},       {"day-first", "2025-12-14"},
      {"year-first", "2025-12-15"},   {"compact", "2025-12-16"},
      {"asctime", "2025-12-14"},      {"boolean", ""},
      {"object", ""},                 {"words", ""},
      {"month-first", "2025-03-04"}};
  std::map<std::string, std::string> found;
  const json all = search(dated_db(), {"--all", "--limit", "0"});
  for (const auto& hit : all.at("results")) {
    found[hit.at("id").get<std::string>()] = date_of(hit);
  }
  CHECK(found == expected_dates);

  using Ids = std::set<std::string>;
  CHECK(dated_ids({"date:1987"}) == Ids{"unix-seconds", "unix-milliseconds", "dotted"});
  CHECK(dated_ids({"date:1987-10"}) == Ids{"unix-seconds", "unix-milliseconds"});
  CHECK(dated_ids({"date:1987-10-19"}) == Ids{"unix-seconds"});
  CHECK(dated_ids({"market", "date:1987-10-20"}) == Ids{"unix-milliseconds"});
  CHECK(dated_ids({"date:2025-12-14"}) == Ids{"day-first", "asctime"});
  CHECK(dated_ids({"date:2025-12"}) == Ids{"day-first", "year-first", "compact", "asctime"});
  CHECK(dated_ids({"date:2025-12-15..2025-12"}) == Ids{"year-first", "compact"});
}

TEST_CASE("query dates: a date that cannot be read costs only the date, with a warning") {
  const std::string db = scratch_path("dated-warnings-db");
  const std::string input = kWorkDir + "/dated-warnings.jsonl";
  std::ofstream(input) << kDatedArticles;
  const IndexRun run = index(db, {input});
  const std::string& err = run.process.err;
  INFO(err);
  CHECK(run.process.exit_code == 0);
  CHECK(run.summary.at("added") == 11);
  CHECK(run.summary.at("skipped") == 0);
  CHECK(run.summary.at("without_date") == 3);
  CHECK(err.find("dated-warnings.jsonl:8: date 'true' not understood") != std::string::npos);
  CHECK(err.find("dated-warnings.jsonl:9: date '{\"day\":14}' not understood") != std::string::npos);
  CHECK(err.find("dated-warnings.jsonl:10: date 'someday' not understood") != std::string::npos);
}

TEST_CASE("sort: undated articles come last, oldest or newest first") {
  for (const std::string order : {"oldest", "newest"}) {
    INFO(order);
    const json sample = search(kSampleDb, {"--all", "--limit", "0", "--sort", order});
    CHECK(undated_last(sample));
    const json dated = search(dated_db(), {"--all", "--limit", "0", "--sort", order});
    CHECK(undated_last(dated));
    CHECK(dated["results"][0]["id"] == (order == "oldest" ? "dotted" : "compact"));
    const json worded = search(dated_db(), {"market", "--limit", "0", "--sort", order});
    CHECK(undated_last(worded));
    CHECK(worded["results"][0]["id"] == dated["results"][0]["id"]);
  }
}

TEST_CASE("command line: unknown options, negative counts and bad queries exit 2 with one line") {
  struct Case {
    std::string program;
    std::vector<std::string> args;
    std::string message;
  };
  const std::string& search_tool = kNewssearch;
  const std::string& index_tool = kNewsindex;
  const std::string db = kSampleDb;
  const std::string scratch = kWorkDir + "/never-created-db";
  const std::vector<Case> cases = {
      {search_tool, {"--db", db, "-l", "5", "oil"}, "newssearch: unknown option -l"},
      {search_tool, {"--db", db, "oil", "-n"}, "newssearch: unknown option -n"},
      {search_tool, {"--db", db, "-n5", "oil"}, "newssearch: unknown option -n5"},
      {search_tool, {"--db", db, "-limit", "5", "oil"}, "newssearch: unknown option -limit"},
      {search_tool, {"--db", db, "--lim", "5", "oil"}, "newssearch: unknown option --lim"},
      {search_tool, {"--db", db, "--bogus", "oil"}, "newssearch: unknown option --bogus"},
      {search_tool, {"--db", db, "--limit", "-5", "oil"}, "--limit must be a whole number"},
      {search_tool, {"--db", db, "--limit=-1", "oil"}, "--limit must be a whole number"},
      {search_tool, {"--db", db, "--offset", "-1", "oil"}, "--offset must be a whole number"},
      {search_tool, {"--db", db, "--facet-limit", "-3", "oil"}, "--facet-limit must be"},
      {search_tool, {"--db", db, "--facet-budget", "-3", "oil"}, "--facet-budget must be"},
      {search_tool, {"--db", db, "--threads", "-2", "oil"}, "--threads must be"},
      {search_tool, {"--db", db, "--limit", "2.5", "oil"}, "--limit must be a whole number"},
      {search_tool, {"--db", db, "--limit", "99999999999999999999999", "oil"}, "--limit is too large"},
      {search_tool, {"--db", db, "oil", "OR"}, "cannot parse the query: 'OR' at character 5 has nothing after it"},
      {search_tool, {"--db", db, "(oil"}, "cannot parse the query: '(' at character 1 is never closed"},
      {search_tool, {"--db", db, "\"oil"}, "cannot parse the query: the quote at character 1 is never closed"},
      {search_tool, {"--db", db, "AND", "oil"}, "cannot parse the query: 'AND' at character 1 has nothing before it"},
      {search_tool, {"--db", db, "oil", ")"}, "cannot parse the query: ')' at character 5 has no '(' before it"},
      {search_tool, {"--db", db, "date:1987-13"}, "cannot parse the query: bad date '1987-13'"},
      {index_tool, {"--db", scratch, "-x", kDataDir}, "newsindex: unknown option -x"},
      {index_tool, {"--db", scratch, "--batch", "5", kDataDir}, "newsindex: unknown option --batch"},
      {index_tool, {"--db", scratch, "--batch-size", "-1", kDataDir}, "--batch-size must be a whole number"},
      {index_tool, {"--db", scratch, "--memory", "-5", kDataDir}, "--memory must be a whole number"},
      {index_tool, {"--db", scratch, "--jobs", "-2", kDataDir}, "--jobs must be a whole number"},
      {index_tool, {"--db", scratch, "-j", "-2", kDataDir}, "--jobs must be a whole number"},
  };
  for (const auto& c : cases) {
    const ProcessResult result = run_process(c.program, c.args);
    INFO(c.args[2] << ' ' << c.args.back() << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(result.err.find('\n') == result.err.size() - 1);  // one line
  }
  CHECK_FALSE(std::filesystem::exists(scratch));
}

TEST_CASE("command line: a dash before a query word still excludes it") {
  const auto with_kyiv = id_set(search(kSampleDb, {"kyiv", "--limit", "0"}));
  const auto with_both = id_set(search(kSampleDb, {"kyiv", "moscow", "--limit", "0"}));
  REQUIRE(with_both.size() < with_kyiv.size());
  REQUIRE_FALSE(with_both.empty());
  std::set<std::string> expected;
  for (const auto& id : with_kyiv) {
    if (with_both.count(id) == 0) expected.insert(id);
  }
  CHECK(id_set(search(kSampleDb, {"kyiv", "-moscow", "--limit", "0"})) == expected);
  CHECK(id_set(search(kSampleDb, {"-moscow", "kyiv", "--limit", "0"})) == expected);
  // After "--" every argument is a query word, even one that looks like an option.
  CHECK(id_set(search(kSampleDb, {"--limit", "0", "--", "kyiv", "-moscow"})) == expected);
}
