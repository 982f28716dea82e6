// A search split over threads answers exactly as one thread does: the same hits, ranks,
// scores, snippets, totals and facets, on the sample database.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "searcher/searcher.hpp"

using namespace newsdex;

namespace {

std::string rendered(const SearchResults& results) {
  std::ostringstream out;
  out.precision(17);
  out << results.total << ' ' << results.total_exact << ' ' << results.facets_exact << ' '
      << results.facets_counted << '\n';
  for (const auto& hit : results.hits) {
    out << hit.rank << ' ' << hit.score << ' ' << hit.article.id << ' ' << hit.snippet << '\n';
  }
  for (const auto& [facet, values] : results.facets) {
    out << facet << ':';
    for (const auto& value : values) out << ' ' << value.value << '=' << value.count << '/' << value.score.value_or(0);
    out << '\n';
  }
  if (results.timeline) {
    for (const auto& bucket : results.timeline->buckets) out << bucket.period << '=' << bucket.count << ' ';
    out << "undated=" << results.timeline->undated << '\n';
  }
  return out.str();
}

SearchResults search(SearchOptions options, std::size_t threads) {
  options.db_path = NEWSDEX_SAMPLE_DB;
  options.split_min_documents = threads > 1 ? 0 : SIZE_MAX;
  options.split_min_matches = 0;
  options.match_threads = threads;
  return run_search(options);
}

}  // namespace

TEST_CASE("split search: any number of threads gives the answer of one") {
  std::vector<SearchOptions> cases;
  const auto add = [&](std::string query, auto&& adjust) {
    SearchOptions options;
    options.query = std::move(query);
    options.facets = true;
    adjust(options);
    cases.push_back(options);
  };
  const auto as_is = [](SearchOptions&) {};
  add("minister president war", [](SearchOptions& o) { o.match = WordMatch::any; });
  add("minister president war", [](SearchOptions& o) { o.match = WordMatch::any; o.offset = 7; o.limit = 5; });
  add("minister president war", [](SearchOptions& o) { o.match = WordMatch::any; o.sort = SortOrder::oldest; });
  add("\"european commission\"", as_is);
  add("ukraine OR russia", [](SearchOptions& o) { o.facets = false; o.list_all = true; });
  add("", [](SearchOptions& o) { o.list_all = true; o.limit = 20; });
  add("", [](SearchOptions& o) { o.persons = {"Putin"}; });
  add("talks", [](SearchOptions& o) { o.places = {"Ukraine"}; o.sort = SortOrder::newest; });
  add("nothingmatchesthis", as_is);
  add("minister president war", [](SearchOptions& o) {
    o.match = WordMatch::any;
    o.count_only = true;
    o.facet_order = FacetOrder::significance;
    o.facet_min_count = 1;
    o.timeline = TimelineUnit::week;
  });
  add("", [](SearchOptions& o) { o.list_all = true; o.timeline = TimelineUnit::day; o.normalize = true; });
  add("said", [](SearchOptions& o) { o.facets = false; o.timeline = TimelineUnit::month; });
  add("", [](SearchOptions& o) { o.places = {"Ukraine"}; o.count_only = true; o.timeline = TimelineUnit::year; });

  for (const auto& options : cases) {
    INFO("query: " << options.query);
    const std::string one = rendered(search(options, 1));
    CHECK(one.find('\n') < one.size() - 1);  // some hits or facets to compare
    for (const std::size_t threads : {2, 3, 7}) {
      INFO("threads: " << threads);
      CHECK(rendered(search(options, threads)) == one);
    }
  }
}

TEST_CASE("split search: each thread counts facets within the budget, over its own part") {
  SearchOptions options;
  options.list_all = true;
  options.facets = true;
  options.facet_budget = 10;
  // 50 articles: every part holds more than 10, so each counts 10.
  for (const std::size_t threads : {1, 2, 3}) {
    INFO("threads: " << threads);
    const SearchResults results = search(options, threads);
    CHECK(results.total == 50);
    CHECK(results.facets_counted == 10 * threads);
    CHECK_FALSE(results.facets_exact);
  }
  // Fewer matches than the budget: exact at any thread count.
  options.facet_budget = 50;
  for (const std::size_t threads : {1, 2, 3}) {
    INFO("threads: " << threads);
    const SearchResults results = search(options, threads);
    CHECK(results.facets_counted == 50);
    CHECK(results.facets_exact);
  }
}

TEST_CASE("split search: a count stopped by its budget estimates the rest at the same rate") {
  SearchOptions options;
  options.query = "said";  // in every one of the 50 sample articles
  options.facets = true;
  options.facet_budget = 5;
  options.limit = 2;  // fewer than the budget, or one thread would count as many as it shows
  for (const std::size_t threads : {2, 3}) {
    INFO("threads: " << threads);
    const SearchResults results = search(options, threads);
    CHECK(results.facets_counted == 5 * threads);
    CHECK_FALSE(results.total_exact);
    // Each part stopped after its first 5 docids, every one a match: at that rate its 25 (or
    // 16-17) docids hold 25 (or 16-17) matches, 50 in all.
    CHECK(results.total == 50);
  }
}

TEST_CASE("split search: the total is exact whatever the page, and bounded when a budget stops it") {
  int estimates = 0;
  for (const std::string query : {"minister OR president OR war", "said", "\"prime minister\""}) {
    SearchOptions every;
    every.query = query;
    every.limit = 0;
    const std::size_t matches = search(every, 1).hits.size();
    REQUIRE(matches > 3);
    for (const std::size_t threads : {1, 2, 3}) {
      for (const std::size_t limit : {1, 3}) {
        INFO(query << ", threads: " << threads << ", limit: " << limit);
        SearchOptions options;
        options.query = query;
        options.limit = limit;
        SearchResults results = search(options, threads);
        CHECK(results.total == matches);
        CHECK(results.total_exact);
        CHECK(results.total_min == matches);
        CHECK(results.total_max == matches);

        // Counting stops after 4 matches (of each part): an estimate, within bounds that
        // hold and never below the page.
        options.count_budget = 4;
        options.offset = 1;
        results = search(options, threads);
        CHECK(results.total_min <= results.total);
        CHECK(results.total <= results.total_max);
        CHECK(results.total_min <= matches);
        CHECK(matches <= results.total_max);
        CHECK(results.total_min >= options.offset + results.hits.size());
        CHECK(results.total_exact == (results.total_min == results.total_max));
        if (!results.total_exact) ++estimates;
      }
    }
  }
  CHECK(estimates > 0);  // the budget made some counts estimates, or nothing was tested
}
