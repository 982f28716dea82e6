// Entities across an archive: spelling variants of one person or place are one facet value,
// every spelling filters to all of them, and free text in one spelling finds the others.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

int facet_count(const json& result, const std::string& facet, const std::string& value) {
  for (const auto& entry : result.at("facets").at(facet)) {
    if (entry.at("value") == value) return entry.at("count");
  }
  return 0;
}

}  // namespace

TEST_CASE("entities: spelling variants are one canonical person and place") {
  const std::string dir = scratch_path("variants-input");
  const std::string db = scratch_path("variants-db");
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir + "/variants.jsonl");
    out << json{{"id", "v1"},
                {"title", "Zelensky meets envoys in Kyiv"},
                {"body", "KYIV - President Volodymyr Zelensky met U.S. envoys on Monday. "
                         "Zelensky said the talks were useful."}}.dump()
        << '\n';
    out << json{{"id", "v2"},
                {"title", "Zelenskiy visits Rome"},
                {"body", "ROME - Ukrainian President Volodymyr Zelenskiy arrived in Rome on "
                         "Friday for talks with Italian officials."}}.dump()
        << '\n';
    out << json{{"id", "v3"},
                {"title", "Zelenskyy thanks allies"},
                {"body", "President Volodymyr Zelenskyy thanked the United States and European "
                         "allies for air defence systems delivered this week."}}.dump()
        << '\n';
  }
  REQUIRE(index(db, {dir}).process.exit_code == 0);

  const json all = search(db, {"--all", "--facets", "--limit", "0"});
  CHECK(facet_count(all, "person", "Volodymyr Zelenskyy") == 3);
  for (const auto& entry : all.at("facets").at("person")) {
    const std::string value = entry.at("value");
    CHECK((value.find("Zelensk") == std::string::npos || value == "Volodymyr Zelenskyy"));
  }
  CHECK(facet_count(all, "place", "United States") == 2);

  const std::set<std::string> everyone = {"v1", "v2", "v3"};
  for (const std::string spelling : {"Zelensky", "zelenskiy", "Zelenskyy", "Volodymyr Zelensky"}) {
    INFO(spelling);
    CHECK(id_set(search(db, {"--person", spelling})) == everyone);
  }
  CHECK(id_set(search(db, {"--place", "U.S."})) == std::set<std::string>{"v1", "v3"});
  CHECK(id_set(search(db, {"--place", "united states"})) == std::set<std::string>{"v1", "v3"});

  // Free text: one spelling finds articles written with the others.
  for (const std::string spelling : {"zelensky", "Zelenskiy", "zelenskyy"}) {
    INFO(spelling);
    CHECK(id_set(search(db, {spelling})) == everyone);
  }
}

TEST_CASE("entities: a country filter finds articles about its cities and states") {
  const std::string dir = scratch_path("containment-input");
  const std::string db = scratch_path("containment-db");
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir + "/places.jsonl");
    out << json{{"id", "c1"},
                {"title", "Refinery output rises"},
                {"body", "Refiners in Houston raised output this week, traders said."}}.dump()
        << '\n';
    out << json{{"id", "c2"},
                {"title", "Drought hurts crops"},
                {"body", "Farmers across Texas counted their losses on Monday."}}.dump()
        << '\n';
    out << json{{"id", "c3"},
                {"title", "Bourse closes higher"},
                {"body", "Shares rose in Frankfurt on Tuesday."}}.dump()
        << '\n';
  }
  REQUIRE(index(db, {dir}).process.exit_code == 0);

  CHECK(id_set(search(db, {"--place", "United States"})) == std::set<std::string>{"c1", "c2"});
  CHECK(id_set(search(db, {"place:germany"})) == std::set<std::string>{"c3"});
  CHECK(id_set(search(db, {"--place", "Houston"})) == std::set<std::string>{"c1"});
  // Counts show the places named; the country is a filter, not a rolled-up value.
  const json all = search(db, {"--all", "--facets", "--limit", "0"});
  CHECK(facet_count(all, "place", "Houston") == 1);
  CHECK(facet_count(all, "place", "United States") == 0);
}
