// A streamed list fetched page by page hands over the list one match holds: the same hits,
// ranks and scores, in the same order, at any page size, offset and limit.
#include <catch2/catch.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "searcher/searcher.hpp"
#include "searcher/seen_docids.hpp"

using namespace newsdex;

namespace {

std::string line_of(const SearchHit& hit) {
  std::ostringstream out;
  out.precision(17);
  out << hit.rank << ' ' << hit.score << ' ' << hit.article.id << ' ' << hit.snippet << '\n';
  return out.str();
}

// The whole list as one match returns it (no sink, so no pages).
std::string held(SearchOptions options) {
  options.db_path = NEWSDEX_SAMPLE_DB;
  std::string text;
  for (const auto& hit : run_search(options).hits) text += line_of(hit);
  return text;
}

std::string streamed(SearchOptions options, std::size_t page, Xapian::doccount& total) {
  options.db_path = NEWSDEX_SAMPLE_DB;
  options.stream_page = page;
  std::string text;
  total = run_search(options, [&](const SearchResults&, const SearchHit& hit) { text += line_of(hit); }).total;
  return text;
}

}  // namespace

TEST_CASE("stream pages: every page size hands over the list of one match, in its order") {
  std::vector<SearchOptions> cases;
  const auto add = [&](std::string query, auto&& adjust) {
    SearchOptions options;
    options.query = std::move(query);
    options.limit = 0;
    adjust(options);
    cases.push_back(options);
  };
  add("", [](SearchOptions& o) { o.list_all = true; });
  add("", [](SearchOptions& o) { o.list_all = true; o.sort = SortOrder::oldest; });
  add("minister president war", [](SearchOptions& o) { o.match = WordMatch::any; });
  add("minister president war", [](SearchOptions& o) { o.match = WordMatch::any; o.offset = 7; o.limit = 11; });
  add("minister president war", [](SearchOptions& o) { o.match = WordMatch::any; o.offset = 3; });
  add("said", [](SearchOptions& o) { o.sort = SortOrder::newest; o.offset = 40; o.limit = 30; });
  add("", [](SearchOptions& o) { o.persons = {"Putin"}; });
  add("nothingmatchesthis", [](SearchOptions&) {});

  for (const auto& options : cases) {
    INFO("query: " << options.query << ", offset " << options.offset << ", limit " << options.limit);
    const std::string one = held(options);
    Xapian::doccount one_total = 0;
    const std::string unpaged = streamed(options, 0, one_total);
    CHECK(unpaged == one);
    for (const std::size_t page : {1, 2, 3, 7, 49, 50, 51}) {
      INFO("page: " << page);
      Xapian::doccount total = 0;
      CHECK(streamed(options, page, total) == one);
      CHECK(total == one_total);
    }
  }
}

TEST_CASE("stream pages: seen docids are those added, at any docid") {
  SeenDocids seen(100);
  for (const Xapian::docid did : {1u, 63u, 64u, 100u, 1000u}) {
    CHECK_FALSE(seen.contains(did));
    seen.add(did);
    CHECK(seen.contains(did));
  }
  CHECK_FALSE(seen.contains(2));
  CHECK_FALSE(seen.contains(65));
  CHECK_FALSE(seen.contains(999));
}
