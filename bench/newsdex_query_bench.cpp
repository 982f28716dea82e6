// Times newsdex::run_search over a translated query file (format in driver_io.hpp).
//
// Each run_search call opens the database, parses the query, matches, counts facets and
// cuts snippets: exactly what one `newssearch` invocation does minus process start-up and
// printing, so that whole call is what we time. The OS page cache is warm after the
// warm-up pass, as it is for a search server answering its second query.
//
// usage: newsdex_query_bench DB QUERIES [PASSES [FACET_BUDGET]]
#include <xapian.h>

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

#include "common/date.hpp"
#include "driver_io.hpp"
#include "searcher/searcher.hpp"

namespace {

newsdex::DateTime bound(const std::string& text, newsdex::BoundSide side) {
  const auto date = newsdex::parse_date_bound(text, side);
  if (!date) throw std::runtime_error("bad date bound '" + text + "'");
  return *date;
}

std::size_t facet_budget = newsdex::SearchOptions{}.facet_budget;

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
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) {
    std::cerr << "usage: newsdex_query_bench DB QUERIES [PASSES [FACET_BUDGET]]\n";
    return 2;
  }
  const std::string db = argv[1];
  const auto queries = bench::read_queries(argv[2]);
  const int passes = argc > 3 ? std::atoi(argv[3]) : 3;
  if (argc > 4) facet_budget = std::strtoull(argv[4], nullptr, 10);
  bench::time_queries(
      queries, passes, std::cout,
      [&](const bench::BenchQuery& q) { return newsdex::run_search(to_options(db, q)).hits.size(); },
      [&](const bench::BenchQuery& q) {  // --all makes Newsdex count exactly
        auto options = to_options(db, q);
        options.list_all = true;
        options.facets = false;
        return static_cast<unsigned long long>(newsdex::run_search(options).total);
      });
  return 0;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdex_query_bench: " << e.get_description() << '\n';
  return 1;
} catch (const std::exception& e) {
  std::cerr << "newsdex_query_bench: " << e.what() << '\n';
  return 1;
}
