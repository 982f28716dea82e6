// Unit tests for a first build through run_indexer: writers that rotate through many small
// shards build the database one shard per writer builds.
#include "indexer/indexer.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/exit_codes.hpp"
#include "common/schema.hpp"
#include "searcher/searcher.hpp"

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

const fs::path kWorkDir = fs::path(NEWSDEX_UNIT_WORK_DIR) / "indexer";

struct Version {
  std::string id;
  std::string title;
  std::string source;
  std::string body;
};

// 30 ids in 42 records: r20 twice in a row, then r0 to r9 again from another source, by
// when a writer with 3-article shards has moved past the shards holding them, and r3 a third
// time.
std::vector<Version> archive() {
  const auto version = [](int id, int number, const std::string& source, const std::string& body) {
    const std::string name = "r" + std::to_string(id);
    return Version{name, "Report " + name + " version " + std::to_string(number), source, body};
  };
  const std::string paris = "President Emmanuel Macron spoke in Paris about the budget.";
  const std::string berlin = "Chancellor Olaf Scholz spoke in Berlin about the budget.";
  std::vector<Version> versions;
  for (int id = 0; id < 30; ++id) {
    versions.push_back(version(id, 1, "Harbor Daily", paris));
    if (id == 20) versions.push_back(version(id, 2, "Harbor Daily", berlin));
  }
  for (int id = 0; id < 10; ++id) versions.push_back(version(id, 2, "Valley Wire", berlin));
  versions.push_back(version(3, 3, "Lakeside Tribune", paris));
  return versions;
}

void write_jsonl(const fs::path& path, const std::vector<Version>& versions) {
  std::ofstream out(path);
  for (const auto& v : versions) {
    out << nlohmann::json{{"id", v.id}, {"title", v.title}, {"source", v.source}, {"body", v.body}}
               .dump()
        << '\n';
  }
}

// Indexes input into a new database; the parsed summary.
nlohmann::json build(const std::string& db, const fs::path& input, std::size_t jobs,
                     std::size_t shard_documents) {
  fs::remove_all(db);
  IndexerOptions options;
  options.db_path = db;
  options.inputs = {input.string()};
  options.jobs = jobs;
  options.shard_documents = shard_documents;
  options.json_summary = true;
  options.quiet = true;
  std::ostringstream out;
  std::ostringstream err;
  REQUIRE(run_indexer(options, out, err) == kExitOk);
  INFO(err.str());
  return nlohmann::json::parse(out.str());
}

SearchResults all_articles(const std::string& db, std::vector<std::string> sources = {}) {
  SearchOptions options;
  options.db_path = db;
  options.list_all = true;
  options.limit = 0;
  options.facets = true;
  options.facet_limit = 1000;
  options.sources = std::move(sources);
  return run_search(options);
}

// Id → title of every article; fails on an id listed twice.
std::map<std::string, std::string> titles(const SearchResults& results) {
  std::map<std::string, std::string> by_id;
  for (const auto& hit : results.hits) {
    INFO(hit.article.id);
    CHECK(by_id.emplace(hit.article.id, hit.article.title).second);
  }
  return by_id;
}

// Facet → "value=count" in value order: the order of equal counts may follow the numbering,
// which writer threads take in any order.
std::map<std::string, std::vector<std::string>> facets(const SearchResults& results) {
  std::map<std::string, std::vector<std::string>> by_facet;
  for (const auto& [facet, counts] : results.facets) {
    auto& lines = by_facet[facet];
    for (const auto& count : counts)
      lines.push_back(count.value + "=" + std::to_string(count.count));
    std::sort(lines.begin(), lines.end());
  }
  return by_facet;
}

// The facet numbering's count of values, which one shard of a first build carries.
std::string facet_count(const std::string& db) {
  return Xapian::Database(db).get_metadata(std::string(kFacetCountKey));
}

}  // namespace

TEST_CASE("indexer: a first build in 3-article shards equals one in a shard per writer") {
  fs::create_directories(kWorkDir);
  const fs::path input = kWorkDir / "archive.jsonl";
  const std::vector<Version> versions = archive();
  write_jsonl(input, versions);
  std::map<std::string, std::string> latest;
  for (const auto& v : versions) latest[v.id] = v.title;
  REQUIRE(latest.size() == 30);

  const std::string unsharded = (kWorkDir / "one-shard-db").string();
  const nlohmann::json reference = build(unsharded, input, 1, kShardDocuments);
  CHECK(reference.at("added") == 30);
  CHECK(reference.at("replaced") == versions.size() - 30);
  CHECK(reference.at("documents") == 30);
  const SearchResults expected = all_articles(unsharded);
  CHECK(titles(expected) == latest);
  const auto expected_facets = facets(expected);
  CHECK(expected_facets.at("source") ==
        std::vector<std::string>{"Harbor Daily=20", "Lakeside Tribune=1", "Valley Wire=9"});
  REQUIRE_FALSE(facet_count(unsharded).empty());

  // The input is one chunk, which one worker hands to the writers in input order, so the
  // latest version of an id is the last one its writer gets, with one job or two.
  for (const std::size_t jobs : {1, 2}) {
    INFO("jobs " << jobs);
    const std::string db = (kWorkDir / ("rotated-db-" + std::to_string(jobs))).string();
    const nlohmann::json summary = build(db, input, jobs, 3);
    CHECK(summary.at("added") == reference.at("added"));
    CHECK(summary.at("replaced") == reference.at("replaced"));
    CHECK(summary.at("documents") == reference.at("documents"));
    CHECK_FALSE(fs::exists(db + ".newsindex-build"));

    const SearchResults found = all_articles(db);
    CHECK(found.total == 30);
    CHECK(titles(found) == latest);
    CHECK(facets(found) == expected_facets);
    CHECK(facet_count(db) == facet_count(unsharded));
    for (const std::string source : {"Valley Wire", "Harbor Daily", "Lakeside Tribune"}) {
      INFO(source);
      CHECK(all_articles(db, {source}).total == all_articles(unsharded, {source}).total);
    }
  }
}
