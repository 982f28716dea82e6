// newsindex and newssearch on the real corpora in ../shared/corpora (BBC and Reuters-21578).
// Exits with kSkipped, which ctest reports as skipped, when the corpora are absent.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kSkipped = 77;
const fs::path kCorpora = NEWSDEX_CORPORA_DIR;
const fs::path kBbc = kCorpora / "bbc";
const fs::path kReuters = kCorpora / "reuters21578" / "reuters21578.jsonl";

// Reuters records with neither title nor body (their text is only in "unproc_text") are
// rejected; every other line is an article.
std::size_t reuters_articles_with_text() {
  std::ifstream in(kReuters);
  std::string line;
  std::size_t count = 0;
  while (std::getline(in, line)) {
    const json record = json::parse(line);
    if (!record.value("title", "").empty() || !record.value("body", "").empty()) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("corpus: the BBC set indexes completely and answers searches") {
  const std::string db = scratch_path("bbc-db");
  const IndexRun run = index(db, {"--quiet", kBbc.string()});
  CHECK(run.process.exit_code == 0);
  CHECK(run.summary.at("added") == 2225);
  CHECK(run.summary.at("skipped") == 0);
  CHECK(run.summary.at("documents") == 2225);

  // sport/199.txt holds a Latin-1 pound sign; it is repaired, not rejected.
  const json chelsea = search(db, {"title:mutu", "--limit", "0"});
  const auto paths = ids(chelsea);
  CHECK(std::find(paths.begin(), paths.end(), "sport/199.txt") != paths.end());

  const json phrase = search(db, {"\"maternity pay\""});
  REQUIRE_FALSE(phrase.at("results").empty());
  CHECK(phrase["results"][0]["snippet"].get<std::string>().find("**maternity pay**") != std::string::npos);
}

TEST_CASE("corpus: Reuters-21578 indexes every article with text and filters by date") {
  const std::string db = scratch_path("reuters-db");
  const IndexRun run = index(db, {"--quiet", kReuters.string()});
  const std::size_t expected = reuters_articles_with_text();
  CHECK(run.process.exit_code == 1);  // the records without text are reported
  CHECK(run.summary.at("added") == expected);
  CHECK(run.summary.at("skipped") == 21578 - expected);
  // Records without text are "no text", not parse errors.
  CHECK(run.summary.at("skipped_reasons") == json({{"no text", 21578 - expected}}));
  CHECK(run.summary.at("without_date") == 0);
  CHECK(run.summary.at("documents") == expected);

  const json cocoa = search(db, {"cocoa", "--limit", "3"});
  REQUIRE(cocoa.at("results").size() == 3);
  for (const auto& hit : cocoa["results"]) {
    CHECK(hit["title"].get<std::string>().find("COCOA") != std::string::npos);
  }

  const json march = search(db, {"--from", "1987-03", "--to", "1987-03", "--limit", "0", "--facets"});
  CHECK(march.at("total_exact") == true);
  CHECK(march.at("total").get<std::size_t>() > 1000);
  for (const auto& hit : march["results"]) CHECK(hit["date"].get<std::string>().rfind("1987-03", 0) == 0);
  CHECK(march["facets"]["month"].size() == 1);
  CHECK(march["facets"]["month"][0]["count"] == march["total"]);
  CHECK(march.at("facets_exact") == true);

  // The total is the number of matches, whatever the page: not an estimate that moves
  // with --limit.
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"oil", "prices", "OPEC"}, {"Greenspan", "--from", "1987-10"}}) {
    std::vector<std::string> every = query;
    every.insert(every.end(), {"--limit", "0"});
    const std::size_t matches = search(db, every).at("results").size();
    for (const std::string limit : {"1", "5", "20"}) {
      INFO(query.front() << " --limit " << limit);
      std::vector<std::string> page = query;
      page.insert(page.end(), {"--limit", limit});
      const json result = search(db, page);
      CHECK(result.at("total") == matches);
      CHECK(result.at("total_exact") == true);
    }
  }

  // Past the facet budget the counts cover part of the matches, and the output says so.
  const json partial = search(db, {"said", "--facets", "--facet-budget", "100"});
  CHECK(partial.at("facets_exact") == false);
  std::size_t counted = 0;
  for (const auto& entry : partial["facets"]["month"]) counted += entry["count"].get<std::size_t>();
  CHECK(counted < partial.at("total").get<std::size_t>());
}

int main(int argc, char** argv) {
  if (!fs::is_directory(kBbc) || !fs::is_regular_file(kReuters)) {
    std::cout << "skipped: no corpora at " << kCorpora << '\n';
    return kSkipped;
  }
  return Catch::Session().run(argc, argv);
}
