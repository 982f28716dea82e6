// Publication dates: a bounds-checked cursor parser for the formats news sources use.
#include "common/date.hpp"

#include "common/relative_date.hpp"

#include "common/text.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace newsdex {
namespace {

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 9999;
constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";

constexpr std::array<std::string_view, 12> kMonthNames = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// Full names first so "Tuesday" is not read as "Tue" followed by junk.
constexpr std::array<std::string_view, 17> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "thurs",
    "thur",   "mon",     "tue",       "wed",      "thu",    "fri",      "sat",    "sun"};

constexpr std::array<std::string_view, 19> kZoneNames = {
    "UTC", "UT",  "GMT", "EST",  "EDT", "CST", "CDT", "MST", "MDT", "PST",
    "PDT", "BST", "CET", "CEST", "EET", "ET",  "CT",  "MT",  "PT"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

bool valid_date(int year, int month, int day) {
  return year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

// A read position in the text. Every access checks the bound, so no input, however
// malformed, can make the parser read past the end.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  [[nodiscard]] std::size_t pos() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  bool eat(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  bool eat_literal(std::string_view literal) {
    if (text_.substr(pos_).starts_with(literal)) {
      pos_ += literal.size();
      return true;
    }
    return false;
  }

  // Case-insensitive word that must not run on into more letters ("Mar" in "Marching").
  bool eat_word(std::string_view word) {
    if (text_.size() - pos_ < word.size()) return false;
    if (!ascii_iequals(text_.substr(pos_, word.size()), word)) return false;
    if (is_alpha(peek(word.size()))) return false;
    pos_ += word.size();
    return true;
  }

  std::size_t skip_blanks() {
    const std::size_t start = pos_;
    while (peek() == ' ' || peek() == '\t') ++pos_;
    return pos_ - start;
  }

  // A run of digits whose length is within [min_digits, max_digits]; the whole run is
  // measured first so "20251" is never read as the year 2025.
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    std::size_t count = 0;
    while (is_digit(peek(count))) ++count;
    if (count < min_digits || count > max_digits) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) value = value * 10 + (text_[pos_ + i] - '0');
    pos_ += count;
    return value;
  }

  // Exactly count digits, even when more follow (for run-together forms like 20251214).
  std::optional<int> fixed_digits(std::size_t count) {
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_digit(peek(i))) return std::nullopt;
      value = value * 10 + (peek(i) - '0');
    }
    pos_ += count;
    return value;
  }

  // How many digits follow.
  [[nodiscard]] std::size_t digit_run() const {
    std::size_t count = 0;
    while (is_digit(peek(count))) ++count;
    return count;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<int> month_name(Cursor& c) {
  const std::size_t start = c.pos();
  for (std::size_t i = 0; i < kMonthNames.size(); ++i) {
    const std::string_view name = kMonthNames[i];
    if (c.eat_word(name) || (i == 8 && c.eat_word("sept")) || c.eat_word(name.substr(0, 3))) {
      c.eat('.');
      return static_cast<int>(i) + 1;
    }
    c.reset(start);
  }
  return std::nullopt;
}

// "Tue, ", "Tuesday ", "Tue. " before a date; the weekday is not checked against the date
// because sources get it wrong more often than the date itself.
bool skip_weekday(Cursor& c) {
  const std::size_t start = c.pos();
  for (const std::string_view name : kWeekdays) {
    if (!c.eat_word(name)) continue;
    c.eat('.');
    const bool comma = c.eat(',');
    if (c.skip_blanks() > 0 || comma) return true;
    break;
  }
  c.reset(start);
  return false;
}

void skip_ordinal_suffix(Cursor& c) {
  for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (c.eat_word(suffix)) return;
  }
}

void skip_fraction(Cursor& c) {
  if (c.peek() == '.' && is_digit(c.peek(1))) {
    c.eat('.');
    while (is_digit(c.peek())) c.eat(c.peek());
  }
}

// "am", "pm", "a.m.", "p.m." after a time: +12 for pm, and 12 am is midnight.
void apply_meridiem(Cursor& c, int& hour) {
  const std::size_t start = c.pos();
  c.skip_blanks();
  bool pm = false;
  if (c.eat_literal("a.m.") || c.eat_literal("A.M.") || c.eat_word("am")) {
    pm = false;
  } else if (c.eat_literal("p.m.") || c.eat_literal("P.M.") || c.eat_word("pm")) {
    pm = true;
  } else {
    c.reset(start);
    return;
  }
  if (hour < 1 || hour > 12) {
    c.reset(start);
    return;
  }
  hour = (hour % 12) + (pm ? 12 : 0);
}

// hh:mm, hh:mm:ss or hh:mm:ss.fff, with an optional am/pm. The caller restores the
// cursor on failure.
bool parse_clock(Cursor& c, DateTime& date) {
  const auto hour = c.number(1, 2);
  if (!hour || !c.eat(':')) return false;
  const auto minute = c.number(2, 2);
  if (!minute) return false;
  int second = 0;
  const std::size_t before_seconds = c.pos();
  if (c.eat(':')) {
    const auto parsed = c.number(2, 2);
    if (parsed) {
      second = *parsed;
      skip_fraction(c);
    } else {
      c.reset(before_seconds);
    }
  }
  int h = *hour;
  apply_meridiem(c, h);
  if (h > 23 || *minute > 59 || second > 59) return false;
  date.hour = h;
  date.minute = *minute;
  date.second = second;
  return true;
}

bool skip_numeric_offset(Cursor& c) {
  const std::size_t start = c.pos();
  if (!c.eat('+') && !c.eat('-')) return false;
  if (c.number(4, 4)) return true;
  if (c.number(2, 2)) {
    const std::size_t after_hours = c.pos();
    if (c.eat(':') && !c.number(2, 2)) c.reset(after_hours);
    return true;
  }
  c.reset(start);
  return false;
}

// Zones are recognized only to be consumed: times are kept as written.
void skip_zone(Cursor& c) {
  const std::size_t start = c.pos();
  c.skip_blanks();
  bool found = c.eat_word("Z") || skip_numeric_offset(c);
  for (std::size_t i = 0; !found && i < kZoneNames.size(); ++i) found = c.eat_word(kZoneNames[i]);
  if (!found) {
    c.reset(start);
    return;
  }
  // RFC 2822 comment such as "(UTC)" or "(EST)".
  const std::size_t after_zone = c.pos();
  c.skip_blanks();
  if (c.eat('(')) {
    while (is_alpha(c.peek())) c.eat(c.peek());
    if (c.eat(')')) return;
  }
  c.reset(after_zone);
}

bool skip_time_separator(Cursor& c, bool iso) {
  const std::size_t start = c.pos();
  if (iso && (c.eat('T') || c.eat('t'))) return true;
  c.skip_blanks();
  if (c.eat_literal(kEnDash) || c.eat_literal(kEmDash) || c.eat('-') || c.eat(',') || c.eat('|') ||
      c.eat_word("at")) {
    c.skip_blanks();
  }
  return c.pos() > start;
}

// The optional time after a date; when there is none the cursor stays right after the date.
void parse_trailing_time(Cursor& c, DateTime& date, bool iso) {
  const std::size_t start = c.pos();
  if (!skip_time_separator(c, iso) || !parse_clock(c, date)) {
    c.reset(start);
    return;
  }
  skip_zone(c);
}

bool finish(Cursor& c, DateTime& date, int year, int month, int day, bool iso = false) {
  if (!valid_date(year, month, day)) return false;
  date = DateTime{year, month, day};
  parse_trailing_time(c, date, iso);
  return true;
}

// 2025-12-14, optionally with a time.
bool parse_iso(Cursor& c, DateTime& date) {
  const auto year = c.number(4, 4);
  if (!year || !c.eat('-')) return false;
  const auto month = c.number(2, 2);
  if (!month || !c.eat('-')) return false;
  const auto day = c.number(2, 2);
  return day && finish(c, date, *year, *month, *day, true);
}

// Day and month of a numeric date whose order is not certain. Month first, as US sources
// write it, unless the first number cannot be a month but the second can (14/12/2025); with
// day_first (dotted dates, a European form) day first unless only month first is possible.
bool finish_numeric(Cursor& c, DateTime& date, int year, int first, int second, bool day_first) {
  const bool month_first = day_first ? first <= 12 && second > 12 : first <= 12;
  return month_first ? finish(c, date, year, first, second) : finish(c, date, year, second, first);
}

// 12/14/2025 (month first) or 14/12/2025 (day first, since 14 cannot be a month);
// 14.12.2025 (day first).
bool parse_numeric_day_month_year(Cursor& c, DateTime& date) {
  const auto first = c.number(1, 2);
  if (!first) return false;
  const char separator = c.peek();
  if (separator != '/' && separator != '.') return false;
  c.eat(separator);
  const auto second = c.number(1, 2);
  if (!second || !c.eat(separator)) return false;
  const auto year = c.number(4, 4);
  return year && finish_numeric(c, date, *year, *first, *second, separator == '.');
}

// 2025/12/14 and 2025.12.14: year first, then month and day, as in ISO.
bool parse_year_first_numeric(Cursor& c, DateTime& date) {
  const auto year = c.number(4, 4);
  if (!year) return false;
  const char separator = c.peek();
  if (separator != '/' && separator != '.') return false;
  c.eat(separator);
  const auto month = c.number(1, 2);
  if (!month || !c.eat(separator)) return false;
  const auto day = c.number(1, 2);
  return day && finish(c, date, *year, *month, *day);
}

// hhmm or hhmmss run together, as ISO 8601's basic format writes a time.
bool parse_compact_clock(Cursor& c, std::size_t length, DateTime& date) {
  const auto hour = c.fixed_digits(2);
  const auto minute = c.fixed_digits(2);
  const auto second = length == 6 ? c.fixed_digits(2) : std::optional<int>(0);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) return false;
  date.hour = *hour;
  date.minute = *minute;
  date.second = *second;
  return true;
}

// 20251214, 202512140930, 20251214093000, and ISO 8601's basic format: 20251214T093000Z.
bool parse_compact(Cursor& c, DateTime& date) {
  const std::size_t run = c.digit_run();
  if (run != 8 && run != 12 && run != 14) return false;
  const auto year = c.fixed_digits(4);
  const auto month = c.fixed_digits(2);
  const auto day = c.fixed_digits(2);
  if (!valid_date(*year, *month, *day)) return false;
  date = DateTime{*year, *month, *day};
  if (run > 8) {
    if (!parse_compact_clock(c, run - 8, date)) return false;
    skip_zone(c);
    return true;
  }
  const std::size_t before_time = c.pos();
  if (c.eat('T') || c.eat('t')) {
    const std::size_t clock_length = c.digit_run();
    if ((clock_length == 4 || clock_length == 6) && parse_compact_clock(c, clock_length, date)) {
      skip_fraction(c);
      skip_zone(c);
      return true;
    }
    date = DateTime{*year, *month, *day};
    c.reset(before_time);
    return true;
  }
  parse_trailing_time(c, date, false);
  return true;
}

// Sun Dec 14 09:30:00 2025, as C's asctime and Unix date write it (a zone may come before
// the year: Sun Dec 14 09:30:00 UTC 2025).
bool parse_asctime(Cursor& c, DateTime& date) {
  const auto month = month_name(c);
  if (!month || c.skip_blanks() == 0) return false;
  const auto day = c.number(1, 2);
  if (!day || c.skip_blanks() == 0) return false;
  DateTime clock;
  if (!parse_clock(c, clock)) return false;
  skip_zone(c);
  if (c.skip_blanks() == 0) return false;
  const auto year = c.number(4, 4);
  if (!year || !valid_date(*year, *month, *day)) return false;
  date = DateTime{*year, *month, *day, clock.hour, clock.minute, clock.second};
  return true;
}

// 14 December 2025, 14 Dec 2025 (RFC 2822), 26-FEB-1987 (wire services).
bool parse_day_month_year(Cursor& c, DateTime& date) {
  const auto day = c.number(1, 2);
  if (!day) return false;
  skip_ordinal_suffix(c);
  const bool dashed = c.eat('-');
  if (!dashed && c.skip_blanks() == 0) return false;
  const auto month = month_name(c);
  if (!month) return false;
  if (dashed) {
    if (!c.eat('-')) return false;
  } else {
    const bool comma = c.eat(',');
    if (c.skip_blanks() == 0 && !comma) return false;
  }
  const auto year = c.number(4, 4);
  return year && finish(c, date, *year, *month, *day);
}

// December 14, 2025; Dec. 14, 2025; Dec 14 2025.
bool parse_month_day_year(Cursor& c, DateTime& date) {
  const auto month = month_name(c);
  if (!month || c.skip_blanks() == 0) return false;
  const auto day = c.number(1, 2);
  if (!day) return false;
  skip_ordinal_suffix(c);
  const bool comma = c.eat(',');
  if (c.skip_blanks() == 0 && !comma) return false;
  const auto year = c.number(4, 4);
  return year && finish(c, date, *year, *month, *day);
}

using FormatParser = bool (*)(Cursor&, DateTime&);
constexpr std::array<FormatParser, 7> kFormats = {
    parse_iso,     parse_numeric_day_month_year, parse_year_first_numeric, parse_compact,
    parse_asctime, parse_day_month_year,         parse_month_day_year};

// The longest date any format reads from text starting at start.
std::optional<DatePrefix> longest_at(std::string_view text, std::size_t start) {
  std::optional<DatePrefix> best;
  for (const FormatParser format : kFormats) {
    Cursor c(text);
    c.reset(start);
    DateTime date;
    if (format(c, date) && (!best || c.pos() > best->length)) best = DatePrefix{date, c.pos()};
  }
  return best;
}

void append_padded(std::string& out, int value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (value >= 0 && digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

std::optional<DatePrefix> parse_date_prefix(std::string_view text) {
  Cursor c(text);
  std::optional<DatePrefix> best = longest_at(text, 0);
  if (skip_weekday(c)) {
    const auto with_weekday = longest_at(text, c.pos());
    if (with_weekday && (!best || with_weekday->length > best->length)) best = with_weekday;
  }
  return best;
}

std::optional<DateTime> parse_date(std::string_view text) {
  const std::string_view trimmed = trim(text);
  const auto prefix = parse_date_prefix(trimmed);
  if (prefix && prefix->length == trimmed.size()) return prefix->date;
  // A bare number too long for YYYYMMDD: a Unix time, as feeds and APIs write them.
  const std::size_t digits = std::string_view(trimmed).find_first_not_of("0123456789");
  if (digits == std::string_view::npos && trimmed.size() > 8 && trimmed.size() <= 14) {
    return date_from_unix_time(std::stod(std::string(trimmed)));
  }
  return std::nullopt;
}

std::optional<DateTime> date_from_unix_time(double value) {
  if (!std::isfinite(value) || value < kLeastUnixTime || value >= kLeastUnixMilliseconds * 1000) {
    return std::nullopt;
  }
  const double seconds = value >= kLeastUnixMilliseconds ? value / 1000 : value;
  const auto whole = static_cast<std::int64_t>(std::floor(seconds));
  const std::chrono::sys_seconds time{std::chrono::seconds{whole}};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss clock{time - day};
  DateTime date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day())),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count())};
  if (!valid_date(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::optional<DateTime> parse_date_bound(std::string_view text, BoundSide side) {
  if (const auto absolute = parse_absolute_bound(text, side)) return absolute;
  return parse_relative_date(text, side, current_date());
}

std::optional<DateTime> parse_absolute_bound(std::string_view text, BoundSide side) {
  Cursor c(text);
  const auto year = c.number(4, 4);
  if (!year) return std::nullopt;
  int month = side == BoundSide::lower ? 1 : 12;
  std::optional<int> day;
  if (c.eat('-')) {
    const auto parsed_month = c.number(2, 2);
    if (!parsed_month) return std::nullopt;
    month = *parsed_month;
    if (c.eat('-')) {
      day = c.number(2, 2);
      if (!day) return std::nullopt;
    }
  }
  if (c.pos() != text.size() || month < 1 || month > 12) return std::nullopt;
  if (!day) day = side == BoundSide::lower ? 1 : days_in_month(*year, month);
  if (!valid_date(*year, month, *day)) return std::nullopt;
  return DateTime{*year, month, *day};
}

std::string format_iso_date(const DateTime& date) {
  std::string out;
  append_padded(out, date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  return out;
}

std::string format_iso_datetime(const DateTime& date) {
  std::string out = format_iso_date(date);
  if (!date.has_time()) return out;
  out += 'T';
  append_padded(out, date.hour, 2);
  out += ':';
  append_padded(out, date.minute, 2);
  out += ':';
  append_padded(out, date.second, 2);
  return out;
}

}  // namespace newsdex
