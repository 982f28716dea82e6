// newssearch filters and facets on the sample database, checked against the full listing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

using Predicate = std::function<bool(const json&)>;

// The ids of all sample articles for which keep holds, computed from --all output rather
// than by the search under test.
std::set<std::string> expected_ids(const Predicate& keep) {
  std::set<std::string> found;
  for (const auto& article : all_sample_articles()) {
    if (keep(article)) found.insert(article.at("id").get<std::string>());
  }
  return found;
}

bool lists(const json& article, const char* key, const std::string& value) {
  const json& values = article.at(key);
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string date_of(const json& article) {
  return article.at("date").is_null() ? "" : article.at("date").get<std::string>();
}

}  // namespace

TEST_CASE("filter: --person matches the full name, the surname and known aliases") {
  const auto expected = expected_ids([](const json& a) { return lists(a, "persons", "Volodymyr Zelenskyy"); });
  // Articles spelling the name Zelensky and Zelenskiy are among them.
  REQUIRE(expected.count("articles/eastgate-herald/2025-11-18-zelensky-winter-energy-grid.txt") == 1);
  REQUIRE(expected.count("articles/lakeside-tribune/2026-01-09-zelenskiy-meloni-rome-reconstruction.txt") == 1);
  for (const std::string name : {"Volodymyr Zelenskyy", "volodymyr zelenskyy", "Zelenskyy", "Zelensky",
                                 "ZELENSKIY", "Volodymyr Zelensky"}) {
    DYNAMIC_SECTION(name) {
      CHECK(id_set(search(kSampleDb, {"--person", name, "--limit", "0"})) == expected);
    }
  }
  CHECK(id_set(search(kSampleDb, {"person:zelensky", "--limit", "0"})) == expected);
  CHECK(id_set(search(kSampleDb, {"person:\"Volodymyr Zelenskyy\"", "--limit", "0"})) == expected);
}

TEST_CASE("filter: everything that mentions Putin in December 2025, newest first") {
  const auto expected = expected_ids([](const json& a) {
    return lists(a, "persons", "Vladimir Putin") && date_of(a).rfind("2025-12", 0) == 0;
  });
  REQUIRE(expected.size() >= 4);
  const json result = search(kSampleDb, {"--person", "Putin", "--from", "2025-12", "--to", "2025-12"});
  CHECK(id_set(result) == expected);
  CHECK(result.at("total") == expected.size());
  CHECK(result.at("total_exact") == true);
  std::vector<std::string> dates;
  for (const auto& hit : result["results"]) dates.push_back(hit["date"]);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  // The same through the query language.
  CHECK(id_set(search(kSampleDb, {"person:putin", "date:2025-12..2025-12"})) == expected);
}

TEST_CASE("filter: each facet filter includes and excludes the right articles") {
  struct Case {
    std::vector<std::string> args;
    Predicate keep;
  };
  const std::vector<Case> cases = {
      {{"--org", "NATO"}, [](const json& a) { return lists(a, "organizations", "NATO"); }},
      {{"--org", "nato", "--org", "European Union"},
       [](const json& a) { return lists(a, "organizations", "NATO") && lists(a, "organizations", "European Union"); }},
      {{"--place", "kyiv"}, [](const json& a) { return lists(a, "places", "Kyiv"); }},
      {{"--source", "capital wire service"}, [](const json& a) { return a["source"] == "Capital Wire Service"; }},
      {{"--source", "Meridian Post", "--source", "Eastgate Herald"},
       [](const json& a) { return a["source"] == "Meridian Post" || a["source"] == "Eastgate Herald"; }},
      {{"--author", "Clara Duval"},
       [](const json& a) {
         return a["author"].is_string() && a["author"].get<std::string>().find("Clara Duval") != std::string::npos;
       }},
      {{"--from", "2025-12-14", "--to", "2025-12-14"}, [](const json& a) { return date_of(a) == "2025-12-14"; }},
      {{"--to", "2025-10"}, [](const json& a) { return !date_of(a).empty() && date_of(a) <= "2025-10-31"; }},
      {{"--from", "2026-02-10"}, [](const json& a) { return date_of(a) >= "2026-02-10"; }},
      {{"date:2025-11-01..2025-11-30"},
       [](const json& a) { return date_of(a) >= "2025-11-01" && date_of(a) <= "2025-11-30"; }},
      {{"date:2026.."}, [](const json& a) { return date_of(a) >= "2026"; }},
      {{"--person", "Lagarde", "--place", "Frankfurt"},
       [](const json& a) { return lists(a, "persons", "Christine Lagarde") && lists(a, "places", "Frankfurt"); }},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--limit", "0"});
    const auto expected = expected_ids(c.keep);
    INFO(c.args.front() << ' ' << c.args.back());
    CHECK_FALSE(expected.empty());
    CHECK(expected.size() < all_sample_articles().size());
    CHECK(id_set(search(kSampleDb, args)) == expected);
  }
}

TEST_CASE("filter: words and filters combine") {
  const auto with_word = id_set(search(kSampleDb, {"NATO", "--limit", "0"}));
  const auto with_person = id_set(search(kSampleDb, {"--person", "putin", "--limit", "0"}));
  std::set<std::string> both;
  std::set_intersection(with_word.begin(), with_word.end(), with_person.begin(), with_person.end(),
                        std::inserter(both, both.begin()));
  REQUIRE_FALSE(both.empty());
  CHECK(both.size() < with_word.size());
  const json result = search(kSampleDb, {"--person", "putin", "--limit", "0", "NATO"});
  CHECK(id_set(result) == both);
  CHECK(result["results"][0]["score"].get<double>() > 0);
}

TEST_CASE("filter: facet counts are exact over all matches") {
  const json result = search(kSampleDb, {"--person", "Putin", "--facets", "--limit", "0", "--facet-limit", "1000"});
  const json& hits = result.at("results");
  REQUIRE(hits.size() == result.at("total"));
  std::map<std::string, std::map<std::string, int>> counted;
  for (const auto& hit : hits) {
    for (const auto& p : hit["persons"]) ++counted["person"][p];
    for (const auto& o : hit["organizations"]) ++counted["organization"][o];
    for (const auto& p : hit["places"]) ++counted["place"][p];
    if (!hit["source"].is_null()) ++counted["source"][hit["source"]];
    if (!hit["date"].is_null()) ++counted["month"][hit["date"].get<std::string>().substr(0, 7)];
  }
  CHECK(result.at("facets_exact") == true);
  const json& facets = result.at("facets");
  for (const std::string facet : {"person", "organization", "place", "source", "month"}) {
    INFO(facet);
    std::map<std::string, int> reported;
    for (const auto& entry : facets.at(facet)) reported[entry.at("value")] = entry.at("count");
    CHECK(reported == counted[facet]);
    // Listed by count, highest first; months in date order.
    std::vector<int> counts;
    std::vector<std::string> values;
    for (const auto& entry : facets.at(facet)) {
      counts.push_back(entry.at("count"));
      values.push_back(entry.at("value"));
    }
    if (facet == "month") {
      CHECK(std::is_sorted(values.begin(), values.end()));
    } else {
      CHECK(std::is_sorted(counts.rbegin(), counts.rend()));
    }
  }
  CHECK(facets["person"][0]["value"] == "Vladimir Putin");
  CHECK(facets["person"][0]["count"] == hits.size());
  CHECK(result.at("facets_counted") == hits.size());
}

TEST_CASE("filter: past --facet-budget, facets cover that many matches and say so") {
  const json all = search(kSampleDb, {"--all", "--facets", "--limit", "0"});
  REQUIRE(all.at("total").get<int>() > 5);
  CHECK(all.at("facets_exact") == true);
  const json part = search(kSampleDb, {"--all", "--facets", "--facet-budget", "5", "--limit", "0"});
  CHECK(part.at("total") == all.at("total"));  // the budget bounds counting, not matching
  CHECK(part.at("facets_exact") == false);
  CHECK(part.at("facets_counted") == 5);
  int months = 0;
  for (const auto& entry : part.at("facets").at("month")) months += entry.at("count").get<int>();
  CHECK(months <= 5);
  CHECK(months > 0);
}

TEST_CASE("filter: facet lists are cut to --facet-limit") {
  const json result = search(kSampleDb, {"--all", "--facets", "--facet-limit", "3", "--limit", "1"});
  CHECK(result.at("total") == count_articles(kDataDir));
  CHECK(result.at("results").size() == 1);
  for (const auto& [name, values] : result.at("facets").items()) CHECK(values.size() <= 3);
}
