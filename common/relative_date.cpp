// Relative dates: calendar arithmetic on std::chrono days, against an injectable today.
#include "common/relative_date.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "common/text.hpp"  // trim

namespace newsdex {

namespace {

namespace chr = std::chrono;

chr::year_month_day to_ymd(const DateTime& date) {
  return chr::year_month_day{chr::year{date.year}, chr::month{static_cast<unsigned>(date.month)},
                             chr::day{static_cast<unsigned>(date.day)}};
}

std::optional<DateTime> from_ymd(const chr::year_month_day& ymd) {
  if (!ymd.ok()) return std::nullopt;
  const int year = static_cast<int>(ymd.year());
  if (year < 1000 || year > 9999) return std::nullopt;
  return DateTime{year, static_cast<int>(static_cast<unsigned>(ymd.month())),
                  static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// Moves months back, keeping the day unless the month is shorter.
std::optional<DateTime> months_back(const DateTime& today, int months) {
  const chr::year_month month = chr::year_month{chr::year{today.year}, chr::month{static_cast<unsigned>(today.month)}} -
                                chr::months{months};
  const chr::day last = chr::year_month_day_last{month.year(), chr::month_day_last{month.month()}}.day();
  const chr::day day = std::min(chr::day{static_cast<unsigned>(today.day)}, last);
  return from_ymd(chr::year_month_day{month.year(), month.month(), day});
}

std::optional<DateTime> days_back(const DateTime& today, int days) {
  return from_ymd(chr::year_month_day{chr::sys_days{to_ymd(today)} - chr::days{days}});
}

// "last week", "last-week" or "last_week" → "week"; else empty.
std::string_view after_last(std::string_view text) {
  constexpr std::string_view kLast = "last";
  if (text.size() < kLast.size() + 2 || text.substr(0, kLast.size()) != kLast) return {};
  std::string_view rest = text.substr(kLast.size());
  const char separator = rest.front();
  if (separator != ' ' && separator != '-' && separator != '_') return {};
  rest.remove_prefix(1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

std::optional<DateTime> last_period(std::string_view unit, BoundSide side, const DateTime& today) {
  const bool lower = side == BoundSide::lower;
  if (unit == "week") {
    const chr::sys_days day{to_ymd(today)};
    const chr::sys_days monday = day - (chr::weekday{day} - chr::Monday) - chr::days{7};
    return from_ymd(chr::year_month_day{lower ? monday : monday + chr::days{6}});
  }
  if (unit == "month") {
    const auto first = months_back(DateTime{today.year, today.month, 1}, 1);
    if (!first || lower) return first;
    const auto last = chr::year_month_day_last{chr::year{first->year},
                                               chr::month_day_last{chr::month{static_cast<unsigned>(first->month)}}};
    return from_ymd(chr::year_month_day{last});
  }
  if (unit == "year") {
    return from_ymd(chr::year_month_day{chr::year{today.year - 1}, chr::month{lower ? 1U : 12U},
                                        chr::day{lower ? 1U : 31U}});
  }
  return std::nullopt;
}

}  // namespace

DateTime current_date() {
  if (const char* now = std::getenv(kNowVariable); now != nullptr && *now != '\0') {
    const auto date = parse_date(now);
    if (!date || date->has_time() || std::string_view(now).size() != 10) {
      throw std::invalid_argument(std::string(kNowVariable) + " must be a date as YYYY-MM-DD, not '" + now + "'");
    }
    return *date;
  }
  const chr::year_month_day today{chr::floor<chr::days>(chr::system_clock::now())};
  return *from_ymd(today);
}

std::optional<DateTime> parse_relative_date(std::string_view text, BoundSide side, const DateTime& today) {
  std::string word(trim(text));
  for (char& c : word) c = ascii_lower(c);
  if (word == "today") return days_back(today, 0);
  if (word == "yesterday") return days_back(today, 1);
  if (const std::string_view unit = after_last(word); !unit.empty()) return last_period(unit, side, today);
  // Nd, Nw, Nm, Ny.
  if (word.size() < 2 || word.size() > 5) return std::nullopt;
  int count = 0;
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    if (word[i] < '0' || word[i] > '9') return std::nullopt;
    count = count * 10 + (word[i] - '0');
  }
  if (count == 0) return std::nullopt;
  switch (word.back()) {
    case 'd': return days_back(today, count);
    case 'w': return days_back(today, count * 7);
    case 'm': return months_back(today, count);
    case 'y': return months_back(today, count * 12);
    default: return std::nullopt;
  }
}

std::string unquote_date_values(std::string_view query) {
  constexpr std::string_view kField = "date:";
  std::string out;
  out.reserve(query.size());
  std::size_t i = 0;
  while (i < query.size()) {
    const bool word_start = i == 0 || query[i - 1] == ' ' || query[i - 1] == '(' || query[i - 1] == '+' ||
                            query[i - 1] == '-';
    if (!word_start || query.substr(i, kField.size()) != kField) {
      out += query[i++];
      continue;
    }
    out += kField;
    i += kField.size();
    // A value, or the two bounds of a range: each quoted or not.
    for (int bound = 0; bound < 2; ++bound) {
      if (i < query.size() && query[i] == '"') {
        const std::size_t close = query.find('"', i + 1);
        if (close == std::string_view::npos || close == i + 1) break;
        for (const char c : trim(query.substr(i + 1, close - i - 1))) out += c == ' ' ? '-' : c;
        i = close + 1;
      } else {
        while (i < query.size() && query[i] != ' ' && query[i] != '"' && query[i] != ')' &&
               query.substr(i, 2) != "..") {
          out += query[i++];
        }
      }
      if (query.substr(i, 2) != "..") break;
      out += "..";
      i += 2;
    }
  }
  return out;
}

}  // namespace newsdex
