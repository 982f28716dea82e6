// Contract checks shared by the fuzz targets: a failed check prints what broke and aborts,
// which libFuzzer records as a crash with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/date.hpp"
#include "common/text.hpp"

namespace newsdex::fuzz {

[[noreturn]] inline void contract_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: contract violated: %s\n", file, line, what);
  std::abort();
}

#define NEWSDEX_FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) \
               : ::newsdex::fuzz::contract_failed(#condition, __FILE__, __LINE__))

// Whether text is valid UTF-8 without the control characters repair_utf8 drops.
[[nodiscard]] inline bool is_clean_utf8(std::string_view text) {
  return !repair_utf8(text).repaired;
}

[[nodiscard]] inline bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

[[nodiscard]] inline int days_in_month(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// The DateTime contract from common/date.hpp: a real calendar day in 1000..9999, and either
// no time (hour -1) or a time of day.
[[nodiscard]] inline bool is_valid_date(const DateTime& date) {
  if (date.year < 1000 || date.year > 9999 || date.month < 1 || date.month > 12) return false;
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return false;
  if (date.hour == -1) return true;
  return date.hour >= 0 && date.hour <= 23 && date.minute >= 0 && date.minute <= 59 &&
         date.second >= 0 && date.second <= 59;
}

}  // namespace newsdex::fuzz
