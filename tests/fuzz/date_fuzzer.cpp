// Fuzzes parse_date, parse_date_prefix and parse_date_bound on raw bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/date.hpp"
#include "fuzz_checks.hpp"

namespace {

bool before_or_same_day(const newsdex::DateTime& a, const newsdex::DateTime& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day <= b.day;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto date = parse_date(text)) {
    NEWSDEX_FUZZ_CHECK(fuzz::is_valid_date(*date));
    // What parse_date reads, it reads again from its own ISO rendering.
    const auto again = parse_date(format_iso_datetime(*date));
    NEWSDEX_FUZZ_CHECK(again && *again == *date);
  }

  if (const auto prefix = parse_date_prefix(text)) {
    NEWSDEX_FUZZ_CHECK(fuzz::is_valid_date(prefix->date));
    NEWSDEX_FUZZ_CHECK(prefix->length > 0 && prefix->length <= text.size());
  }

  const auto lower = parse_date_bound(text, BoundSide::lower);
  const auto upper = parse_date_bound(text, BoundSide::upper);
  NEWSDEX_FUZZ_CHECK(lower.has_value() == upper.has_value());
  if (lower && upper) {
    NEWSDEX_FUZZ_CHECK(fuzz::is_valid_date(*lower) && fuzz::is_valid_date(*upper));
    NEWSDEX_FUZZ_CHECK(before_or_same_day(*lower, *upper));
  }
  return 0;
}
