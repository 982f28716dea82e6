// Publication dates: parsing the formats news sources use, and the encodings the index stores.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

// A calendar date with an optional time of day (hour < 0 when the time is unknown).
struct DateTime {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31, valid for the month and year
  int hour = -1;  // 0..23, or -1 when unknown
  int minute = 0;
  int second = 0;

  [[nodiscard]] bool has_time() const { return hour >= 0; }
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// Parses a whole date string in any supported format, ignoring surrounding white space:
//   ISO 8601         2025-12-14, 2025-12-14T14:35:00Z, 2025-12-14 14:35
//   ISO basic        20251214, 20251214T143500Z
//   year first       2025/12/14, 2025.12.14
//   RFC 2822         Sun, 14 Dec 2025 14:35:00 +0000
//   asctime          Sun Dec 14 14:35:00 2025, Sun Dec 14 14:35:00 UTC 2025
//   numeric d/m      12/14/2025, 12/14/2025 – 14:35, Tue, 03/04/2025 - 09:15: month first,
//                    as US sources write it, unless the first number exceeds 12
//                    (14/12/2025 is 14 December)
//   dotted           14.12.2025: day first, as European sources write it, unless only
//                    month first makes a date (12.14.2025)
//   day month year   14 December 2025, 14 Dec 2025
//   month day, year  December 14, 2025, Dec. 14, 2025, Dec 14 2025
//   wire style       26-FEB-1987 15:01:01.79
//   Unix time        a number of 9 to 14 digits, see date_from_unix_time
// Times are kept as written (no time-zone conversion). Returns nullopt for anything else,
// including impossible dates (2025-02-30, 0000-00-00) and years outside 1000..9999.
[[nodiscard]] std::optional<DateTime> parse_date(std::string_view text);

// Unix times below this are not taken for dates: 0 and other small numbers stand for
// "unknown" in many feeds more often than for a day in 1970-1973.
inline constexpr double kLeastUnixTime = 1e8;  // 1973-03-03
// From here on a Unix time counts milliseconds: as seconds it would be past the year 5000.
inline constexpr double kLeastUnixMilliseconds = 1e11;

// A Unix time as a UTC date and time: seconds since 1970-01-01T00:00:00Z when below
// kLeastUnixMilliseconds, else milliseconds. Returns nullopt below kLeastUnixTime, at or
// past kLeastUnixMilliseconds * 1000 (the year 5138 in milliseconds), or when not finite.
[[nodiscard]] std::optional<DateTime> date_from_unix_time(double value);

// A date found at the start of a longer string, e.g. the trailer line
// "Tue, 03/04/2025 – 09:15Harbor Daily NewsRead More".
struct DatePrefix {
  DateTime date;
  std::size_t length = 0;  // bytes of text the date (with weekday and time) took
};

// Parses the longest date (and time, if present) that text begins with, in any format
// parse_date accepts. Returns nullopt when text does not begin with a date.
[[nodiscard]] std::optional<DatePrefix> parse_date_prefix(std::string_view text);

// Which end of a period a partial date stands for.
enum class BoundSide { lower, upper };

// Parses a range bound given as YYYY, YYYY-MM or YYYY-MM-DD: the first day of that period
// for BoundSide::lower, the last day for BoundSide::upper (2024-02 upper → 2024-02-29).
// Returns nullopt for anything else.
[[nodiscard]] std::optional<DateTime> parse_absolute_bound(std::string_view text, BoundSide side);

// parse_absolute_bound, or else a relative date (today, yesterday, 7d, 2w, 3m, 1y, last week,
// last month; see parse_relative_date) against current_date(), which reads NEWSDEX_NOW.
// Throws std::invalid_argument when a relative date is asked for and NEWSDEX_NOW is bad.
[[nodiscard]] std::optional<DateTime> parse_date_bound(std::string_view text, BoundSide side);

// "YYYY-MM-DD".
[[nodiscard]] std::string format_iso_date(const DateTime& date);

// "YYYY-MM-DDThh:mm:ss" when the time is known, else "YYYY-MM-DD".
[[nodiscard]] std::string format_iso_datetime(const DateTime& date);

}  // namespace newsdex
