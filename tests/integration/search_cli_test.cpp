// newssearch on the sample database: ranking, query syntax, output and errors.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

const std::string kGuaranteesArticle =
    "articles/harbor-daily-news/2025-12-14-zelenskyy-presses-nato-guarantees.txt";
const std::string kGrainCorridorArticle = "articles/harbor-daily-news/2025-10-14-black-sea-grain-corridor.txt";
const std::string kRailCorridorArticle = "articles/northern-ledger/2025-11-05-baltic-freight-rail-link.txt";

std::vector<std::string> paths(const json& results) {
  std::vector<std::string> found;
  for (const auto& hit : results.at("results")) {
    found.push_back(hit.at("path").is_null() ? "" : hit.at("path").get<std::string>());
  }
  return found;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

TEST_CASE("search: the article about the query ranks first") {
  struct Case {
    std::vector<std::string> query;
    std::string first;
  };
  const std::vector<Case> cases = {
      {{"Zelenskyy", "NATO", "guarantees"}, kGuaranteesArticle},
      {{"binding", "security", "guarantee"}, kGuaranteesArticle},
      {{"\"grain corridor\""}, kGrainCorridorArticle},
      {{"storm", "surge", "Port", "Calder"}, "articles/harbor-daily-news/2026-01-27-port-calder-storm.txt"},
      {{"minute", "of", "silence", "anniversary"}, "articles/meridian-post/2026-02-24-kyiv-invasion-anniversary.txt"},
  };
  for (const auto& c : cases) {
    const json result = search(kSampleDb, c.query);
    INFO(result.dump(1));
    REQUIRE_FALSE(result.at("results").empty());
    CHECK(result["results"][0]["path"] == c.first);
  }
}

TEST_CASE("search: JSON output has the documented shape") {
  const json result = search(kSampleDb, {"NATO"});
  CHECK(result.at("query") == "NATO");
  CHECK(result.at("total").is_number_unsigned());
  CHECK(result.at("total_exact").is_boolean());
  CHECK(result.at("offset") == 0);
  CHECK_FALSE(result.contains("facets"));
  REQUIRE_FALSE(result.at("results").empty());
  std::size_t rank = 1;
  for (const auto& hit : result["results"]) {
    CHECK(hit.at("rank") == rank++);
    CHECK(hit.at("id").is_string());
    CHECK(hit.at("score").is_number());
    CHECK(hit.at("title").is_string());
    const json& date = hit.at("date");
    CHECK((date.is_null() || (date.is_string() && date.get<std::string>().size() == 10)));
    for (const char* key : {"source", "author", "url", "path", "snippet"}) {
      CHECK((hit.at(key).is_null() || hit.at(key).is_string()));
    }
    for (const char* key : {"persons", "organizations", "places"}) CHECK(hit.at(key).is_array());
  }
}

TEST_CASE("search: words are stemmed") {
  const auto singular = paths(search(kSampleDb, {"guarantee"}));
  const auto plural = paths(search(kSampleDb, {"guarantees"}));
  CHECK(contains(singular, kGuaranteesArticle));
  CHECK(singular == plural);
}

TEST_CASE("search: phrases match adjacent words only") {
  const auto phrase = paths(search(kSampleDb, {"\"grain corridor\""}));
  CHECK(contains(phrase, kGrainCorridorArticle));
  CHECK_FALSE(contains(phrase, kRailCorridorArticle));
  const auto words = paths(search(kSampleDb, {"grain", "corridor"}));
  CHECK(contains(words, kGrainCorridorArticle));
  CHECK(contains(words, kRailCorridorArticle));
}

TEST_CASE("search: boolean operators and title:") {
  const auto nato = paths(search(kSampleDb, {"NATO", "--limit", "0"}));
  REQUIRE(contains(nato, kGuaranteesArticle));
  CHECK_FALSE(contains(paths(search(kSampleDb, {"NATO", "-guarantees", "--limit", "0"})),
                       kGuaranteesArticle));
  CHECK_FALSE(contains(paths(search(kSampleDb, {"NATO", "NOT", "guarantees", "--limit", "0"})),
                       kGuaranteesArticle));
  const auto either = paths(search(kSampleDb, {"marathon", "OR", "tram", "--limit", "0"}));
  CHECK(either.size() >= 2);
  const auto title = paths(search(kSampleDb, {"title:guarantees"}));
  CHECK(title == std::vector<std::string>{kGuaranteesArticle});
  // --match all requires every word; --match any ranks articles with any of them, and so does
  // the default when no article has them all, saying so.
  const auto all_words = search(kSampleDb, {"--match", "all", "marathon", "tram"});
  CHECK(all_words.at("results").empty());
  CHECK(search(kSampleDb, {"--match", "any", "marathon", "tram"}).at("results").size() >= 2);
  const auto relaxed = search(kSampleDb, {"marathon", "tram"});
  CHECK(relaxed.at("results").size() >= 2);
  CHECK(relaxed.at("relaxed").at("all_words") == 0);
}

TEST_CASE("search: wildcards expand over the indexed stems and rank by relevance") {
  const json security = search(kSampleDb, {"secur*", "--limit", "0"});
  CHECK(contains(paths(security), kGuaranteesArticle));
  CHECK(security.at("results").size() == security.at("total").get<std::size_t>());
  CHECK(security.at("results").at(0).at("score").get<double>() > 0);
  for (const auto& hit : security.at("results")) {
    // The words the wildcard matched are marked in the snippet.
    const std::string snippet = hit.at("snippet");
    INFO(snippet);
    CHECK((snippet.find("**secur") != std::string::npos ||
           snippet.find("**Secur") != std::string::npos));
  }
  CHECK(paths(search(kSampleDb, {"guarant*", "NATO"})).at(0) == kGuaranteesArticle);
  CHECK(contains(paths(search(kSampleDb, {"title:zelensk*", "--limit", "0"})), kGuaranteesArticle));
  CHECK(search(kSampleDb, {"title:guaranteesx*"}).at("results").empty());
}

TEST_CASE("search: snippets mark the matched words") {
  const json result = search(kSampleDb, {"\"grain corridor\""});
  REQUIRE_FALSE(result.at("results").empty());
  const std::string snippet = result["results"][0]["snippet"];
  CHECK(snippet.find("**grain corridor**") != std::string::npos);
  CHECK(snippet.find('\n') == std::string::npos);
}

TEST_CASE("search: limit, offset and sort orders") {
  const auto first_six = ids(search(kSampleDb, {"--all", "--limit", "6"}));
  const auto first_three = ids(search(kSampleDb, {"--all", "--limit", "3"}));
  const auto next_three = ids(search(kSampleDb, {"--all", "--limit", "3", "--offset", "3"}));
  REQUIRE(first_six.size() == 6);
  std::vector<std::string> joined = first_three;
  joined.insert(joined.end(), next_three.begin(), next_three.end());
  CHECK(joined == first_six);

  const json offset = search(kSampleDb, {"--all", "--limit", "2", "--offset", "4"});
  CHECK(offset.at("offset") == 4);
  CHECK(offset["results"][0]["rank"] == 5);

  // Past any docid: no results, and facets still counted over every match.
  const json beyond =
      search(kSampleDb, {"--all", "--limit", "0", "--offset", "4294967290", "--facets"});
  CHECK(beyond["results"].empty());
  CHECK(beyond.at("total") == 50);
  CHECK(beyond.at("facets_exact") == true);
  CHECK(beyond.at("facets_counted") == 50);

  for (const std::string order : {"newest", "oldest"}) {
    const json result = search(kSampleDb, {"--all", "--limit", "0", "--sort", order});
    std::vector<std::string> dates;
    for (const auto& hit : result["results"]) {
      if (!hit["date"].is_null()) dates.push_back(hit["date"]);
    }
    REQUIRE(dates.size() > 10);
    if (order == "newest") {
      CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
    } else {
      CHECK(std::is_sorted(dates.begin(), dates.end()));
    }
  }
}

TEST_CASE("search: --all lists every article, exactly counted") {
  const json result = search(kSampleDb, {"--all", "--limit", "0"});
  CHECK(result.at("total") == count_articles(kDataDir));
  CHECK(result.at("total_exact") == true);
  CHECK(result.at("results").size() == count_articles(kDataDir));
}

TEST_CASE("search: text output shows rank, date, source, title and persons") {
  const ProcessResult result = run_process(kNewssearch, {"--db", kSampleDb, "Zelenskyy", "NATO", "guarantees"});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("1. 2025-12-14  Harbor Daily News") != std::string::npos);
  CHECK(result.out.find("Zelenskyy presses NATO allies for binding security guarantees") != std::string::npos);
  CHECK(result.out.find("persons: ") != std::string::npos);
  CHECK(result.out.find("*guarantees*") != std::string::npos);
  CHECK(result.out.find('\033') == std::string::npos);  // not a terminal: no escape codes
}

TEST_CASE("search: bad input gets one clear message and exit 2") {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::string missing = kWorkDir + "/no-such-database";
  const std::vector<Case> cases = {
      {{"--db", missing, "nato"}, "cannot open the database"},
      {{"--db", kSampleDb, "--from", "2025-13", "nato"}, "bad date for --from: '2025-13'"},
      {{"--db", kSampleDb, "--to", "tomorrow", "nato"}, "bad date for --to"},
      {{"--db", kSampleDb, "--from", "2026", "--to", "2025", "nato"}, "is after --to"},
      {{"--db", kSampleDb, "date:2025-02-30..2025-03"}, "bad date '2025-02-30'"},
      {{"--db", kSampleDb, "--sort", "random", "nato"}, "bad value for --sort"},
      {{"--db", kSampleDb}, "nothing to search for"},
      {{"nato"}, "--db"},
      {{"--db", kSampleDb, "--limit", "many", "nato"}, "limit"},
      {{"--db", kSampleDb, "--time-limit", "-1", "nato"}, "--time-limit must not be negative"},
  };
  for (const auto& c : cases) {
    const ProcessResult result = run_process(kNewssearch, c.args);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(result.err.rfind("newssearch: ", 0) == 0);
  }
}

TEST_CASE("search: a time limit on matching still answers") {
  const json result = search(kSampleDb, {"--time-limit", "0.000001", "--limit", "3", "the"});
  CHECK(result.at("results").size() <= 3);
  CHECK(result.at("total").is_number_unsigned());
}
