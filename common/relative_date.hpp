// Relative dates ("today", "7d", "last month") for --from, --to and date: ranges.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.hpp"

namespace newsdex {

// The environment variable that fixes "now" for relative dates, as YYYY-MM-DD; for tests
// and reproducible scripts. Unset, "now" is the system clock's current day in UTC.
inline constexpr const char* kNowVariable = "NEWSDEX_NOW";

// Today's date in UTC, or the day NEWSDEX_NOW names. Throws std::invalid_argument when
// NEWSDEX_NOW is set but is not a YYYY-MM-DD date.
[[nodiscard]] DateTime current_date();

// Parses a relative date, case-insensitively and ignoring surrounding white space, against
// today (a date without time):
//   today, yesterday          that day
//   Nd, Nw, Nm, Ny            N days, weeks, months or years before today (1 ≤ N ≤ 9999);
//                             a month or year back keeps the day, or the month's last day
//                             when it has fewer (2025-05-31 less 3m → 2025-02-28)
//   last week                 the previous calendar week, Monday to Sunday
//   last month, last year     the previous calendar month or year
// "last-week" and "last_week" are accepted too, for date: in queries where a space would end
// the value. A period stands for its first day as BoundSide::lower and its last day as
// BoundSide::upper; a single day stands for itself either way. Returns nullopt for anything
// else, and for dates outside the years 1000..9999.
[[nodiscard]] std::optional<DateTime> parse_relative_date(std::string_view text, BoundSide side,
                                                          const DateTime& today);

// The query text with each quoted value of date: written without quotes, its spaces as
// dashes: date:"last week"..today becomes date:last-week..today. Xapian's parser reads a
// range's bounds as they stand, quotes included, and ends a bound at a space, so a quoted
// bound would otherwise be refused or cut. A quote that does not close is left as it is.
[[nodiscard]] std::string unquote_date_values(std::string_view query);

}  // namespace newsdex
