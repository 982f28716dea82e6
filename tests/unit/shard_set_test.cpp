// Unit tests for the databases an indexing writer fills: rotation and ids written again.
#include "indexer/shard_set.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/schema.hpp"

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

fs::path fresh_directory(const std::string& name) {
  fs::path path = fs::path(NEWSDEX_UNIT_WORK_DIR) / name;
  fs::remove_all(path);
  return path;
}

Xapian::Document version(const std::string& id, const std::string& text) {
  Xapian::Document document;
  document.add_boolean_term("Q" + id);
  document.set_data(text);
  return document;
}

// The data of every document in the database at path, sorted.
std::vector<std::string> contents(const fs::path& path) {
  const Xapian::Database db(path.string());
  std::vector<std::string> data;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    data.push_back(db.get_document(*it).get_data());
  }
  std::sort(data.begin(), data.end());
  return data;
}

}  // namespace

TEST_CASE("shard set: a full shard makes way for a fresh one; an id written again moves") {
  const fs::path directory = fresh_directory("shard-set-rotation");
  ShardSet shards(directory, 2);
  struct Step {
    std::string id;
    std::string text;
    Replaced found;
  };
  const std::vector<Step> steps = {
      {"a", "a1", Replaced::nothing},     // shard 0
      {"b", "b1", Replaced::nothing},     // shard 0, now full
      {"b", "b2", Replaced::in_current},  // a full shard still takes a new version of its ids
      {"c", "c1", Replaced::nothing},     // shard 1
      {"a", "a2", Replaced::in_earlier},  // deleted from shard 0, written to shard 1
      {"a", "a3", Replaced::in_current},  // shard 1, now full
      {"d", "d1", Replaced::nothing},     // shard 2
      {"b", "b3", Replaced::in_earlier},  // deleted from shard 0, written to shard 2
  };
  for (const auto& step : steps) {
    INFO(step.text);
    CHECK(shards.replace("Q" + step.id, version(step.id, step.text)) == step.found);
  }
  // A commit includes the deletions in earlier shards.
  shards.commit();
  CHECK(contents(directory / "0").empty());
  CHECK(contents(directory / "1") == std::vector<std::string>{"a3", "c1"});
  CHECK(contents(directory / "2") == std::vector<std::string>{"b3", "d1"});

  const auto paths = shards.close();
  CHECK(paths == std::vector<fs::path>{directory / "0", directory / "1", directory / "2"});
  for (const auto& path : paths) {
    CHECK_FALSE(
        Xapian::Database(path.string()).get_metadata(std::string(kSchemaVersionKey)).empty());
  }
}

TEST_CASE("shard set: a database alone never rotates and has no shards to merge") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  ShardSet set(db);
  for (int i = 0; i < 100; ++i) {
    CHECK(set.replace("Q" + std::to_string(i), version(std::to_string(i), "v1")) ==
          Replaced::nothing);
  }
  CHECK(set.replace("Q7", version("7", "v2")) == Replaced::in_current);
  set.commit();
  CHECK(db.get_doccount() == 100);
  CHECK(set.close().empty());
}
