// Unit tests for the query-syntax check: what is wrong with a query, and where.
#include "searcher/query_syntax.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "searcher/query_builder.hpp"

using namespace newsdex;

TEST_CASE("query syntax: each fault is named with its place") {
  struct Case {
    std::string query;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"oil OR", "'OR' at character 5 has nothing after it"},
      {"oil AND", "'AND' at character 5 has nothing after it"},
      {"oil XOR  ", "'XOR' at character 5 has nothing after it"},
      {"oil NOT", "'NOT' at character 5 has nothing after it"},
      {"NOT", "'NOT' at character 1 has nothing after it"},
      {"oil AND NOT", "'NOT' at character 9 has nothing after it"},
      {"AND oil", "'AND' at character 1 has nothing before it"},
      {"(OR oil)", "'OR' at character 2 has nothing before it"},
      {"oil AND OR gas", "'OR' at character 9 comes right after 'AND' at character 5"},
      {"NOT NOT oil", "'NOT' at character 5 comes right after 'NOT' at character 1"},
      {"(oil", "'(' at character 1 is never closed"},
      {"(oil OR (gas)", "'(' at character 1 is never closed"},
      {"oil )", "')' at character 5 has no '(' before it"},
      {"oil ()", "nothing between '(' at character 5 and ')'"},
      {"(oil OR)", "'OR' at character 6 has nothing after it"},
      {"\"oil", "the quote at character 1 is never closed"},
      {"\"oil gas\" \"", "the quote at character 11 is never closed"},
      {"oil OR -gas", "'-gas' at character 8 cannot follow 'OR' at character 5 (a word starting "
                      "with '-' excludes it: leave out OR)"},
      // Xapian would read these as plain words, "or" included.
      {"-oil OR gas", "'OR' at character 6 has only excluded words before it ('-oil' at "
                      "character 1): put what to find first, or use NOT"},
      {"-oil -gas AND x", "'AND' at character 11 has only excluded words before it ('-oil' at "
                          "character 1): put what to find first, or use NOT"},
      {"-oil NOT gas", "'NOT' at character 6 has only excluded words before it ('-oil' at "
                       "character 1): put what to find first, or use NOT"},
      {"x (-oil OR gas)", "'OR' at character 9 has only excluded words before it ('-oil' at "
                          "character 4): put what to find first, or use NOT"},
      {"(-oil) OR gas", "'OR' at character 8 has only excluded words before it ('-oil' at "
                        "character 2): put what to find first, or use NOT"},
      // Positions count characters, not bytes.
      {"caf\xC3\xA9 ( oil", "'(' at character 6 is never closed"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto error = query_syntax_error(c.query);
    REQUIRE(error.has_value());
    CHECK(*error == c.error);
  }
}

TEST_CASE("query syntax: valid queries pass") {
  const std::string query = GENERATE(
      as<std::string>{}, "oil", "oil gas", "oil AND gas", "oil OR gas", "oil AND NOT gas",
      "oil OR NOT gas", "NOT oil", "(NOT oil)", "oil -moscow", "-moscow oil", "+kyiv -moscow",
      "oil AND -gas", "\"grain corridor\"", "(oil OR gas) AND (nato OR kyiv)", "title:(oil gas)",
      "date:2025-12-14", "date:2025..2026", "person:\"Volodymyr Zelenskyy\"", "secur*", "f(x)",
      "oil - gas", "\"AND\"", "or and not", "oil \"NOT\"", "oil -gas OR x", "oil AND -gas OR x",
      "(oil -gas) OR x", "+oil OR gas", "-oil gas OR x", "-oil", "-oil -gas");
  CAPTURE(query);
  CHECK_FALSE(query_syntax_error(query).has_value());
}

TEST_CASE("query syntax: build_query refuses a bad query with the plain message") {
  SearchOptions options;
  options.query = "nato OR";
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  std::string message;
  try {
    (void)build_query(options, parser, &canonical_names);
  } catch (const Xapian::QueryParserError& e) {
    message = e.get_msg();
  }
  CHECK(message == "'OR' at character 6 has nothing after it");
}

TEST_CASE("query syntax: Xapian's grammar messages in plain words") {
  CHECK(plain_parser_message("oil XOR -gas", "Syntax: <expression> XOR <expression>") ==
        "'XOR' at character 5 needs words on both sides");
  CHECK(plain_parser_message("oil AND NOT", "Syntax: <expression> AND NOT <expression>") ==
        "'AND NOT' at character 5 needs words on both sides");
  CHECK(plain_parser_message("x", "Syntax: <expression> OR <expression>") ==
        "'OR' needs words on both sides");
  CHECK(plain_parser_message("x", "bad date") == "bad date");
}
