// Stories and copies in an archive sharded by period (newsindex --shard-by): placed within
// each shard as in a single database, and counted per story by newssearch --collapse.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "article_fixtures.hpp"
#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using Groups = std::set<std::set<std::string>>;

struct Placed {
  std::string story;
  json copy_of;
  std::string period;  // "YYYY-MM", or "undated"
};

void index_ok(const std::string& db, const std::vector<std::string>& args) {
  const IndexRun run = index(db, args);
  INFO(run.process.err);
  REQUIRE(run.process.exit_code == 0);
}

// Every article of db by id: its story, its original, its month.
std::map<std::string, Placed> placements(const std::string& db) {
  std::map<std::string, Placed> placed;
  const json all = search(db, {"--all", "--limit", "0"});
  for (const auto& hit : all.at("results")) {
    const json& date = hit.at("date");
    placed[hit.at("id").get<std::string>()] = {hit.at("story").at("id").get<std::string>(), hit.at("copy_of"),
                                               date.is_null() ? "undated" : date.get<std::string>().substr(0, 7)};
  }
  return placed;
}

// The stories as sets of ids; with split, each story cut where its articles' periods differ.
Groups groups_of(const std::map<std::string, Placed>& placed, bool split) {
  std::map<std::string, std::set<std::string>> by_story;
  for (const auto& [id, where] : placed) by_story[where.story + (split ? "/" + where.period : "")].insert(id);
  Groups groups;
  for (auto& [story, members] : by_story) groups.insert(std::move(members));
  return groups;
}

std::size_t largest(const Groups& groups) {
  std::size_t most = 0;
  for (const auto& group : groups) most = std::max(most, group.size());
  return most;
}

}  // namespace

TEST_CASE("shard stories: data/ by month has the single database's stories and copies, split at month ends") {
  const std::string single = scratch_path("shard-stories/single");
  const std::string sharded = scratch_path("shard-stories/month");
  // data/ holds no copies: a copy of a wire article joins it, on the next day.
  const fs::path extra = scratch_path("shard-stories/extra");
  write_jsonl_lines(extra / "copies.jsonl", {jsonl_article("copy-of-wire-3", "2025-11-04", "Factories grow",
                                                           syndicated_rewrite(sample_wire_body(3)))});
  index_ok(single, {"--quiet", kDataDir, extra.string()});
  index_ok(sharded, {"--quiet", "--shard-by", "month", kDataDir, extra.string()});

  const auto in_single = placements(single);
  const auto in_shards = placements(sharded);
  REQUIRE(in_shards.size() == in_single.size());
  for (const auto& [id, where] : in_single) {
    INFO(id);
    CHECK(in_shards.at(id).copy_of == where.copy_of);
  }
  CHECK(in_shards.at("copy-of-wire-3").copy_of.is_string());
  CHECK(in_shards.at("copy-of-wire-3").story == in_shards.at(in_shards.at("copy-of-wire-3").copy_of).story);
  // Stories end at a shard's edge, and nowhere else.
  const Groups expected = groups_of(in_single, true);
  CHECK(groups_of(in_shards, false) == expected);
  CHECK(groups_of(in_shards, true) == expected);
  // Not a check of one-article stories only: some stories group several articles.
  CHECK(largest(expected) >= 2);
  // Story ids stay unique across shards: a story's articles are all in one period.
  std::map<std::string, std::set<std::string>> periods;
  for (const auto& [id, where] : in_shards) periods[where.story].insert(where.period);
  for (const auto& [story, in] : periods) CHECK(in.size() == 1);
}

TEST_CASE("shard stories: a copy indexed in a later run joins its original in its shard") {
  const std::string db = scratch_path("shard-stories/later-db");
  const fs::path inputs = scratch_path("shard-stories/later-in");
  const std::string body = sample_wire_body(1);
  write_jsonl_lines(inputs / "first.jsonl", {jsonl_article("orig-1", "2025-10-03", "Polls open", body),
                                             jsonl_article("other-1", "2025-10-03", "Storm", sample_wire_body(4))});
  index_ok(db, {"--quiet", "--shard-by", "month", (inputs / "first.jsonl").string()});
  write_jsonl_lines(inputs / "later.jsonl",
                    {jsonl_article("copy-1", "2025-10-04", "Czechs vote", syndicated_rewrite(body)),
                     jsonl_article("copy-2", "2025-10-05", "Czech vote", syndicated_rewrite(body))});
  index_ok(db, {"--quiet", "--shard-by", "month", (inputs / "later.jsonl").string()});

  const auto placed = placements(db);
  CHECK(placed.at("copy-1").copy_of == "orig-1");
  CHECK(placed.at("copy-2").copy_of == "orig-1");
  CHECK(placed.at("orig-1").copy_of.is_null());
  CHECK(placed.at("copy-1").story == placed.at("orig-1").story);
  CHECK(placed.at("copy-2").story == placed.at("orig-1").story);
  CHECK(placed.at("other-1").story != placed.at("orig-1").story);
  const json story = search(db, {"--story", placed.at("orig-1").story});
  CHECK(id_set(story) == std::set<std::string>{"orig-1", "copy-1", "copy-2"});
}

TEST_CASE("shard stories: --collapse over month shards counts stories and their facets as one database does") {
  const std::string single = scratch_path("shard-stories/collapse-single");
  const std::string sharded = scratch_path("shard-stories/collapse-month");
  const fs::path inputs = scratch_path("shard-stories/collapse-in");
  write_month_stories(inputs / "stories.jsonl");
  index_ok(single, {"--quiet", inputs.string()});
  index_ok(sharded, {"--quiet", "--shard-by", "month", inputs.string()});
  // A stub file naming the shards, as a user writes one.
  const std::string stub = scratch_path("shard-stories/collapse-stub");
  std::ofstream(stub) << "auto " << sharded << "/2025-10\nauto " << sharded << "/2025-11\nauto " << sharded
                      << "/2025-12\n";

  const std::vector<std::vector<std::string>> queries = {
      {"--all", "--collapse", "--facets", "--facet-limit", "50", "--limit", "0"},
      {"--all", "--collapse", "--limit", "3"},
      {"election", "OR", "storm", "OR", "funding", "--collapse", "--facets", "--timeline", "month"},
      {"--from", "2025-11", "--collapse", "--facets", "--count"},
  };
  for (const auto& query : queries) {
    INFO("query: " << json(query).dump());
    const json expected = search(single, query);
    REQUIRE(expected.at("counted") == "stories");
    for (const std::string& db : {sharded, stub}) {
      INFO("db: " << db);
      const json answer = search(db, query);
      CHECK(answer.at("counted") == "stories");
      CHECK(answer.at("total") == expected.at("total"));
      CHECK(answer.at("total_exact") == expected.at("total_exact"));
      CHECK(answer.at("results").size() == expected.at("results").size());
      CHECK(answer.value("facets", json()) == expected.value("facets", json()));
      CHECK(answer.value("facets_counted", json()) == expected.value("facets_counted", json()));
      CHECK(answer.value("facets_exact", json()) == expected.value("facets_exact", json()));
      CHECK(answer.value("facets_undated", json()) == expected.value("facets_undated", json()));
      CHECK(answer.value("facet_counts", json()) == expected.value("facet_counts", json()));
      CHECK(answer.value("timeline", json()) == expected.value("timeline", json()));
    }
  }
  // Six stories of two articles each: the counts are of stories.
  const json all = search(sharded, {"--all", "--collapse", "--facets"});
  CHECK(all.at("total") == 6);
  CHECK(all.at("facets_counted") == 6);
  CHECK(all.at("facet_counts") == "stories");
}
