// Unit tests for encoding repair, case folding and trimming.
#include "common/text.hpp"

#include <catch2/catch.hpp>

using namespace newsdex;

TEST_CASE("text: repair_utf8 keeps valid UTF-8 and repairs the rest") {
  struct Case {
    std::string input;
    std::string expected;
    bool repaired;
  };
  const std::vector<Case> cases = {
      {"plain ASCII", "plain ASCII", false},
      {"caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x93\xB0", "caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x93\xB0", false},
      {"a \xA3" "15.8m signing", "a \xC2\xA3" "15.8m signing", true},  // Latin-1 pound sign
      {"\x93quoted\x94", "\xE2\x80\x9Cquoted\xE2\x80\x9D", true},        // Windows-1252 quotes
      {std::string("nul\0byte", 8), "nulbyte", true},
      {"bell\x07 and tab\tkept", "bell and tab\tkept", true},
      {"truncated \xE2\x80", "truncated \xC3\xA2\xE2\x82\xAC", true},
      {"overlong \xC0\xAF", "overlong \xC3\x80\xC2\xAF", true},
      {"surrogate \xED\xA0\x80", "surrogate \xC3\xAD\xC2\xA0\xE2\x82\xAC", true},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.expected) {
      const RepairedText result = repair_utf8(c.input);
      CHECK(result.text == c.expected);
      CHECK(result.repaired == c.repaired);
    }
  }
}

TEST_CASE("text: repaired text is always valid UTF-8") {
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::string once = repair_utf8(every_byte).text;
  const RepairedText twice = repair_utf8(once);
  CHECK_FALSE(twice.repaired);
  CHECK(twice.text == once);
}

TEST_CASE("text: fold_case lowers Unicode letters") {
  CHECK(fold_case("Volodymyr ZELENSKYY") == "volodymyr zelenskyy");
  CHECK(fold_case("ERDO\xC4\x9E" "AN") == "erdo\xC4\x9F" "an");
  CHECK(fold_case("\xC3\x89MILE") == "\xC3\xA9mile");
  CHECK(fold_case("") == "");
}

TEST_CASE("text: trim and collapse_whitespace") {
  CHECK(trim("  \t a b \r\n") == "a b");
  CHECK(trim("   ") == "");
  CHECK(collapse_whitespace("  Harbor \n\n Daily\tNews ") == "Harbor Daily News");
  CHECK(collapse_whitespace("") == "");
}

TEST_CASE("text: truncate_utf8 never splits a character") {
  const std::string text = "ab\xE2\x80\x93" "cd";  // "ab–cd", the dash is 3 bytes
  CHECK(truncate_utf8(text, 10) == text);
  CHECK(truncate_utf8(text, 5) == "ab\xE2\x80\x93");
  CHECK(truncate_utf8(text, 4) == "ab");
  CHECK(truncate_utf8(text, 3) == "ab");
  CHECK(truncate_utf8(text, 0) == "");
}

TEST_CASE("text: terminal_safe leaves no control character and keeps printable text") {
  const std::string kStandIn = "\xEF\xBF\xBD";
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x93\xB0 \xE2\x82\xAC", "caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x93\xB0 \xE2\x82\xAC"},
      {"carriage\rreturn", "carriage return"},
      {"new\nline\ttab\vvt\fff", "new line tab vt ff"},
      {"\x1B[2J\x1B]0;owned\x07", kStandIn + "[2J" + kStandIn + "]0;owned" + kStandIn},
      {std::string("nul\0del\x7F", 8), "nul" + kStandIn + "del" + kStandIn},
      {"csi \xC2\x9B" "31m dcs \xC2\x90 st \xC2\x9C", "csi " + kStandIn + "31m dcs " + kStandIn + " st " + kStandIn},
      {"raw csi \x9B" "31m raw dcs \x90", "raw csi " + kStandIn + "31m raw dcs " + kStandIn},
      {"nel\xC2\x85line sep\xE2\x80\xA8para\xE2\x80\xA9", "nel line sep para "},
      {"rtl \xE2\x80\xAE" "fdp.exe isolate \xE2\x81\xA6", "rtl " + kStandIn + "fdp.exe isolate " + kStandIn},
      {"truncated \xE2\x80", "truncated " + kStandIn + kStandIn},
      {"nbsp\xC2\xA0kept", "nbsp\xC2\xA0kept"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.expected) { CHECK(terminal_safe(c.input) == c.expected); }
  }
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::string safe = terminal_safe(every_byte);
  CHECK(is_valid_utf8(safe));
  for (const char c : safe) CHECK(static_cast<unsigned char>(c) >= 0x20);
  CHECK(safe.find('\x7F') == std::string::npos);
  CHECK(safe.find("\xC2\x80") == std::string::npos);
  CHECK(terminal_safe(safe) == safe);
}
