// Unit tests for the indexer's progress line: percent done and time left when the input size is known.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "indexer/run_report.hpp"

namespace newsdex {
namespace {

TEST_CASE("the progress line shows percent and time left only with a known input size") {
  CHECK(progress_line(1200, 3, 500, 0) == "1200 articles, 400/s");
  CHECK(progress_line(1200, 3, 500, 2000) == "1200 articles, 400/s, 25%, 0:09 left");
  CHECK(progress_line(10, 100, 1, 100) == "10 articles, 0/s, 1%, 2:45:00 left");
  CHECK(progress_line(0, 0, 0, 100) == "0 articles, 0/s, 0%");
  CHECK(progress_line(5, 2, 300, 200) == "5 articles, 2/s, 100%, 0:00 left");
}

TEST_CASE("the report adds up the bytes read against the bytes expected") {
  std::ostringstream err;
  RunReport report(err, false, true);
  report.expect_input_bytes(600);
  report.expect_input_bytes(400);
  report.read_input_bytes(500);
  report.indexed(false, true);
  report.show_progress();
  CHECK(err.str().find("1 articles, ") != std::string::npos);
  CHECK(err.str().find(", 50%, ") != std::string::npos);
}

TEST_CASE("standard input makes the size unknown") {
  std::ostringstream err;
  RunReport report(err, false, true);
  report.expect_input_bytes(600);
  report.expect_unknown_input();
  report.read_input_bytes(300);
  report.show_progress();
  CHECK(err.str().find('%') == std::string::npos);
  CHECK(err.str().find("0 articles") != std::string::npos);
}

}  // namespace
}  // namespace newsdex
