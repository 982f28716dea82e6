// Unit tests for date parsing, prefixes, range bounds and ISO formatting.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/date.hpp"

namespace newsdex {
namespace {

struct DateCase {
  std::string text;
  std::string expected;  // format_iso_datetime of the result
};

struct PrefixCase {
  std::string text;
  std::string expected;
  std::size_t length;
};

void check_parses(const std::vector<DateCase>& cases) {
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.text) {
      const auto date = parse_date(c.text);
      REQUIRE(date.has_value());
      CHECK(format_iso_datetime(*date) == c.expected);
    }
  }
}

DateTime make_date(int year, int month, int day) {
  DateTime date;
  date.year = year;
  date.month = month;
  date.day = day;
  return date;
}

}  // namespace

TEST_CASE("date: ISO 8601 forms") {
  check_parses({
      {"2025-12-14", "2025-12-14"},
      {"2025-12-14T14:35:00Z", "2025-12-14T14:35:00"},
      {"2025-12-14t14:35:00z", "2025-12-14T14:35:00"},
      {"2025-12-14T14:35", "2025-12-14T14:35:00"},
      {"2025-12-14 14:35", "2025-12-14T14:35:00"},
      {"2025-12-14 14:35:09", "2025-12-14T14:35:09"},
      {"2025-12-14T14:35:00+01:00", "2025-12-14T14:35:00"},
      {"2025-12-14T14:35:00-0500", "2025-12-14T14:35:00"},
      {"2025-12-14T14:35:00+05", "2025-12-14T14:35:00"},
      {"2025-12-14T14:35:00.123Z", "2025-12-14T14:35:00"},
      {"2025-12-14T14:35:00.123456+01:00", "2025-12-14T14:35:00"},
      {"2025-12-14 14:35:00 UTC", "2025-12-14T14:35:00"},
      {"  2025-12-14\t", "2025-12-14"},
      {"2025-12-14T00:00:00", "2025-12-14T00:00:00"},
  });
}

TEST_CASE("date: RFC 2822 forms") {
  check_parses({
      {"Sun, 14 Dec 2025 14:35:00 +0000", "2025-12-14T14:35:00"},
      {"14 Dec 2025 14:35:00 +0000", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35:00 -0500", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35:00 GMT", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35:00 UT", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35:00 EST", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35:00 PDT", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35 +0000", "2025-12-14T14:35:00"},
      {"Sun, 14 Dec 2025 14:35:00 +0000 (UTC)", "2025-12-14T14:35:00"},
      {"Sun, 4 Dec 2025 08:05:00 +0000", "2025-12-04T08:05:00"},
      {"Sun, 14 Dec 2025", "2025-12-14"},
  });
}

TEST_CASE("date: US numeric forms") {
  check_parses({
      {"12/14/2025", "2025-12-14"},
      {"3/4/2025", "2025-03-04"},
      {"03/04/2025", "2025-03-04"},
      {"12/14/2025 \xE2\x80\x93 14:35", "2025-12-14T14:35:00"},
      {"12/14/2025 - 14:35", "2025-12-14T14:35:00"},
      {"12/14/2025, 14:35", "2025-12-14T14:35:00"},
      {"12/14/2025,14:35", "2025-12-14T14:35:00"},
      {"12/14/2025 14:35", "2025-12-14T14:35:00"},
      {"12/14/2025 14:35:59", "2025-12-14T14:35:59"},
      {"Tue, 03/04/2025 - 09:15", "2025-03-04T09:15:00"},
      {"Tuesday, 03/04/2025 \xE2\x80\x93 09:15", "2025-03-04T09:15:00"},
      {"Tue 03/04/2025", "2025-03-04"},
      {"12/14/2025 2:35 PM", "2025-12-14T14:35:00"},
      {"12/14/2025 12:05 am", "2025-12-14T00:05:00"},
  });
}

TEST_CASE("date: numeric forms read day first when the first number cannot be a month") {
  check_parses({
      {"14/12/2025", "2025-12-14"},
      {"31/1/2025", "2025-01-31"},
      {"13/01/2025 09:30", "2025-01-13T09:30:00"},
      {"Sun, 14/12/2025 - 09:30", "2025-12-14T09:30:00"},
      // Both could be a month: month first, as US sources write it.
      {"05/04/2025", "2025-05-04"},
      {"12/11/2025", "2025-12-11"},
  });
}

TEST_CASE("date: dotted forms are day first") {
  check_parses({
      {"14.12.2025", "2025-12-14"},
      {"03.04.2025", "2025-04-03"},
      {"3.4.2025", "2025-04-03"},
      {"14.12.2025 09:30", "2025-12-14T09:30:00"},
      {"14.12.2025, 09:30:15", "2025-12-14T09:30:15"},
      // Only month first makes a date.
      {"12.14.2025", "2025-12-14"},
  });
}

TEST_CASE("date: year-first numeric forms") {
  check_parses({
      {"2025/12/14", "2025-12-14"},
      {"2025/1/5", "2025-01-05"},
      {"2025/12/14 09:30", "2025-12-14T09:30:00"},
      {"2025/12/14 09:30:00 +0100", "2025-12-14T09:30:00"},
      {"2025.12.14", "2025-12-14"},
  });
}

TEST_CASE("date: compact forms") {
  check_parses({
      {"20251214", "2025-12-14"},
      {"19870226", "1987-02-26"},
      {"20251214T093000Z", "2025-12-14T09:30:00"},
      {"20251214T093000", "2025-12-14T09:30:00"},
      {"20251214T0930", "2025-12-14T09:30:00"},
      {"20251214T093000.5+0100", "2025-12-14T09:30:00"},
      {"202512140930", "2025-12-14T09:30:00"},
      {"20251214093000", "2025-12-14T09:30:00"},
      {"20251214 09:30", "2025-12-14T09:30:00"},
  });
}

TEST_CASE("date: asctime forms") {
  check_parses({
      {"Sun Dec 14 09:30:00 2025", "2025-12-14T09:30:00"},
      {"Sun Dec  4 09:30:00 2025", "2025-12-04T09:30:00"},
      {"Dec 14 09:30:00 2025", "2025-12-14T09:30:00"},
      {"Sun Dec 14 09:30:00 UTC 2025", "2025-12-14T09:30:00"},
      {"Sunday December 14 09:30 2025", "2025-12-14T09:30:00"},
      {"Thu Feb 26 15:01:01 1987", "1987-02-26T15:01:01"},
  });
}

TEST_CASE("date: Unix times in seconds or milliseconds") {
  check_parses({
      {"1765704600", "2025-12-14T09:30:00"},
      {"1765704600000", "2025-12-14T09:30:00"},
      {"1765704600123", "2025-12-14T09:30:00"},
      {"100000000", "1973-03-03T09:46:40"},
      {"99999999999", "5138-11-16T09:46:39"},
      {"100000000000", "1973-03-03T09:46:40"},
  });
  CHECK(format_iso_datetime(*date_from_unix_time(1765704600.75)) == "2025-12-14T09:30:00");
  CHECK(format_iso_datetime(*date_from_unix_time(536457600)) == "1987-01-01T00:00:00");
  CHECK(format_iso_datetime(*date_from_unix_time(536457600000.0)) == "1987-01-01T00:00:00");
  for (const double bad : {0.0, -1.0, 86400.0, 99999999.0, 1e14, 1e300, -1e12}) {
    CAPTURE(bad);
    CHECK_FALSE(date_from_unix_time(bad).has_value());
  }
}

TEST_CASE("date: written-out month forms") {
  check_parses({
      {"14 December 2025", "2025-12-14"},
      {"14 Dec 2025", "2025-12-14"},
      {"14 dec. 2025", "2025-12-14"},
      {"14th December 2025", "2025-12-14"},
      {"December 14, 2025", "2025-12-14"},
      {"December 14 2025", "2025-12-14"},
      {"Dec. 14, 2025", "2025-12-14"},
      {"Dec 14 2025", "2025-12-14"},
      {"Dec 14, 2025", "2025-12-14"},
      {"DECEMBER 14, 2025", "2025-12-14"},
      {"Sept. 3, 2025", "2025-09-03"},
      {"Sep 3, 2025", "2025-09-03"},
      {"September 3rd, 2025", "2025-09-03"},
      {"May 1, 2025", "2025-05-01"},
      {"Tuesday, December 16, 2025", "2025-12-16"},
      {"December 14, 2025 at 2:35 p.m.", "2025-12-14T14:35:00"},
      {"December 14, 2025, 09:15", "2025-12-14T09:15:00"},
  });
}

TEST_CASE("date: wire style") {
  check_parses({
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"},
      {"26-feb-1987 15:01:01.79", "1987-02-26T15:01:01"},
      {"26-Feb-1987", "1987-02-26"},
      {"3-MAR-1987 09:00:00.00", "1987-03-03T09:00:00"},
  });
}

TEST_CASE("date: leap years and days per month") {
  const auto [text, valid] = GENERATE(table<std::string, bool>({
      {"2024-02-29", true},
      {"2000-02-29", true},
      {"2025-02-29", false},
      {"1900-02-29", false},
      {"2025-02-28", true},
      {"2025-04-30", true},
      {"2025-04-31", false},
      {"2025-06-31", false},
      {"2025-09-31", false},
      {"2025-11-31", false},
      {"2025-01-31", true},
      {"2025-12-31", true},
      {"2025-02-30", false},
      {"Feb 29, 2024", true},
      {"Feb 29, 2023", false},
      {"2/29/2023", false},
      {"31 Apr 2025", false},
  }));
  CAPTURE(text);
  CHECK(parse_date(text).has_value() == valid);
}

TEST_CASE("date: rejected inputs") {
  const std::string text = GENERATE(
      as<std::string>{}, "", "   ", "garbage", "0000-00-00", "0000-01-01", "0999-12-31",
      "99999-01-01", "2025-13-01", "2025-00-10", "2025-12-00", "2025-12-32", "13/13/2025",
      "12/14/25", "12/14/20251", "2025-1-5", "Dec 14", "14 Dec", "Dec 2025", "Marching 14, 2025",
      "Tue", "Tue, ", "Tuesday,", "2025-12-14 25:00", "2025-12-14T14:60", "2025-12-14 at",
      "2025-12-14T", "2025-12-14 extra", "December 14, 2025.", "Smarch 14, 2025",
      "14 Decembre 2025", "12/14/2025 -", "26-FEB-87", "2025", "2025-12", "\xE2\x80\x93",
      "Dec. 14,, 2025", "--", "////", ":::", "32/12/2025", "14.13.2025", "2025/13/01",
      "2025/12/32", "2025/12-14", "14/12.2025", "20251314", "20250230", "2025121", "20251214 5",
      "20251214T", "20251214T25", "20251214T2500", "Sun Dec 14 25:00:00 2025",
      "Dec 14 09:30:00", "0", "86400", "12345678", "99999999", "123456789012345",
      "-1734168600", "1734168600.5.1", "2025-12-14 1734168600");
  CAPTURE(text);
  CHECK_FALSE(parse_date(text).has_value());
}

TEST_CASE("date: time fields") {
  const auto date = parse_date("2025-12-14T09:05:07Z");
  REQUIRE(date);
  CHECK(*date == DateTime{2025, 12, 14, 9, 5, 7});
  const auto day_only = parse_date("2025-12-14");
  REQUIRE(day_only);
  CHECK_FALSE(day_only->has_time());
  CHECK(day_only->hour == -1);
}

TEST_CASE("date: prefix length") {
  const std::string en_dash = "\xE2\x80\x93";
  const std::vector<PrefixCase> cases = {
      {"Tue, 03/04/2025 " + en_dash + " 09:15Harbor Daily NewsRead More", "2025-03-04T09:15:00",
       25},
      {"Tue, 03/04/2025 - 09:15 Harbor Daily", "2025-03-04T09:15:00", 23},
      {"03/04/2025 - Harbor Daily", "2025-03-04", 10},
      {"December 14, 2025Harbor Daily News", "2025-12-14", 17},
      {"2025-12-14 14:35 The Ledger", "2025-12-14T14:35:00", 16},
      {"2025-12-14T14:35:00ZLedger", "2025-12-14T14:35:00", 19},
      {"14 Dec 2025 | Ledger", "2025-12-14", 11},
      {"Dec 14, 2025, 10 people", "2025-12-14", 12},
      {"26-FEB-1987 15:01:01.79 REUTERS", "1987-02-26T15:01:01", 23},
      {"2025-12-14", "2025-12-14", 10},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.text) {
      const auto prefix = parse_date_prefix(c.text);
      REQUIRE(prefix.has_value());
      CHECK(format_iso_datetime(prefix->date) == c.expected);
      CHECK(prefix->length == c.length);
    }
  }
}

TEST_CASE("date: prefix rejects text that does not start with a date") {
  const std::string text = GENERATE(as<std::string>{}, "", "Harbor 2025-12-14", " 2025-12-14",
                                    "Tue, Harbor", "By Jane Doe", "12/14/20251 x", "2025-02-30 x");
  CAPTURE(text);
  CHECK_FALSE(parse_date_prefix(text).has_value());
}

TEST_CASE("date: range bounds") {
  struct BoundCase {
    std::string text;
    BoundSide side;
    std::optional<DateTime> expected;
  };
  const std::vector<BoundCase> cases = {
      {"2025", BoundSide::lower, make_date(2025, 1, 1)},
      {"2025", BoundSide::upper, make_date(2025, 12, 31)},
      {"2024-02", BoundSide::lower, make_date(2024, 2, 1)},
      {"2024-02", BoundSide::upper, make_date(2024, 2, 29)},
      {"2025-02", BoundSide::upper, make_date(2025, 2, 28)},
      {"2025-04", BoundSide::upper, make_date(2025, 4, 30)},
      {"2025-12-14", BoundSide::lower, make_date(2025, 12, 14)},
      {"2025-12-14", BoundSide::upper, make_date(2025, 12, 14)},
      {"", BoundSide::lower, std::nullopt},
      {"25", BoundSide::lower, std::nullopt},
      {"0000", BoundSide::lower, std::nullopt},
      {"99999", BoundSide::upper, std::nullopt},
      {"2025-13", BoundSide::upper, std::nullopt},
      {"2025-00", BoundSide::lower, std::nullopt},
      {"2025-2", BoundSide::lower, std::nullopt},
      {"2025-02-30", BoundSide::lower, std::nullopt},
      {"2025-12-14T10:00", BoundSide::lower, std::nullopt},
      {"Dec 2025", BoundSide::lower, std::nullopt},
      {"2025-", BoundSide::lower, std::nullopt},
      {"2025-12-", BoundSide::upper, std::nullopt},
      {" 2025", BoundSide::lower, std::nullopt},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.text << (c.side == BoundSide::lower ? " lower" : " upper")) {
      CHECK(parse_date_bound(c.text, c.side) == c.expected);
    }
  }
}

TEST_CASE("date: ISO formatting") {
  CHECK(format_iso_date(DateTime{2025, 3, 4, 9, 5, 0}) == "2025-03-04");
  CHECK(format_iso_datetime(DateTime{2025, 3, 4, 9, 5, 0}) == "2025-03-04T09:05:00");
  CHECK(format_iso_datetime(make_date(1987, 2, 26)) == "1987-02-26");
  CHECK(format_iso_datetime(DateTime{2025, 12, 31, 0, 0, 0}) == "2025-12-31T00:00:00");
}

TEST_CASE("date: never reads past the end of truncated input") {
  // Every prefix of every supported form: parsing must neither crash nor misread.
  const std::string full =
      GENERATE(as<std::string>{}, "Tue, 03/04/2025 \xE2\x80\x93 09:15Harbor",
               "Sun, 14 Dec 2025 14:35:00 +0000 (UTC)", "2025-12-14T14:35:00.123+01:00",
               "26-FEB-1987 15:01:01.79", "Sept. 3rd, 2025 at 9:15 p.m.");
  for (std::size_t n = 0; n <= full.size(); ++n) {
    const std::string cut = full.substr(0, n);
    const auto prefix = parse_date_prefix(cut);
    if (prefix) CHECK(prefix->length <= n);
    (void)parse_date(cut);
  }
  SUCCEED();
}

}  // namespace newsdex
