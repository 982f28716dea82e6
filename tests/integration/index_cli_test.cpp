// newsindex end to end: summaries, idempotent re-indexing, broken inputs, standard input.
#include <catch2/catch.hpp>

#include "cli.hpp"

using namespace newsdex::testing;

TEST_CASE("index: data/ indexes cleanly and re-indexing keeps the count") {
  const std::string db = scratch_path("reindex-db");
  const std::size_t articles = count_articles(kDataDir);
  REQUIRE(articles >= 40);

  const IndexRun first = index(db, {kDataDir});
  INFO(first.process.err);
  CHECK(first.process.exit_code == 0);
  CHECK(first.process.err.empty());
  CHECK(first.summary.at("added") == articles);
  CHECK(first.summary.at("replaced") == 0);
  CHECK(first.summary.at("skipped") == 0);
  CHECK(first.summary.at("documents") == articles);
  CHECK(first.summary.at("without_date").get<std::size_t>() < articles);

  // Unchanged files are recognized and not read again.
  const IndexRun second = index(db, {kDataDir});
  CHECK(second.process.exit_code == 0);
  CHECK(second.summary.at("added") == 0);
  CHECK(second.summary.at("replaced") == 0);
  CHECK(second.summary.at("unchanged_files").get<std::size_t>() > 30);
  CHECK(second.summary.at("documents") == articles);

  // --force reads them all again, replacing every article by its id.
  const IndexRun forced = index(db, {"--force", kDataDir});
  CHECK(forced.process.exit_code == 0);
  CHECK(forced.summary.at("added") == 0);
  CHECK(forced.summary.at("replaced") == articles);
  CHECK(forced.summary.at("unchanged_files") == 0);
  CHECK(forced.summary.at("documents") == articles);
}

TEST_CASE("index: broken inputs are reported by file and line, the rest is indexed") {
  const std::string db = scratch_path("broken-db");
  const IndexRun run = index(db, {kBrokenDir, kBrokenDir + "/notes.csv", kBrokenDir + "/missing.txt"});
  const std::string& err = run.process.err;
  INFO(err);
  CHECK(run.process.exit_code == 1);
  CHECK(err.find("mixed.jsonl:2: ") != std::string::npos);
  CHECK(err.find("mixed.jsonl:3: expected a JSON object") != std::string::npos);
  CHECK(err.find("mixed.jsonl:4: ") != std::string::npos);
  CHECK(err.find("\"title\"") != std::string::npos);
  CHECK(err.find("mixed.jsonl:7: ") != std::string::npos);
  CHECK(err.find("empty.txt: ") != std::string::npos);
  CHECK(err.find("notes.csv: unknown file type") != std::string::npos);
  CHECK(err.find("missing.txt: no such file or directory") != std::string::npos);
  // The blank line 5 is not an error; the impossible date of line 6 only loses the date.
  CHECK(err.find("mixed.jsonl:5") == std::string::npos);
  CHECK(err.find("mixed.jsonl:6: date '0000-00-00' not understood; indexed without a date") !=
        std::string::npos);

  CHECK(run.summary.at("added") == 4);  // broken-1, broken-6, broken-8, cycle-lanes.txt
  CHECK(run.summary.at("skipped") == 7);
  CHECK(run.summary.at("without_date") == 2);  // broken-6 and cycle-lanes.txt
  CHECK(run.summary.at("documents") == 4);

  const auto found = search(db, {"--all"});
  CHECK(found.at("total") == 4);
  CHECK(search(db, {"cycle", "lanes"}).at("results").size() == 1);
}

TEST_CASE("index: JSON Lines on standard input") {
  const std::string db = scratch_path("stdin-db");
  const std::string input =
      "{\"id\": \"s1\", \"headline\": \"Tram line opens\", \"content\": \"The new tram line opened.\"}\n"
      "{\"guid\": \"s2\", \"title\": \"Bridge closes\", \"text\": \"The old bridge closed for repairs.\"}\n";
  const ProcessResult result = run_process(kNewsindex, {"--db", db, "--json", "-"}, input);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(result.out);
  CHECK(summary.at("added") == 2);
  CHECK(ids(search(db, {"tram"})) == std::vector<std::string>{"s1"});
  CHECK(ids(search(db, {"bridge"})) == std::vector<std::string>{"s2"});
}

TEST_CASE("index: the same id twice in one run yields one document") {
  const std::string db = scratch_path("duplicate-db");
  const std::string input =
      "{\"id\": \"d1\", \"title\": \"First version\", \"body\": \"Early text.\"}\n"
      "{\"id\": \"d1\", \"title\": \"Corrected version\", \"body\": \"Corrected text.\"}\n";
  const ProcessResult result = run_process(kNewsindex, {"--db", db, "--json", "-"}, input);
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(result.out);
  CHECK(summary.at("added") == 1);
  CHECK(summary.at("replaced") == 1);
  CHECK(summary.at("documents") == 1);
  const auto found = search(db, {"--all"});
  CHECK(found["results"][0]["title"] == "Corrected version");
}

namespace {

// JSON Lines of about 3 MB: three of newsindex's input chunks of about 1 MB. The first
// versions of ids v0-v9 come late in the first chunk and their corrections early in the
// second, so with several workers the corrections are ready long before the first versions.
std::string versions_across_chunks(const std::string& id_prefix) {
  const std::string filler_body(1000, 'x');
  std::string input;
  int filler = 0;
  const auto add_filler = [&](std::size_t until_bytes) {
    while (input.size() < until_bytes) {
      input += "{\"id\": \"" + id_prefix + "f" + std::to_string(filler++) +
               "\", \"title\": \"Filler\", \"body\": \"" + filler_body + "\"}\n";
    }
  };
  const auto add_versions = [&](const std::string& version) {
    for (int i = 0; i < 10; ++i) {
      input += "{\"id\": \"" + id_prefix + "v" + std::to_string(i) + "\", \"title\": \"" +
               version + " version\", \"body\": \"Revised text.\"}\n";
    }
  };
  add_filler(700 << 10);
  add_versions("First");
  add_filler(1100 << 10);
  add_versions("Corrected");
  add_filler(3 << 20);
  return input;
}

}  // namespace

TEST_CASE("index: with several workers the last version of an id wins, across input chunks") {
  const std::string db = scratch_path("versions-db");
  // A first build (shards written in parallel), then a run into the database it made (one
  // writer, several workers).
  int runs = 0;
  for (const std::string id_prefix : {"a", "b"}) {
    const ProcessResult result = run_process(
        kNewsindex, {"--db", db, "--json", "--jobs", "4", "--no-entities", "-"},
        versions_across_chunks(id_prefix));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out).at("replaced") == 10);
    ++runs;
    CHECK(search(db, {"corrected"}).at("total") == 10 * runs);
    CHECK(search(db, {"first"}).at("total") == 0);
  }
}

TEST_CASE("index: facet values stay one value across runs, spelled as first indexed") {
  const std::string db = scratch_path("facets-across-runs-db");
  const auto run = [&](const std::string& input) {
    const ProcessResult result = run_process(kNewsindex, {"--db", db, "--json", "-"}, input);
    REQUIRE(result.exit_code == 0);
  };
  // The first run is a first build (shards merged), the later ones add to the database.
  run("{\"id\": \"a1\", \"title\": \"Grain\", \"body\": \"Wheat.\", \"source\": \"Harbor Daily\"}\n"
      "{\"id\": \"a2\", \"title\": \"Grain\", \"body\": \"Corn.\", \"source\": \"Harbor Daily\"}\n");
  run("{\"id\": \"a3\", \"title\": \"Grain\", \"body\": \"Rye.\", \"source\": \"HARBOR DAILY\"}\n"
      "{\"id\": \"a4\", \"title\": \"Grain\", \"body\": \"Oats.\", \"source\": \"Valley Wire\"}\n");
  run("{\"id\": \"a5\", \"title\": \"Grain\", \"body\": \"Barley.\", \"source\": \"valley wire\"}\n"
      "{\"id\": \"a2\", \"title\": \"Grain\", \"body\": \"Millet.\", \"source\": \"Valley Wire\"}\n");
  const auto found = search(db, {"grain", "--facets"});
  CHECK(found.at("total") == 5);
  CHECK(found.at("facets_exact") == true);
  const auto& sources = found.at("facets").at("source");
  REQUIRE(sources.size() == 2);
  CHECK(sources[0].at("value") == "Valley Wire");  // a2 moved to it
  CHECK(sources[0].at("count") == 3);
  CHECK(sources[1].at("value") == "Harbor Daily");
  CHECK(sources[1].at("count") == 2);
  CHECK(search(db, {"--source", "harbor daily", "--all"}).at("total") == 2);
}

TEST_CASE("index: usage errors exit 2 with one message") {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::string db = scratch_path("usage-db");
  const std::vector<Case> cases = {
      {{kDataDir}, "--db"},
      {{"--db", db}, "no INPUT given"},
      {{"--db", db, "--format", "xml", kDataDir}, "--format"},
      {{"--db", db, "--bogus", kDataDir}, "bogus"},
  };
  for (const auto& c : cases) {
    const ProcessResult result = run_process(kNewsindex, c.args);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind("newsindex: ", 0) == 0);
    CHECK(result.err.find(c.message) != std::string::npos);
  }
}
