// Times newsdex::run_search over a translated query file (format in driver_io.hpp).
//
// Each run_search call opens the database, parses the query, matches, counts facets and
// cuts snippets: exactly what one `newssearch` invocation does minus process start-up and
// printing, so that whole call is what we time. The OS page cache is warm after the
// warm-up pass, as it is for a search server answering its second query.
//
// With --count-floor it times, for the queries with facets only, what no exact facet count
// can do without: Xapian's matcher finding and counting every match, split over the same
// docid ranges and threads as newssearch's, with no weights, facets, ranking or snippets.
//
// With --totals-cost it times what exact totals cost: each query without facets runs twice
// in a row, as newssearch runs it (counting every match) and as qid@estimate with the count
// stopped at the page's end, where Xapian estimates the total. Back to back, the pair sees
// the same state of a shared machine.
//
// With --collapse-cost it times what counting stories costs: each query runs twice in a row,
// as newssearch runs it and as qid@collapse with --collapse (one result per story; the total
// and, for the queries with facets, every facet count counted per story).
//
// With --cpu-time it prints CPU microseconds (every thread's) instead of wall-clock ones.
//
// usage: newsdex_query_bench [--count-floor | --totals-cost | --collapse-cost] [--cpu-time] DB
//        QUERIES [PASSES [FACET_BUDGET]]
#include <xapian.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "driver_io.hpp"
#include "searcher/parallel_match.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/searcher.hpp"

namespace {

newsdex::DateTime bound(const std::string& text, newsdex::BoundSide side) {
  const auto date = newsdex::parse_date_bound(text, side);
  if (!date) throw std::runtime_error("bad date bound '" + text + "'");
  return *date;
}

std::size_t facet_budget = newsdex::SearchOptions{}.facet_budget;
constexpr std::string_view kEstimateSuffix = "@estimate";
constexpr std::string_view kCollapseSuffix = "@collapse";

newsdex::SearchOptions to_options(const std::string& db, const bench::BenchQuery& q) {
  newsdex::SearchOptions options;
  options.db_path = db;
  options.query = q.query;
  options.persons = q.persons;
  options.places = q.places;
  if (!q.from.empty()) options.from = bound(q.from, newsdex::BoundSide::lower);
  if (!q.to.empty()) options.to = bound(q.to, newsdex::BoundSide::upper);
  options.match = q.any ? newsdex::WordMatch::any : newsdex::WordMatch::all;
  options.limit = 10;
  options.facets = q.facets;
  options.facet_budget = facet_budget;
  if (q.qid.ends_with(kEstimateSuffix)) options.count_budget = 1;  // no further than the page
  options.collapse = q.qid.ends_with(kCollapseSuffix);
  return options;
}

// The query's matches, counted as above, in as many parts as newssearch would make.
unsigned long long count_matches(const newsdex::SearchOptions& options) {
  Xapian::Database db(options.db_path);
  const newsdex::BuiltQuery built = newsdex::build_query(options, db);
  const auto count_only = [](Xapian::Enquire& enquire) {
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_relevance();  // docid order
  };
  newsdex::PartedMatchRequest request{db, options.db_path, built.query, count_only};
  request.wanted = 0;
  request.check_at_least = db.get_doccount();
  request.parts = newsdex::match_parts(options, db.get_doccount(), request.check_at_least, 0);
  return newsdex::match_in_parts(request).matches;
}

}  // namespace

int main(int argc, char** argv) try {
  std::vector<std::string> args(argv + 1, argv + argc);
  const auto take_flag = [&args](const std::string& flag) {
    const auto found = std::find(args.begin(), args.end(), flag);
    if (found == args.end()) return false;
    args.erase(found);
    return true;
  };
  const bool count_floor = take_flag("--count-floor");
  const bool totals_cost = take_flag("--totals-cost");
  const bool collapse_cost = take_flag("--collapse-cost");
  const bool cpu_time = take_flag("--cpu-time");
  if (args.size() < 2 || count_floor + totals_cost + collapse_cost > 1) {
    std::cerr << "usage: newsdex_query_bench [--count-floor | --totals-cost | --collapse-cost] [--cpu-time] "
                 "DB QUERIES [PASSES [FACET_BUDGET]]\n";
    return 2;
  }
  const std::string db = args[0];
  auto queries = bench::read_queries(args[1]);
  const int passes = args.size() > 2 ? std::stoi(args[2]) : 3;
  if (args.size() > 3) facet_budget = std::stoull(args[3]);
  if (count_floor) {
    std::erase_if(queries, [](const bench::BenchQuery& q) { return !q.facets; });
    const auto count = [&](const bench::BenchQuery& q) { return count_matches(to_options(db, q)); };
    bench::time_queries(queries, passes, std::cout, count, count, cpu_time);
    return 0;
  }
  if (totals_cost) {
    std::vector<bench::BenchQuery> pairs;
    for (const auto& q : queries) {
      if (q.facets) continue;
      pairs.push_back(q);
      pairs.push_back(q);
      pairs.back().qid += kEstimateSuffix;
    }
    queries = std::move(pairs);
  }
  if (collapse_cost) {
    std::vector<bench::BenchQuery> pairs;
    for (const auto& q : queries) {
      pairs.push_back(q);
      pairs.push_back(q);
      pairs.back().qid += kCollapseSuffix;
    }
    queries = std::move(pairs);
  }
  bench::time_queries(
      queries, passes, std::cout,
      [&](const bench::BenchQuery& q) { return newsdex::run_search(to_options(db, q)).hits.size(); },
      [&](const bench::BenchQuery& q) {  // the exact count, for comparing engines
        auto options = to_options(db, q);
        options.count_budget = 0;
        options.facets = false;
        return static_cast<unsigned long long>(newsdex::run_search(options).total);
      },
      cpu_time);
  return 0;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdex_query_bench: " << e.get_description() << '\n';
  return 1;
} catch (const std::exception& e) {
  std::cerr << "newsdex_query_bench: " << e.what() << '\n';
  return 1;
}
