// newssearch --timeline, --normalize, --plot, --count and --facet-order on the sample
// database and on a small archive with known dates.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "cli.hpp"

namespace newsdex::testing {
namespace {

using nlohmann::json;

// Periods from one year-end to the next: 2024-12-30 is in ISO week 2025-W01.
constexpr const char* kKnownDates =
    R"({"id":"a","title":"Grain harvest report","body":"grain harvest","date":"2024-12-30"})" "\n"
    R"({"id":"b","title":"Grain prices","body":"grain prices","date":"2025-01-05"})" "\n"
    R"({"id":"c","title":"Steel output","body":"steel output","date":"2025-01-02"})" "\n"
    R"({"id":"d","title":"Grain exports","body":"grain exports","date":"2025-01-20"})" "\n"
    R"({"id":"e","title":"Grain without a date","body":"grain"})" "\n"
    R"({"id":"f","title":"Steel imports","body":"steel imports","date":"2025-03-01"})" "\n";

const std::string& known_dates_db() {
  static const std::string db = [] {
    const std::string suffix = std::to_string(::getpid());
    const std::string path = scratch_path("timeline-db-" + suffix);
    const std::string input = kWorkDir + "/timeline-" + suffix + ".jsonl";
    std::ofstream(input) << kKnownDates;
    (void)index(path, {input});
    return path;
  }();
  return db;
}

// The buckets' counts plus the undated count; checks the periods rise.
std::uint64_t timeline_sum(const json& timeline) {
  std::uint64_t sum = timeline.at("undated").get<std::uint64_t>();
  std::string previous;
  for (const auto& bucket : timeline.at("buckets")) {
    const auto period = bucket.at("period").get<std::string>();
    CHECK(period > previous);
    previous = period;
    sum += bucket.at("count").get<std::uint64_t>();
  }
  return sum;
}

std::vector<std::pair<std::string, std::uint64_t>> buckets(const json& timeline) {
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (const auto& bucket : timeline.at("buckets")) out.emplace_back(bucket["period"], bucket["count"]);
  return out;
}

}  // namespace

TEST_CASE("timeline: every unit sums to the exact total, in time order") {
  const std::vector<std::vector<std::string>> queries = {{"--all"}, {"--person", "Putin"}, {"oil", "OR", "Ukraine"}};
  for (const auto& query : queries) {
    for (const std::string unit : {"day", "week", "month", "year"}) {
      INFO(query.front() << " by " << unit);
      std::vector<std::string> args = query;
      args.insert(args.end(), {"--timeline", unit});
      const json result = search(kSampleDb, args);
      const json& timeline = result.at("timeline");
      CHECK(timeline.at("unit") == unit);
      CHECK(timeline.at("exact") == true);
      CHECK(result.at("total_exact") == true);
      CHECK(timeline_sum(timeline) == result.at("total").get<std::uint64_t>());
      double shares = 0;
      for (const auto& bucket : timeline["buckets"]) shares += bucket["share"].get<double>();
      const double dated = static_cast<double>(result["total"].get<std::uint64_t>() - timeline["undated"].get<std::uint64_t>());
      CHECK(std::abs(shares - dated / result["total"].get<double>()) < 1e-9);
    }
  }
}

TEST_CASE("timeline: empty periods between the first and last, ISO weeks, the undated") {
  const json weeks = search(known_dates_db(), {"grain", "--timeline", "week"}).at("timeline");
  const std::vector<std::pair<std::string, std::uint64_t>> expected_weeks = {
      {"2025-W01", 2}, {"2025-W02", 0}, {"2025-W03", 0}, {"2025-W04", 1}};
  CHECK(buckets(weeks) == expected_weeks);
  CHECK(weeks.at("undated") == 1);
  const json months = search(known_dates_db(), {"--all", "--timeline", "month"}).at("timeline");
  const std::vector<std::pair<std::string, std::uint64_t>> expected_months = {
      {"2024-12", 1}, {"2025-01", 3}, {"2025-02", 0}, {"2025-03", 1}};
  CHECK(buckets(months) == expected_months);
  const json days = search(known_dates_db(), {"grain", "--timeline", "day"}).at("timeline");
  CHECK(days.at("buckets").size() == 22);  // 2024-12-30 … 2025-01-20
  CHECK(days["buckets"][0]["period"] == "2024-12-30");
  CHECK(days["buckets"][21]["period"] == "2025-01-20");
  const json years = search(known_dates_db(), {"grain", "--timeline", "year"}).at("timeline");
  const std::vector<std::pair<std::string, std::uint64_t>> expected_years = {{"2024", 1}, {"2025", 2}};
  CHECK(buckets(years) == expected_years);
  CHECK(years["buckets"][1]["share"].get<double>() == Approx(2.0 / 4));
}

TEST_CASE("timeline --normalize: the share is of the archive's articles in each period") {
  const json timeline = search(known_dates_db(), {"grain", "--timeline", "month", "--normalize"}).at("timeline");
  CHECK(timeline.at("normalized") == true);
  const auto& list = timeline.at("buckets");
  REQUIRE(list.size() == 2);  // 2024-12, 2025-01
  CHECK(list[0]["archive"] == 1);
  CHECK(list[0]["share"].get<double>() == Approx(1.0));
  CHECK(list[1]["archive"] == 3);  // b, c, d
  CHECK(list[1]["share"].get<double>() == Approx(2.0 / 3));
}

TEST_CASE("timeline text: one aligned bar per period within the width, then the undated") {
  const ProcessResult run = run_process(
      "/usr/bin/env", {"COLUMNS=60", kNewssearch, "--db", known_dates_db(), "grain", "--timeline", "week", "--count"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("2025-W01  2  ") != std::string::npos);
  CHECK(run.out.find("2025-W02  0\n") != std::string::npos);
  CHECK(run.out.find("undated: 1\n") != std::string::npos);
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    // "█" takes three bytes and one column.
    std::size_t columns = 0;
    for (const char c : line) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    CHECK(columns <= 60);
  }
}

TEST_CASE("timeline: a bad unit, or --normalize alone, is a usage error") {
  CHECK(run_process(kNewssearch, {"--db", kSampleDb, "--all", "--timeline", "decade"}).exit_code == 2);
  CHECK(run_process(kNewssearch, {"--db", kSampleDb, "--all", "--normalize"}).exit_code == 2);
}

TEST_CASE("plot: --plot writes an SVG chart that parses and renders") {
  const std::string svg = scratch_path("plot") + ".svg";
  const std::string png = svg + ".png";
  const json result = search(kSampleDb, {"Ukraine <&> talks", "--match", "any", "--plot", svg});
  CHECK(result.contains("timeline"));
  const ProcessResult parsed = run_process(
      "/usr/bin/env", {"python3", "-c",
                  "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
                  "print(d.getElementsByTagName('text')[0].firstChild.data); "
                  "print(len(d.getElementsByTagName('rect')))",
                  svg});
  REQUIRE(parsed.exit_code == 0);
  CHECK(parsed.out.rfind("Ukraine <&> talks\n", 0) == 0);  // the title is the query
  const ProcessResult rendered = run_process("/usr/bin/env", {"rsvg-convert", "-o", png, svg});
  REQUIRE(rendered.exit_code == 0);
  CHECK(std::filesystem::file_size(png) > 2000);
  CHECK(run_process(kNewssearch, {"--db", kSampleDb, "--all", "--plot", "/nonexistent/dir/x.svg"}).exit_code == 2);
}

TEST_CASE("count: --count gives the exact total and facets without a result list") {
  const json all = search(kSampleDb, {"--all", "--limit", "0"});
  const json counted = search(kSampleDb, {"oil", "OR", "Ukraine", "--count", "--facets"});
  CHECK(counted.at("results").empty());
  CHECK(counted.at("total_exact") == true);
  CHECK(counted.contains("facets"));
  const json listed = search(kSampleDb, {"oil", "OR", "Ukraine", "--limit", "0"});
  CHECK(counted.at("total") == listed.at("results").size());
  const ProcessResult text = run_process(kNewssearch, {"--db", kSampleDb, "--all", "--count"});
  CHECK(text.out == std::to_string(all["results"].size()) + " articles\n");
}

TEST_CASE("facets: months in date order, then the undated count") {
  const json result = search(kSampleDb, {"--all", "--facets", "--facet-limit", "1000", "--count"});
  std::uint64_t dated = 0;
  std::string previous;
  for (const auto& month : result.at("facets").at("month")) {
    CHECK(month["value"].get<std::string>() > previous);
    previous = month["value"];
    dated += month["count"].get<std::uint64_t>();
  }
  const json timeline = search(kSampleDb, {"--all", "--timeline", "month"}).at("timeline");
  CHECK(result.at("facets_undated") == timeline.at("undated"));
  CHECK(dated + result["facets_undated"].get<std::uint64_t>() == result["total"].get<std::uint64_t>());
}

TEST_CASE("significance: --facet-order significance ranks values by JLH over the archive, with a minimum count") {
  const json archive = search(kSampleDb, {"--all", "--count"});
  const double archive_size = archive["total"].get<double>();
  const json result = search(kSampleDb, {"--person", "Putin", "--facets", "--facet-order", "significance", "--count"});
  CHECK(result.at("facet_order") == "significance");
  const double matches = result.at("facets_counted").get<double>();
  const auto& persons = result.at("facets").at("person");
  REQUIRE(!persons.empty());
  double previous = 1e300;
  bool saw_putin = false;
  for (const auto& person : persons) {
    const double count = person["count"].get<double>();
    const double in_archive = person["archive"].get<double>();
    CHECK(count >= 3);
    CHECK(in_archive >= count);
    const double fg = count / matches;
    const double bg = in_archive / archive_size;
    CHECK(person["score"].get<double>() == Approx((fg - bg) * fg / bg));
    CHECK(person["score"].get<double>() <= previous);
    previous = person["score"];
    saw_putin = saw_putin || person["value"] == "Vladimir Putin";
  }
  CHECK(saw_putin);
  // A lower minimum lets rarer companions in; the default leaves them out.
  const json lower = search(kSampleDb, {"--person", "Putin", "--facets", "--facet-order", "significance",
                                        "--facet-min-count", "1", "--count"});
  CHECK(lower["facets"]["person"].size() > persons.size());
  CHECK(run_process(kNewssearch, {"--db", kSampleDb, "--all", "--facets", "--facet-order", "lift"}).exit_code == 2);
}

}  // namespace newsdex::testing
