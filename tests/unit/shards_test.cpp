// Unit tests for stub files and facet counting shard by shard.
#include "searcher/shards.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "searcher/facet_name_blocks.hpp"
#include "searcher/shard_facets.hpp"

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

// A stub file with text in a fresh folder; returns its path.
std::string stub_with(const std::string& name, const std::string& text) {
  const fs::path folder = fs::temp_directory_path() / "newsdex-shards-test";
  fs::create_directories(folder);
  const fs::path path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::vector<std::string> names(const std::vector<ShardSpec>& specs) {
  std::vector<std::string> listed;
  for (const auto& spec : specs) listed.push_back((spec.remote ? "remote " : "local ") + spec.name);
  return listed;
}

// An in-memory shard whose articles carry the named persons, ordinals numbered by the shard.
Xapian::WritableDatabase shard(const std::vector<std::vector<std::string>>& articles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<std::string> known;
  for (const auto& persons : articles) {
    std::string slot;
    for (const auto& person : persons) {
      auto at = std::find(known.begin(), known.end(), person);
      if (at == known.end()) {
        db.set_metadata(facet_name_key(static_cast<std::uint32_t>(known.size())), person);
        at = known.insert(known.end(), person);
      }
      append_facet_entry(slot, {facet_index(Facet::person), static_cast<std::uint32_t>(at - known.begin())});
    }
    append_facet_entry(slot, {kMonthEntryIndex, month_number(2025, 12)});
    Xapian::Document doc;
    doc.add_value(slot_number(Slot::facets), slot);
    doc.add_term("word");
    db.add_document(doc);
  }
  return db;
}

}  // namespace

TEST_CASE("shards: stub files list local and remote shards; anything else is left to Xapian") {
  const std::string folder = (fs::temp_directory_path() / "newsdex-shards-test").string();
  struct Case {
    std::string text;
    std::vector<std::string> expected;  // empty: not a stub of shards
  };
  const std::vector<Case> cases = {
      {"remote 127.0.0.1:34571\nremote 10.0.0.5:8100\n",
       {"remote 127.0.0.1:34571", "remote 10.0.0.5:8100"}},
      {"# archive\n\nauto 2025\n  auto /srv/2024  \n", {"local " + folder + "/2025", "local /srv/2024"}},
      {"remote shardhost:34571\r\nauto a\r\n", {"remote shardhost:34571", "local " + folder + "/a"}},
      {"remote tcp 127.0.0.1 34571\n", {}},
      {"remote 127.0.0.1\n", {}},
      {"remote 127.0.0.1:0\n", {}},
      {"remote 127.0.0.1:70000\n", {}},
      {"inmemory\n", {}},
      {"", {}},
      {"# only a comment\n", {}},
  };
  for (const auto& test : cases) {
    INFO(test.text);
    const auto specs = read_stub(stub_with("stub", test.text));
    if (test.expected.empty()) {
      CHECK_FALSE(specs);
    } else {
      REQUIRE(specs);
      CHECK(names(*specs) == test.expected);
    }
  }
  CHECK_FALSE(read_stub(folder));  // a directory is a database, not a stub
}

TEST_CASE("shards: a stub listing a stub lists its shards in its place") {
  stub_with("inner", "remote 127.0.0.1:34572\nauto b\n");
  const auto specs = read_stub(stub_with("outer", "remote 127.0.0.1:34571\nauto inner\n"));
  REQUIRE(specs);
  const std::string folder = (fs::temp_directory_path() / "newsdex-shards-test").string();
  CHECK(names(*specs) ==
        std::vector<std::string>{"remote 127.0.0.1:34571", "remote 127.0.0.1:34572", "local " + folder + "/b"});
  CHECK(needs_shard_search(*specs));
  CHECK_FALSE(needs_shard_search({ShardSpec{"/srv/a", false, "/srv/a", "", 0}}));
}

TEST_CASE("shards: facet counts add up by name across shards whose ordinals differ") {
  // Putin is ordinal 0 in the first shard and 1 in the second.
  std::vector<Xapian::Database> shards = {
      shard({{"Vladimir Putin"}, {"Vladimir Putin", "Emmanuel Macron"}}),
      shard({{"Emmanuel Macron"}, {"Emmanuel Macron", "Vladimir Putin"}, {"Keir Starmer"}}),
  };
  const ShardFacets counts(shards, Xapian::Query("word"), 0);
  CHECK(counts.documents() == 5);
  CHECK(counts.exact());
  const auto persons = counts.top(Facet::person, 10);
  REQUIRE(persons.size() == 3);
  CHECK(persons[0].value == "Emmanuel Macron");
  CHECK(persons[0].count == 3);
  CHECK(persons[1].value == "Vladimir Putin");
  CHECK(persons[1].count == 3);
  CHECK(persons[2].value == "Keir Starmer");
  CHECK(persons[2].count == 1);
  const auto months = counts.top_months(10);
  REQUIRE(months.size() == 1);
  CHECK(months[0].value == "2025-12");
  CHECK(months[0].count == 5);
  CHECK(counts.undated() == 0);
  CHECK(counts.at_least(Facet::person, 2).size() == 2);
}

TEST_CASE("shards: facet names come from blocks, else from their own keys") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(newsdex::facet_names_block_key(0), newsdex::encode_facet_names({"Oslo", ""}));
  db.set_metadata(newsdex::facet_name_key(0), "stale");
  db.set_metadata(newsdex::facet_name_key(1), "Lima");
  db.set_metadata(newsdex::facet_name_key(2), "Kyiv");
  db.set_metadata(newsdex::facet_name_key(newsdex::kFacetNamesPerBlock), "Accra");
  newsdex::FacetNameBlocks names(db);
  CHECK(names.name(0) == "Oslo");   // the block's
  CHECK(names.name(1) == "Lima");   // empty in the block
  CHECK(names.name(2) == "Kyiv");   // past the block's end
  CHECK(names.name(newsdex::kFacetNamesPerBlock) == "Accra");  // no block at all
  CHECK(names.name(newsdex::kFacetNamesPerBlock + 1).empty());
}
