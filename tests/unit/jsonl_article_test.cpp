// Unit tests for the JSON Lines article parser: key aliases, types, errors and limits.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/jsonl_article.hpp"

namespace newsdex {
namespace {

struct Expected {
  std::string id;
  std::string title;
  std::string body;
  std::string author;
  std::string source;
  std::string url;
  std::string date;  // format_iso_datetime, or empty for no date
  std::string raw_date;
};

struct JsonCase {
  std::string line;
  Expected expected;
};

struct ErrorCase {
  std::string line;
  std::string error;
};

}  // namespace

TEST_CASE("jsonl_article: accepted records") {
  const std::vector<JsonCase> cases = {
      {R"({"id":"a1","title":"T","body":"B","date":"2025-12-14","author":"Jane Doe","source":"Ledger","url":"https://x.test/a"})",
       {"a1", "T", "B", "Jane Doe", "Ledger", "https://x.test/a", "2025-12-14", ""}},
      {R"({"headline":"H","text":"Line one\nLine two"})",
       {"", "H", "Line one\nLine two", "", "", "", "", ""}},
      {R"({"title":"T","content":"C"})", {"", "T", "C", "", "", "", "", ""}},
      {R"({"title":"T","published":"Sun, 14 Dec 2025 14:35:00 +0000"})",
       {"", "T", "", "", "", "", "2025-12-14T14:35:00", ""}},
      {R"({"title":"T","published_at":"2025-12-14T14:35:00Z"})",
       {"", "T", "", "", "", "", "2025-12-14T14:35:00", ""}},
      {R"({"title":"T","pubDate":"Dec. 14, 2025"})", {"", "T", "", "", "", "", "2025-12-14", ""}},
      {R"({"body":"only a body"})", {"", "", "only a body", "", "", "", "", ""}},
      {R"({"title":"T","authors":["Jane Doe"," John Roe ",""]})",
       {"", "T", "", "Jane Doe, John Roe", "", "", "", ""}},
      {R"({"title":"T","byline":"By Jane Doe"})", {"", "T", "", "Jane Doe", "", "", "", ""}},
      {R"({"title":"T","author":[]})", {"", "T", "", "", "", "", "", ""}},
      {R"({"title":"T","source":{"name":"Ledger","url":"x"}})",
       {"", "T", "", "", "Ledger", "", "", ""}},
      {R"({"title":"T","publisher":"Wire"})", {"", "T", "", "", "Wire", "", "", ""}},
      {R"({"title":"T","site":"site.test"})", {"", "T", "", "", "site.test", "", "", ""}},
      {R"({"title":"T","link":"http://l.test"})", {"", "T", "", "", "", "http://l.test", "", ""}},
      {R"({"title":"T","id":42})", {"42", "T", "", "", "", "", "", ""}},
      {R"({"title":"T","id":-7})", {"-7", "T", "", "", "", "", "", ""}},
      {R"({"title":"T","id":18446744073709551615})",
       {"18446744073709551615", "T", "", "", "", "", "", ""}},
      {R"({"title":"T","guid":"urn:x"})", {"urn:x", "T", "", "", "", "", "", ""}},
      {R"({"title":"  padded  ","body":"\n body \n"})", {"", "padded", "body", "", "", "", "", ""}},
      {R"({"title":"T","date":"next Tuesday"})", {"", "T", "", "", "", "", "", "next Tuesday"}},
      {R"({"title":"T","date":"  2025-02-30  "})", {"", "T", "", "", "", "", "", "2025-02-30"}},
      {R"({"title":"first","headline":"second"})", {"", "first", "", "", "", "", "", ""}},
      {R"({"title":null,"headline":"H"})", {"", "H", "", "", "", "", "", ""}},
      {R"({"title":"","headline":"H"})", {"", "H", "", "", "", "", "", ""}},
      {R"({"title":"T","extra":{"nested":[1,2,{"x":null}]},"views":5})",
       {"", "T", "", "", "", "", "", ""}},
      {R"({"title":"caf\u00e9 \"quoted\" [not a bracket"})",
       {"", "caf\xC3\xA9 \"quoted\" [not a bracket", "", "", "", "", "", ""}},
      {"  {\"title\":\"T\"}\r", {"", "T", "", "", "", "", "", ""}},
      // Escaped control characters are dropped like raw ones (found by json_article_fuzzer):
      // no form feed in a body, no terminal escape sequence in a title.
      {R"({"title":"\u001b[2JT\u0007","body":"one\ftwo\u0000\b\u007f\tthree\n","author":"\u0001Jane"})",
       {"", "[2JT", "onetwo\tthree", "Jane", "", "", "", ""}},
      {R"({"title":"T","id":"a\u0000b","source":{"name":"\u001fWire"},"url":"\u000bu"})",
       {"ab", "T", "", "", "Wire", "u", "", ""}},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.line) {
      const ArticleParse parse = parse_json_article(c.line);
      REQUIRE(parse.error.empty());
      REQUIRE(parse.article.has_value());
      const Article& a = *parse.article;
      CHECK(a.id == c.expected.id);
      CHECK(a.title == c.expected.title);
      CHECK(a.body == c.expected.body);
      CHECK(a.author == c.expected.author);
      CHECK(a.source == c.expected.source);
      CHECK(a.url == c.expected.url);
      CHECK((a.date ? format_iso_datetime(*a.date) : std::string()) == c.expected.date);
      CHECK(a.raw_date == c.expected.raw_date);
      CHECK(a.path.empty());
    }
  }
}

TEST_CASE("jsonl_article: dates of every form and type") {
  struct DateCase {
    std::string line;
    std::string date;  // format_iso_datetime, or empty for no date
    std::string raw_date;
  };
  const std::vector<DateCase> cases = {
      {R"({"title":"T","published":1765704600})", "2025-12-14T09:30:00", ""},
      {R"({"title":"T","published":1765704600000})", "2025-12-14T09:30:00", ""},
      {R"({"title":"T","date":1765704600.5})", "2025-12-14T09:30:00", ""},
      {R"({"title":"T","date":1.7657046e12})", "2025-12-14T09:30:00", ""},
      {R"({"title":"T","date":"1765704600"})", "2025-12-14T09:30:00", ""},
      {R"({"title":"T","date":20251214})", "2025-12-14", ""},
      {R"({"title":"T","date":"2025/12/14"})", "2025-12-14", ""},
      {R"({"title":"T","date":"14.12.2025"})", "2025-12-14", ""},
      {R"({"title":"T","date":"14/12/2025"})", "2025-12-14", ""},
      {R"({"title":"T","date":"Sun Dec 14 09:30:00 2025"})", "2025-12-14T09:30:00", ""},
      // A value that is not a date costs only the date, whatever its type.
      {R"({"title":"T","pubDate":true})", "", "true"},
      {R"({"title":"T","published":false})", "", "false"},
      {R"({"title":"T","published":{"when":"2025-12-14"}})", "", R"({"when":"2025-12-14"})"},
      {R"({"title":"T","published":["2025-12-14"]})", "", R"(["2025-12-14"])"},
      {R"({"title":"T","published":0})", "", "0"},
      {R"({"title":"T","published":-5})", "", "-5"},
      {R"({"title":"T","published":1e300})", "", "1e+300"},
      // The first key that reads as a date wins; without one, the first value is reported.
      {R"({"title":"T","date":true,"published":"2025-12-14"})", "2025-12-14", ""},
      {R"({"title":"T","date":"soon","published":"later"})", "", "soon"},
      {R"({"title":"T","date":"","published":1765704600})", "2025-12-14T09:30:00", ""},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.line) {
      const ArticleParse parse = parse_json_article(c.line);
      REQUIRE(parse.article.has_value());
      CHECK((parse.article->date ? format_iso_datetime(*parse.article->date) : std::string()) ==
            c.date);
      CHECK(parse.article->raw_date == c.raw_date);
    }
  }
}

TEST_CASE("jsonl_article: rejected records") {
  const std::vector<ErrorCase> cases = {
      {"", "empty line"},
      {"   ", "empty line"},
      {"{", "invalid JSON at byte 2"},
      {R"({"title":})", "invalid JSON at byte 10"},
      // The byte reported is the 1-based byte at which the parser gave up.
      {R"({"title":"T"} trailing)", "invalid JSON at byte 17"},
      {"not json", "invalid JSON at byte 2"},
      {"\x01", "invalid JSON at byte 1"},
      {R"({'title':'T'})", "invalid JSON at byte 2"},
      {"[1,2]", "expected a JSON object"},
      {R"("a string")", "expected a JSON object"},
      {"42", "expected a JSON object"},
      {"null", "expected a JSON object"},
      {R"({"title":5})", "\"title\" must be a string"},
      {R"({"headline":["x"]})", "\"headline\" must be a string"},
      {R"({"title":"T","headline":7})", "\"headline\" must be a string"},
      {R"({"body":{"a":1}})", "\"body\" must be a string"},
      {R"({"title":"T","url":1})", "\"url\" must be a string"},
      {R"({"title":"T","author":5})", "\"author\" must be a string or an array of strings"},
      {R"({"title":"T","authors":["a",1]})", "\"authors\" must be a string or an array of strings"},
      {R"({"title":"T","authors":[["a"]]})", "\"authors\" must be a string or an array of strings"},
      {R"({"title":"T","source":{"id":1}})",
       "\"source\" must be a string or an object with a string \"name\""},
      {R"({"title":"T","site":{"name":3}})",
       "\"site\" must be a string or an object with a string \"name\""},
      {R"({"title":"T","id":1.5})", "\"id\" must be a string or an integer"},
      {R"({"title":"T","guid":[1]})", "\"guid\" must be a string or an integer"},
      {R"({})", "no title or body"},
      {R"({"title":"  ","body":""})", "no title or body"},
      {R"({"author":"Jane Doe","date":"2025-12-14"})", "no title or body"},
      {R"({"title":"\u0000\u001b","body":" \f "})", "no title or body"},
      {std::string(100000, '['), "nested deeper than 64 levels"},
      {std::string(100000, '{'), "nested deeper than 64 levels"},
      {R"({"title":"T","x":)" + std::string(65, '[') + std::string(65, ']') + "}",
       "nested deeper than 64 levels"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.line.substr(0, 60)) {
      const ArticleParse parse = parse_json_article(c.line);
      CHECK_FALSE(parse.article.has_value());
      CHECK(parse.error == c.error);
    }
  }
}

TEST_CASE("jsonl_article: depth limit counts only brackets outside strings") {
  const auto [line, ok] = GENERATE(table<std::string, bool>({
      {R"({"title":")" + std::string(1000, '[') + "\"}", true},
      {R"({"title":"\"[[[[","x":)" + std::string(62, '[') + std::string(62, ']') + "}", true},
      {R"({"title":"T","x":)" + std::string(63, '[') + std::string(63, ']') + "}", true},
      {R"({"title":"T","x":)" + std::string(64, '[') + std::string(64, ']') + "}", false},
  }));
  CAPTURE(line.size());
  CHECK(parse_json_article(line).article.has_value() == ok);
}

}  // namespace newsdex
