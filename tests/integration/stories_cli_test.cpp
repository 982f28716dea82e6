// newssearch --show and --like, and copies found at index time (README "Reading an article",
// "Copies").
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <vector>

#include "article_fixtures.hpp"
#include "cli.hpp"

namespace fs = std::filesystem;
using namespace newsdex::testing;
using nlohmann::json;

namespace {

json shown(const std::string& db, const std::string& id) {
  const ProcessResult run = run_process(kNewssearch, {"--db", db, "--json", "--show", id});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return json::parse(run.out);
}

}  // namespace

TEST_CASE("stories: --show prints a whole article read from JSON Lines") {
  const std::string db = scratch_path("stories-show-db");
  const fs::path inputs = scratch_path("stories-show-in");
  write_jsonl_lines(inputs / "a.jsonl", {jsonl_article("2", "2025-10-03", "Feed A story", sample_wire_body())});
  write_jsonl_lines(inputs / "b.jsonl", {jsonl_article("2", "2025-10-04", "Feed B story", "Another text entirely, short.")});
  REQUIRE(index(db, {inputs.string()}).process.exit_code == 0);

  // The bare id "2" is in both feeds: both are named, and PATH#ID picks one.
  const ProcessResult ambiguous = run_process(kNewssearch, {"--db", db, "--show", "2"});
  CHECK(ambiguous.exit_code == 2);
  CHECK(ambiguous.err.find("a.jsonl#2") != std::string::npos);
  CHECK(ambiguous.err.find("b.jsonl#2") != std::string::npos);
  const json a = shown(db, "a.jsonl#2");
  CHECK(a.at("title") == "Feed A story");
  CHECK(a.at("body") == sample_wire_body());
  CHECK(a.at("date") == "2025-10-03");
  CHECK(a.at("path") == "a.jsonl");
  CHECK(a.at("copy_of").is_null());
  CHECK(a.at("places").is_array());

  const ProcessResult text = run_process(kNewssearch, {"--db", db, "--show", "b.jsonl#2"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Feed B story") == 0);
  CHECK(text.out.find("Another text entirely, short.") != std::string::npos);

  const ProcessResult missing = run_process(kNewssearch, {"--db", db, "--show", "3"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no article has the id '3'") != std::string::npos);
}

TEST_CASE("stories: a rewritten copy indexed in a later run joins its original") {
  const std::string db = scratch_path("stories-copy-db");
  const fs::path inputs = scratch_path("stories-copy-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "first.jsonl", {jsonl_article("orig-1", "2025-10-03", "Polls open", body),
                                       jsonl_article("other-1", "2025-10-03", "Unrelated", std::string(
      "Farmers in the northern valley reported an early harvest of apples and pears this week, "
      "with cooperative managers saying cooler nights had improved the colour of the fruit and "
      "that prices at the regional market were holding steady despite higher transport costs "
      "and a shortage of seasonal pickers willing to travel from the south for the work."))});
  REQUIRE(index(db, {(inputs / "first.jsonl").string()}).process.exit_code == 0);
  write_jsonl_lines(inputs / "later.jsonl", {jsonl_article("copy-1", "2025-10-04", "Czechs vote", syndicated_rewrite(body))});
  REQUIRE(index(db, {(inputs / "later.jsonl").string()}).process.exit_code == 0);

  CHECK(shown(db, "copy-1").at("copy_of") == "orig-1");
  CHECK(shown(db, "orig-1").at("copy_of").is_null());
  CHECK(shown(db, "other-1").at("copy_of").is_null());
  const json results = search(db, {"--all"});
  for (const auto& hit : results.at("results")) {
    CHECK(hit.contains("copy_of"));
    CHECK(hit.at("copy_of") == (hit.at("id") == "copy-1" ? json("orig-1") : json(nullptr)));
  }
  // Related articles leave the copy out.
  const std::vector<std::string> related = ids(search(db, {"--like", "orig-1"}));
  CHECK(std::find(related.begin(), related.end(), "copy-1") == related.end());
  CHECK(std::find(related.begin(), related.end(), "orig-1") == related.end());
}

TEST_CASE("stories: a copy indexed before its original is linked once the original comes") {
  const std::string db = scratch_path("stories-early-copy-db");
  const fs::path inputs = scratch_path("stories-early-copy-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "copy.jsonl", {jsonl_article("copy-2", "2025-10-05", "Czechs vote", syndicated_rewrite(body))});
  REQUIRE(index(db, {(inputs / "copy.jsonl").string()}).process.exit_code == 0);
  CHECK(shown(db, "copy-2").at("copy_of").is_null());
  write_jsonl_lines(inputs / "orig.jsonl", {jsonl_article("orig-2", "2025-10-03", "Polls open", body)});
  REQUIRE(index(db, {(inputs / "orig.jsonl").string()}).process.exit_code == 0);
  CHECK(shown(db, "copy-2").at("copy_of") == "orig-2");
  CHECK(shown(db, "orig-2").at("copy_of").is_null());
}

TEST_CASE("stories: a copy cut to its first paragraphs is a copy, whatever the input order") {
  // The same day for both: the shorter text is the copy, though it comes first and its id
  // sorts first, with one writer or several.
  const std::string body = sample_wire_body(3);
  std::string cut;
  std::size_t paragraph = 0;
  for (int kept = 0; kept < 6; ++kept) paragraph = body.find('\n', paragraph + 1);
  cut = body.substr(0, paragraph) + "\n(Editing by the Metro desk)";
  for (const char* jobs : {"1", "2"}) {
    const std::string db = scratch_path(std::string("stories-cut-copy-db-") + jobs);
    const fs::path inputs = scratch_path(std::string("stories-cut-copy-in-") + jobs);
    write_jsonl_lines(inputs / "feed.jsonl",
                      {jsonl_article("a-cut", "2025-10-03", "Budget passes", cut),
                       jsonl_article("z-full", "2025-10-03", "Parliament passes the budget", body)});
    REQUIRE(index(db, {inputs.string(), "--jobs", jobs}).process.exit_code == 0);
    INFO("--jobs " << jobs);
    CHECK(shown(db, "a-cut").at("copy_of") == "z-full");
    CHECK(shown(db, "z-full").at("copy_of").is_null());
  }
}

TEST_CASE("stories: an updated article whose text changed loses its copies") {
  const std::string db = scratch_path("stories-update-db");
  const fs::path inputs = scratch_path("stories-update-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "orig.jsonl", {jsonl_article("orig-3", "2025-10-03", "Polls open", body)});
  write_jsonl_lines(inputs / "copy.jsonl", {jsonl_article("copy-3", "2025-10-04", "Czechs vote", syndicated_rewrite(body))});
  REQUIRE(index(db, {inputs.string()}).process.exit_code == 0);
  CHECK(shown(db, "copy-3").at("copy_of") == "orig-3");
  write_jsonl_lines(inputs / "orig.jsonl", {jsonl_article("orig-3", "2025-10-03", "Polls open (corrected)",
      "The election story was withdrawn and replaced by a brief note about the weather in the "
      "capital, where forecasters expect rain on Saturday, light winds from the west and "
      "temperatures a little below the seasonal average for the rest of the coming week, before "
      "a dry and sunny spell arrives from the south over the following weekend.")});
  REQUIRE(index(db, {inputs.string()}).process.exit_code == 0);
  CHECK(shown(db, "orig-3").at("title") == "Polls open (corrected)");
  CHECK(shown(db, "copy-3").at("copy_of").is_null());
}

TEST_CASE("stories: a first build links the same copies as runs into an archive") {
  // A first build links copies in one pass over the whole database; a run into an archive
  // article by article. Copies of several kinds, in several orders, come out the same.
  const auto cut = [](const std::string& body, int paragraphs) {
    std::size_t end = 0;
    for (int kept = 0; kept < paragraphs; ++kept) end = body.find('\n', end + 1);
    return body.substr(0, end) + "\n(Editing by the Metro desk)";
  };
  const std::vector<json> feed{
      jsonl_article("early-copy", "2025-10-09", "Copy first", syndicated_rewrite(sample_wire_body(3))),
      jsonl_article("orig-a", "2025-10-03", "First original", sample_wire_body(1)),
      jsonl_article("copy-a", "2025-10-04", "Rewritten", syndicated_rewrite(sample_wire_body(1))),
      jsonl_article("cut-b", "2025-10-05", "Cut short", cut(sample_wire_body(2), 6)),
      jsonl_article("orig-b", "2025-10-05", "Second original", sample_wire_body(2)),
      jsonl_article("orig-c", "2025-10-06", "Third original", sample_wire_body(3)),
      jsonl_article("copy-d1", "2025-10-08", "Fourth, rewritten", syndicated_rewrite(sample_wire_body(4))),
      jsonl_article("orig-d", "2025-10-07", "Fourth original", sample_wire_body(4)),
      jsonl_article("copy-d2", "2025-10-07", "Fourth, cut", cut(sample_wire_body(4), 5)),
      jsonl_article("alone", "2025-10-07", "Unrelated", sample_wire_body(5)),
  };
  const std::map<std::string, json> expected{
      {"early-copy", "orig-c"}, {"orig-a", nullptr}, {"copy-a", "orig-a"}, {"cut-b", "orig-b"},
      {"orig-b", nullptr},      {"orig-c", nullptr}, {"copy-d1", "orig-d"}, {"orig-d", nullptr},
      {"copy-d2", "orig-d"},    {"alone", nullptr}};
  const auto check_links = [&](const std::string& db) {
    for (const auto& [id, original] : expected) {
      INFO(id);
      const json article = shown(db, id);
      CHECK(article.at("copy_of") == original);
      if (!original.is_null()) CHECK(article.at("story") == shown(db, original.get<std::string>()).at("story"));
    }
  };
  for (const char* jobs : {"1", "2"}) {
    INFO("a first build, --jobs " << jobs);
    const std::string db = scratch_path(std::string("stories-bulk-db-") + jobs);
    const fs::path inputs = scratch_path(std::string("stories-bulk-in-") + jobs);
    write_jsonl_lines(inputs / "feed.jsonl", feed);
    REQUIRE(index(db, {inputs.string(), "--jobs", jobs}).process.exit_code == 0);
    check_links(db);
  }
  {
    INFO("into an archive");
    const std::string db = scratch_path("stories-archive-db");
    const fs::path inputs = scratch_path("stories-archive-in");
    write_jsonl_lines(inputs / "seed.jsonl", {jsonl_article("seed", "2025-09-01", "Seed", sample_wire_body(6))});
    REQUIRE(index(db, {(inputs / "seed.jsonl").string()}).process.exit_code == 0);
    write_jsonl_lines(inputs / "feed.jsonl", feed);
    REQUIRE(index(db, {(inputs / "feed.jsonl").string()}).process.exit_code == 0);
    check_links(db);
  }
  {
    INFO("into an archive, one article a run");
    const std::string db = scratch_path("stories-trickle-db");
    const fs::path inputs = scratch_path("stories-trickle-in");
    for (std::size_t i = 0; i < feed.size(); ++i) {
      const fs::path file = inputs / ("feed-" + std::to_string(i) + ".jsonl");
      write_jsonl_lines(file, {feed[i]});
      REQUIRE(index(db, {file.string()}).process.exit_code == 0);
    }
    check_links(db);
  }
}
