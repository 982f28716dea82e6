// Fuzzes the text helpers: repair_utf8, fold_case, collapse_whitespace, trim, truncate_utf8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/text.hpp"
#include "fuzz_checks.hpp"

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  using fuzz::is_clean_utf8;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  const RepairedText repaired = repair_utf8(bytes);
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(repaired.text));
  NEWSDEX_FUZZ_CHECK(repaired.repaired || repaired.text == bytes);
  const std::string& text = repaired.text;

  NEWSDEX_FUZZ_CHECK(is_clean_utf8(fold_case(text)));

  const std::string collapsed = collapse_whitespace(text);
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(collapsed));
  NEWSDEX_FUZZ_CHECK(collapsed.empty() || (!is_space(collapsed.front()) && !is_space(collapsed.back())));
  for (const char c : collapsed) NEWSDEX_FUZZ_CHECK(c == ' ' || !is_space(c));
  NEWSDEX_FUZZ_CHECK(collapsed.find("  ") == std::string::npos);
  NEWSDEX_FUZZ_CHECK(collapse_whitespace(collapsed) == collapsed);

  const std::string_view trimmed = trim(text);
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(trimmed));
  NEWSDEX_FUZZ_CHECK(trimmed.empty() || (!is_space(trimmed.front()) && !is_space(trimmed.back())));

  // Every cut of valid text is a valid prefix within the budget.
  for (std::size_t max = 0; max <= text.size() && max < 16; ++max) {
    const std::string_view cut = truncate_utf8(text, max);
    NEWSDEX_FUZZ_CHECK(cut.size() <= max && text.substr(0, cut.size()) == cut);
    NEWSDEX_FUZZ_CHECK(is_clean_utf8(cut));
  }
  const std::string_view half = truncate_utf8(text, text.size() / 2);
  NEWSDEX_FUZZ_CHECK(half.size() <= text.size() / 2 && is_clean_utf8(half));
  // Cuts at most one character short (4 bytes).
  NEWSDEX_FUZZ_CHECK(half.size() + 4 > text.size() / 2);
  return 0;
}
