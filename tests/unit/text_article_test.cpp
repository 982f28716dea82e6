// Unit tests for the plain-text article parser: headers, headline, body and trailer.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/text_article.hpp"

namespace newsdex {
namespace {

const std::string kEnDash = "\xE2\x80\x93";

struct Expected {
  std::string title;
  std::string body;
  std::string author;
  std::string source;
  std::string url;
  std::string date;  // format_iso_datetime, or empty for no date
  std::string raw_date;
};

struct TextCase {
  std::string name;
  std::string input;
  Expected expected;
};

void check_article(const std::string& input, const Expected& expected) {
  const ArticleParse parse = parse_text_article(input);
  REQUIRE(parse.error.empty());
  REQUIRE(parse.article.has_value());
  const Article& article = *parse.article;
  CHECK(article.title == expected.title);
  CHECK(article.body == expected.body);
  CHECK(article.author == expected.author);
  CHECK(article.source == expected.source);
  CHECK(article.url == expected.url);
  CHECK((article.date ? format_iso_datetime(*article.date) : std::string()) == expected.date);
  CHECK(article.raw_date == expected.raw_date);
  CHECK(article.id.empty());
  CHECK(article.path.empty());
}

void run_cases(const std::vector<TextCase>& cases) {
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) { check_article(c.input, c.expected); }
  }
}

}  // namespace

TEST_CASE("text_article: headline and body") {
  run_cases({
      {"headline then body",
       "Bridge reopens\n\nThe bridge reopened today.\n",
       {"Bridge reopens", "The bridge reopened today.", "", "", "", "", ""}},
      {"title only", "Just a headline\n", {"Just a headline", "", "", "", "", "", ""}},
      {"leading blank lines and title trimmed",
       "\n\n   Spaced title   \nBody line.\n",
       {"Spaced title", "Body line.", "", "", "", "", ""}},
      {"paragraphs keep one blank line",
       "T\n\nFirst para line one.\nFirst para line two.\n\n\n\nSecond para.\n\n",
       {"T", "First para line one.\nFirst para line two.\n\nSecond para.", "", "", "", "", ""}},
      {"trailing spaces and tabs trimmed",
       "T  \t\nOne. \t \n \t\nTwo.\t\n",
       {"T", "One.\n\nTwo.", "", "", "", "", ""}},
      {"UTF-8 BOM dropped", "\xEF\xBB\xBFTitle\n\nBody.", {"Title", "Body.", "", "", "", "", ""}},
      {"unknown key is a headline",
       "Note: the meeting starts at 9\n\nCouncil meets tonight.",
       {"Note: the meeting starts at 9", "Council meets tonight.", "", "", "", "", ""}},
      {"no final newline", "T\nBody", {"T", "Body", "", "", "", "", ""}},
  });
}

TEST_CASE("text_article: header block") {
  run_cases({
      {"all keys",
       "Title: Bridge reopens\nDate: 2025-12-14\nAuthor: Jane Doe\nSource: Harbor Daily\n"
       "URL: https://example.com/a\n\nBody text.",
       {"Bridge reopens", "Body text.", "Jane Doe", "Harbor Daily", "https://example.com/a",
        "2025-12-14", ""}},
      {"keys case-insensitive, values trimmed",
       "TITLE:   Loud   \ndate: Dec 14, 2025\nsource:Wire \n\nBody.",
       {"Loud", "Body.", "", "Wire", "", "2025-12-14", ""}},
      {"Byline, Link and Published aliases",
       "Title: T\nByline: By Maria de la Cruz\nLink: http://x.test/\nPublished: "
       "2025-12-14T08:00:00Z\n\nBody.",
       {"T", "Body.", "Maria de la Cruz", "", "http://x.test/", "2025-12-14T08:00:00", ""}},
      {"header without title uses first line",
       "Date: 2025-12-14\n\nHeadline here\n\nBody.",
       {"Headline here", "Body.", "", "", "", "2025-12-14", ""}},
      {"header block ends at first non-header line",
       "Title: T\nThe story starts here.\nAuthor: not a header now",
       {"T", "The story starts here.\nAuthor: not a header now", "", "", "", "", ""}},
      {"header must start at the first non-empty line",
       "Headline\nTitle: something\n\nBody.",
       {"Headline", "Title: something\n\nBody.", "", "", "", "", ""}},
      {"unparseable header date kept raw",
       "Title: T\nDate: sometime soon\n\nBody.",
       {"T", "Body.", "", "", "", "", "sometime soon"}},
      {"first non-empty value wins",
       "Title: T\nDate: 2025-12-14\nPublished: 2024-01-01\n\nB",
       {"T", "B", "", "", "", "2025-12-14", ""}},
      {"empty title header falls back to first line",
       "Title:\n\nReal headline\nBody.",
       {"Real headline", "Body.", "", "", "", "", ""}},
      {"title and headers only",
       "Title: Lonely\nAuthor: Jane Doe\n",
       {"Lonely", "", "Jane Doe", "", "", "", ""}},
      {"headline repeating the Title header is dropped",
       "Title: Bridge reopens\nDate: 2025-12-14\n\nBridge reopens\n\nBody text.",
       {"Bridge reopens", "Body text.", "", "", "", "2025-12-14", ""}},
      {"different first line after Title header is body",
       "Title: Bridge reopens\n\nBridge reopens after repairs\n\nBody text.",
       {"Bridge reopens", "Bridge reopens after repairs\n\nBody text.", "", "", "", "", ""}},
  });
}

TEST_CASE("text_article: leading byline") {
  run_cases({
      {"By line becomes author",
       "Headline\n\nBy Jane Doe\n\nBody text.",
       {"Headline", "Body text.", "Jane Doe", "", "", "", ""}},
      {"lowercase by",
       "Headline\nby Jean-Luc Picard\nBody.",
       {"Headline", "Body.", "Jean-Luc Picard", "", "", "", ""}},
      {"header author wins and byline stays",
       "Title: H\nAuthor: Ann Lee\n\nBy Jane Doe\nBody.",
       {"H", "By Jane Doe\nBody.", "Ann Lee", "", "", "", ""}},
      {"sentence starting with By is body",
       "Headline\n\nBy noon the roads were closed.\nMore.",
       {"Headline", "By noon the roads were closed.\nMore.", "", "", "", "", ""}},
      {"name without By is not a leading byline",
       "Headline\n\nJane Doe\nBody.",
       {"Headline", "Jane Doe\nBody.", "", "", "", "", ""}},
  });
}

TEST_CASE("text_article: trailer") {
  const std::string feed_date = "Tue, 03/04/2025 " + kEnDash + " 09:15";
  run_cases({
      {"author, glued date, source and Read More",
       "Harbor reopens\n\nThe harbor reopened.\n\nMaria Lopez\n" + feed_date +
           "Harbor Daily NewsRead More\n\nShare\n|\n12\n",
       {"Harbor reopens", "The harbor reopened.", "Maria Lopez", "Harbor Daily News", "",
        "2025-03-04T09:15:00", ""}},
      {"source glued without Read More",
       "T\n\nBody.\n\nMaria Lopez\n" + feed_date + "Harbor Daily News",
       {"T", "Body.", "Maria Lopez", "Harbor Daily News", "", "2025-03-04T09:15:00", ""}},
      {"date line without author",
       "T\n\nBody.\n\nDecember 14, 2025 | The Ledger\n",
       {"T", "Body.", "", "The Ledger", "", "2025-12-14", ""}},
      {"date line with empty source",
       "T\n\nBody.\n\nJane Doe\n2025-12-14\n",
       {"T", "Body.", "Jane Doe", "", "", "2025-12-14", ""}},
      {"Read more with space and Continue reading",
       "T\nBody.\nBy Jane Q. Public\nDec. 14, 2025 The Ledger Read more\nContinue reading\n",
       {"T", "Body.", "Jane Q. Public", "The Ledger", "", "2025-12-14", ""}},
      {"Continue reading glued",
       "T\nBody.\n14 Dec 2025 - Wire ServiceContinue reading",
       {"T", "Body.", "", "Wire Service", "", "2025-12-14", ""}},
      {"junk tokens after the trailer",
       "T\nBody.\nJane Doe\n2025-12-14 Ledger\nAdvertisement\nComments\nPrint\nEmail\n\xE2\x80\xA2"
       "\n42\nRead More\n",
       {"T", "Body.", "Jane Doe", "Ledger", "", "2025-12-14", ""}},
      {"sentence before the date is not an author",
       "T\n\nThe vote passed.\n2025-12-14 Ledger",
       {"T", "The vote passed.", "", "Ledger", "", "2025-12-14", ""}},
      {"long line before the date is not an author",
       "T\nBody.\nAlexandrina Montgomery Featherstonehaugh Smythe\n2025-12-14",
       {"T", "Body.\nAlexandrina Montgomery Featherstonehaugh Smythe", "", "", "", "2025-12-14",
        ""}},
      {"five words is not an author",
       "T\nBody.\nOne Two Three Four Five\n2025-12-14",
       {"T", "Body.\nOne Two Three Four Five", "", "", "", "2025-12-14", ""}},
      {"lowercase word is not an author",
       "T\nBody.\nJane doe\n2025-12-14",
       {"T", "Body.\nJane doe", "", "", "", "2025-12-14", ""}},
      {"body sentence starting with a date is not a trailer",
       "T\n\nDecember 14, 2025 was the coldest day of the year.",
       {"T", "December 14, 2025 was the coldest day of the year.", "", "", "", "", ""}},
      {"no date line means no trailer",
       "T\n\nBody.\n\nJane Doe\nShare\n",
       {"T", "Body.\n\nJane Doe\nShare", "", "", "", "", ""}},
      {"header fields win over trailer",
       "Title: T\nAuthor: Ann Lee\nSource: Wire\nDate: 2024-01-02\n\nBody.\n\nJane Doe\n"
       "2025-12-14 Ledger",
       {"T", "Body.", "Ann Lee", "Wire", "", "2024-01-02", ""}},
      {"trailer date replaces unparseable header date",
       "Title: T\nDate: whenever\n\nBody.\n\n2025-12-14 Ledger",
       {"T", "Body.", "", "Ledger", "", "2025-12-14", ""}},
      {"leading byline wins over trailer author",
       "T\nBy Ann Lee\nBody.\nJane Doe\n2025-12-14 Ledger",
       {"T", "Body.", "Ann Lee", "Ledger", "", "2025-12-14", ""}},
      {"trailer right after the title",
       "T\n\nJane Doe\n2025-12-14 Ledger\n",
       {"T", "", "Jane Doe", "Ledger", "", "2025-12-14", ""}},
      {"accented capital in author",
       "T\nBody.\n\xC3\x89lise Dubois\n2025-12-14",
       {"T", "Body.", "\xC3\x89lise Dubois", "", "", "2025-12-14", ""}},
  });
}

TEST_CASE("text_article: header and trailer dates in every form") {
  run_cases({
      {"dotted header date", "Title: T\nDate: 14.12.2025\n\nBody.\n",
       {"T", "Body.", "", "", "", "2025-12-14", ""}},
      {"asctime header date", "Title: T\nDate: Sun Dec 14 09:30:00 2025\n\nBody.\n",
       {"T", "Body.", "", "", "", "2025-12-14T09:30:00", ""}},
      {"Unix time header date", "Title: T\nDate: 1765704600\n\nBody.\n",
       {"T", "Body.", "", "", "", "2025-12-14T09:30:00", ""}},
      {"unreadable header date", "Title: T\nDate: 14/14/2025\n\nBody.\n",
       {"T", "Body.", "", "", "", "", "14/14/2025"}},
      {"day-first trailer date",
       "T\n\nBody.\n\nMaria Lopez\nSun, 14/12/2025 " + kEnDash + " 09:15Harbor Daily NewsRead More\n",
       {"T", "Body.", "Maria Lopez", "Harbor Daily News", "", "2025-12-14T09:15:00", ""}},
      {"year-first trailer date", "T\n\nBody.\n\n2025/12/14 | The Ledger\n",
       {"T", "Body.", "", "The Ledger", "", "2025-12-14", ""}},
  });
}

TEST_CASE("text_article: CRLF file with a trailer") {
  const std::string input =
      "\xEF\xBB\xBFTitle: Storm hits coast\r\nSource: \r\n\r\nHeavy rain fell overnight.  \r\n"
      "Roads closed.\r\n\r\nMore rain is due.\r\n\r\nMaria Lopez\r\nTue, 03/04/2025 " +
      kEnDash + " 09:15Harbor Daily NewsRead More\r\n\r\nShare\r\n";
  check_article(
      input, {"Storm hits coast", "Heavy rain fell overnight.\nRoads closed.\n\nMore rain is due.",
              "Maria Lopez", "Harbor Daily News", "", "2025-03-04T09:15:00", ""});
}

TEST_CASE("text_article: errors") {
  struct ErrorCase {
    std::string input;
    std::string error;
  };
  const auto c = GENERATE(values<ErrorCase>({
      {"", "empty file"},
      {"   \n\t\n\r\n", "empty file"},
      {"\xEF\xBB\xBF", "empty file"},
      {"\xEF\xBB\xBF \r\n", "empty file"},
      {"Author: Jane Doe\nDate: 2025-12-14\n", "no title or body"},
  }));
  CAPTURE(c.input);
  const ArticleParse parse = parse_text_article(c.input);
  CHECK_FALSE(parse.article.has_value());
  CHECK(parse.error == c.error);
}

}  // namespace newsdex
