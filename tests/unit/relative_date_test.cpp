// Unit tests for relative dates against a fixed today, and NEWSDEX_NOW through parse_date_bound.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/date.hpp"
#include "common/relative_date.hpp"

namespace newsdex {
namespace {

// 2025-12-14 is a Sunday.
const DateTime kToday{2025, 12, 14};

std::string relative(const std::string& text, BoundSide side = BoundSide::lower,
                     const DateTime& today = kToday) {
  const auto date = parse_relative_date(text, side, today);
  return date ? format_iso_date(*date) : "none";
}

TEST_CASE("days, weeks, months and years count back from today") {
  CHECK(relative("today") == "2025-12-14");
  CHECK(relative(" Yesterday ") == "2025-12-13");
  CHECK(relative("7d") == "2025-12-07");
  CHECK(relative("14d") == "2025-11-30");
  CHECK(relative("2w") == "2025-11-30");
  CHECK(relative("3m") == "2025-09-14");
  CHECK(relative("1y") == "2024-12-14");
  CHECK(relative("7D", BoundSide::upper) == "2025-12-07");
}

TEST_CASE("a month back keeps the day or takes the shorter month's last") {
  CHECK(relative("3m", BoundSide::lower, DateTime{2025, 5, 31}) == "2025-02-28");
  CHECK(relative("1m", BoundSide::lower, DateTime{2024, 3, 31}) == "2024-02-29");
  CHECK(relative("1y", BoundSide::lower, DateTime{2024, 2, 29}) == "2023-02-28");
  CHECK(relative("1d", BoundSide::lower, DateTime{2025, 1, 1}) == "2024-12-31");
}

TEST_CASE("last week and last month are whole calendar periods") {
  CHECK(relative("last week", BoundSide::lower) == "2025-12-01");
  CHECK(relative("last week", BoundSide::upper) == "2025-12-07");
  CHECK(relative("last-week", BoundSide::lower, DateTime{2025, 12, 15}) == "2025-12-08");
  CHECK(relative("last_week", BoundSide::upper, DateTime{2025, 12, 15}) == "2025-12-14");
  CHECK(relative("last month", BoundSide::lower) == "2025-11-01");
  CHECK(relative("Last Month", BoundSide::upper) == "2025-11-30");
  CHECK(relative("last month", BoundSide::upper, DateTime{2025, 3, 10}) == "2025-02-28");
  CHECK(relative("last month", BoundSide::lower, DateTime{2025, 1, 10}) == "2024-12-01");
  CHECK(relative("last year", BoundSide::upper) == "2024-12-31");
}

TEST_CASE("anything else is not a relative date") {
  for (const char* text : {"", "d", "0d", "7", "7x", "-7d", "7 d", "123456d", "lastweek", "last",
                           "last fortnight", "tomorrow", "2025"}) {
    CAPTURE(text);
    CHECK(relative(text) == "none");
  }
  CHECK(relative("9999y") == "none");  // before the year 1000
}

TEST_CASE("parse_date_bound takes relative dates against NEWSDEX_NOW") {
  ::setenv(kNowVariable, "2025-12-14", 1);
  const auto from = parse_date_bound("yesterday", BoundSide::lower);
  REQUIRE(from);
  CHECK(format_iso_date(*from) == "2025-12-13");
  const auto to = parse_date_bound("last month", BoundSide::upper);
  REQUIRE(to);
  CHECK(format_iso_date(*to) == "2025-11-30");
  // Absolute bounds do not read NEWSDEX_NOW.
  ::setenv(kNowVariable, "soon", 1);
  CHECK(parse_date_bound("2024-02", BoundSide::upper).has_value());
  CHECK_THROWS_AS(parse_date_bound("7d", BoundSide::lower), std::invalid_argument);
  ::unsetenv(kNowVariable);
  // Without NEWSDEX_NOW, today is the clock's day in UTC.
  CHECK(parse_date_bound("today", BoundSide::lower).has_value());
}

TEST_CASE("quoted date: values lose their quotes, their spaces becoming dashes") {
  const std::pair<std::string, std::string> cases[] = {
      {R"(date:"last week"..today)", "date:last-week..today"},
      {R"(oil date:"last month"..yesterday)", "oil date:last-month..yesterday"},
      {R"(date:2025-01.."last week")", "date:2025-01..last-week"},
      {R"(date:"2w"..)", "date:2w.."},
      {R"(date:.."1y")", "date:..1y"},
      {R"(date:"last week")", "date:last-week"},
      {R"((date:"7d"..today OR gas))", "(date:7d..today OR gas)"},
      {R"(-date:"last week" oil)", "-date:last-week oil"},
      // Not a date: value, or a quote that does not close: as they are.
      {R"(update:"last week")", R"(update:"last week")"},
      {R"("oil date" "last week")", R"("oil date" "last week")"},
      {R"(date:"last week)", R"(date:"last week)"},
      {R"(date:"")", R"(date:"")"},
      {"date:2025..2026 oil", "date:2025..2026 oil"},
  };
  for (const auto& [query, expected] : cases) {
    INFO(query);
    CHECK(unquote_date_values(query) == expected);
  }
}

}  // namespace
}  // namespace newsdex
