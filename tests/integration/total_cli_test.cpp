// newssearch on the sample database: what `total` promises, whatever the page asked for.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Word queries of each kind, some with filters: each matches several sample articles.
const std::vector<std::vector<std::string>> kQueries = {
    {"minister", "president"},
    {"minister", "OR", "president", "OR", "war"},
    {"--match", "any", "grain", "ukraine", "storm"},
    {"\"prime minister\""},
    {"said", "--from", "2025-12"},
    {"talks", "--place", "Ukraine"},
    {"said", "--sort", "oldest"},
};

// Every matching article, listed.
std::size_t listed(const std::vector<std::string>& query) {
  return search(kSampleDb, with(query, {"--all", "--limit", "0"})).at("results").size();
}

// A user can page through at least total_min articles and never past total_max.
void check_bounds_hold(const std::vector<std::string>& query, const json& result, std::size_t matches) {
  const auto total = result.at("total").get<std::size_t>();
  const auto least = result.at("total_min").get<std::size_t>();
  const auto most = result.at("total_max").get<std::size_t>();
  CHECK(least <= total);
  CHECK(total <= most);
  CHECK(least <= matches);
  CHECK(matches <= most);
  const std::size_t shown_to = result.at("offset").get<std::size_t>() + result.at("results").size();
  CHECK(least >= shown_to);
  if (least > 0) {
    CHECK(search(kSampleDb, with(query, {"--offset", std::to_string(least - 1), "--limit", "1"}))
              .at("results")
              .size() == 1);
  }
  CHECK(search(kSampleDb, with(query, {"--offset", std::to_string(most), "--limit", "1"}))
            .at("results")
            .empty());
}

}  // namespace

TEST_CASE("total: exact, and the same whatever --limit and --offset") {
  for (const auto& query : kQueries) {
    const std::size_t matches = listed(query);
    INFO(with(query, {}).front() << "… matches " << matches);
    REQUIRE(matches > 3);
    for (const std::string limit : {"1", "2", "3", "5", "20", "0"}) {
      for (const std::string offset : {"0", "1", "4"}) {
        INFO("--limit " << limit << " --offset " << offset);
        const json result = search(kSampleDb, with(query, {"--limit", limit, "--offset", offset}));
        CHECK(result.at("total") == matches);
        CHECK(result.at("total_exact") == true);
        CHECK_FALSE(result.contains("total_min"));
      }
    }
  }
}

TEST_CASE("total: the text says the exact number, without 'about'") {
  const std::size_t matches = listed({"minister", "president"});
  const ProcessResult run = run_process(kNewssearch, {"--db", kSampleDb, "--limit", "1", "minister", "president"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.rfind(std::to_string(matches) + " articles for", 0) == 0);
}

TEST_CASE("total: a count stopped by a budget is an estimate within bounds that hold") {
  // Facets of a ranked search are counted over at most --facet-budget matches, and the
  // count stops there too.
  for (const auto& query : kQueries) {
    const std::size_t matches = listed(query);
    const auto budgeted = with(query, {"--facets", "--facet-budget", "2"});
    for (const std::vector<std::string>& page :
         {std::vector<std::string>{"--limit", "1"}, {"--limit", "2", "--offset", "1"}}) {
      INFO(query.front() << "… " << page.front() << ' ' << page.at(1));
      const json result = search(kSampleDb, with(budgeted, page));
      if (result.at("total_exact") == true) {
        // Xapian knew the count without counting (a single term's frequency).
        CHECK(result.at("total") == matches);
        continue;
      }
      check_bounds_hold(budgeted, result, matches);
      const ProcessResult run = run_process(kNewssearch, with({"--db", kSampleDb}, with(budgeted, page)));
      CHECK(run.out.rfind("about ", 0) == 0);
    }
  }
  // At least one query of the set must make the count an estimate, or the test tests nothing.
  CHECK(search(kSampleDb, with(kQueries[1], {"--facets", "--facet-budget", "2", "--limit", "1"}))
            .at("total_exact") == false);
}

TEST_CASE("total: a count stopped by the time limit keeps bounds that hold") {
  for (const auto& query : kQueries) {
    const std::size_t matches = listed(query);
    const auto hurried = with(query, {"--time-limit", "0.000001"});
    const json result = search(kSampleDb, with(hurried, {"--limit", "1"}));
    INFO(result.dump());
    if (result.at("total_exact") == true) {
      CHECK(result.at("total") == matches);
    } else {
      check_bounds_hold(hurried, result, matches);
    }
  }
}
