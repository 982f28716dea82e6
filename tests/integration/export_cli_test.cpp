// newssearch --format csv and jsonl (parsed back and compared with --json), and newsindex
// --source/--author.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string_view>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using Row = std::vector<std::string>;

// A strict RFC 4180 reader: rows end with CRLF, a quoted field doubles its quotes, and
// anything else (a bare LF, a quote inside an unquoted field) fails the test.
std::vector<Row> parse_csv(std::string_view text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        REQUIRE(i < text.size());
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          field += text[i];
        }
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r') {
        REQUIRE(text[i] != '"');
        REQUIRE(text[i] != '\n');
        field += text[i++];
      }
    }
    REQUIRE(i < text.size());
    row.push_back(std::move(field));
    field.clear();
    if (text[i] == ',') {
      ++i;
      continue;
    }
    REQUIRE(text.substr(i, 2) == "\r\n");
    i += 2;
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

std::string run_ok(const std::string& program, const std::vector<std::string>& args) {
  const ProcessResult result = run_process(program, args);
  INFO(program << " stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

std::string text_or_empty(const json& value) { return value.is_null() ? "" : value.get<std::string>(); }

std::string joined(const json& values) {
  std::string text;
  for (const auto& value : values) {
    if (!text.empty()) text += "; ";
    text += value.get<std::string>();
  }
  return text;
}

const Row kHeader = {"id", "date", "source", "author", "title", "url", "path",
                     "persons", "organizations", "places", "score"};

// The CSV rows say what the --json results say, field by field, in the same order.
void check_csv_matches_json(const std::vector<Row>& rows, const json& results) {
  REQUIRE(rows.size() == results.size() + 1);
  CHECK(rows[0] == kHeader);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const json& hit = results[i];
    const Row& row = rows[i + 1];
    INFO("row " << i + 1 << ": " << hit.dump());
    REQUIRE(row.size() == kHeader.size());
    CHECK(row[0] == hit["id"].get<std::string>());
    CHECK(row[1] == text_or_empty(hit["date"]));
    CHECK(row[2] == text_or_empty(hit["source"]));
    CHECK(row[3] == text_or_empty(hit["author"]));
    CHECK(row[4] == hit["title"].get<std::string>());
    CHECK(row[5] == text_or_empty(hit["url"]));
    CHECK(row[6] == text_or_empty(hit["path"]));
    CHECK(row[7] == joined(hit["persons"]));
    CHECK(row[8] == joined(hit["organizations"]));
    CHECK(row[9] == joined(hit["places"]));
    CHECK(std::stod(row[10]) == hit["score"].get<double>());
  }
}

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  REQUIRE(out.good());
}

}  // namespace

TEST_CASE("export: --all --format csv lists every article, as --json does") {
  const std::string csv = run_ok(kNewssearch, {"--db", kSampleDb, "--all", "--format", "csv"});
  const json& all = all_sample_articles();
  REQUIRE(all.size() == count_articles(kDataDir + "/articles"));
  REQUIRE(all.size() > 10);  // more than a default page
  check_csv_matches_json(parse_csv(csv), all);
}

TEST_CASE("export: csv of a ranked query carries the --json scores, page and order") {
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"NATO"}, {"grain", "OR", "Ukraine", "--limit", "7", "--offset", "2"},
        {"--source", "Harbor Daily News", "--sort", "oldest"}}) {
    std::vector<std::string> args = {"--db", kSampleDb, "--format", "csv"};
    args.insert(args.end(), query.begin(), query.end());
    const json expected = search(kSampleDb, query);
    REQUIRE_FALSE(expected.at("results").empty());
    check_csv_matches_json(parse_csv(run_ok(kNewssearch, args)), expected.at("results"));
  }
}

TEST_CASE("export: jsonl prints each --json result object on its own line") {
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"--all"}, {"NATO", "--explain"}, {"\"grain corridor\""}}) {
    std::vector<std::string> args = {"--db", kSampleDb, "--format", "jsonl"};
    args.insert(args.end(), query.begin(), query.end());
    std::vector<std::string> json_args = query;
    if (query[0] == "--all") json_args.push_back("--limit=0");  // jsonl lists all with --all
    const json expected = search(kSampleDb, json_args).at("results");
    const std::string out = run_ok(kNewssearch, args);
    std::vector<json> lines;
    std::size_t start = 0;
    for (auto end = out.find('\n'); end != std::string::npos; end = out.find('\n', start)) {
      lines.push_back(json::parse(out.substr(start, end - start)));
      start = end + 1;
    }
    CHECK(start == out.size());
    REQUIRE(lines.size() == expected.size());
    for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i] == expected[i]);
  }
}

TEST_CASE("export: --format json is --json, byte for byte") {
  const std::string json_flag = run_ok(kNewssearch, {"--db", kSampleDb, "--json", "NATO", "--facets"});
  CHECK(run_ok(kNewssearch, {"--db", kSampleDb, "--format", "json", "NATO", "--facets"}) == json_flag);
  CHECK(run_ok(kNewssearch, {"--db", kSampleDb, "--format=json", "--json", "NATO", "--facets"}) ==
        json_flag);
  CHECK(run_ok(kNewssearch, {"--db", kSampleDb, "--format", "text", "NATO"}) ==
        run_ok(kNewssearch, {"--db", kSampleDb, "NATO"}));
}

TEST_CASE("export: bad --format combinations are usage errors") {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--format", "xml", "NATO"}, {"--format", "csv", "--json", "NATO"},
        {"--format", "jsonl", "--facets", "NATO"}, {"--format", "CSV", "NATO"}}) {
    std::vector<std::string> argv = {"--db", kSampleDb};
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult result = run_process(kNewssearch, argv);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find("--") != std::string::npos);
  }
}

TEST_CASE("export: csv quotes commas, quotes and line breaks per RFC 4180") {
  const std::string dir = scratch_path("export-quoting");
  const std::string db = scratch_path("export-quoting-db");
  write_file(fs::path(dir) / "quotes.jsonl",
             R"({"id": "q,1", "title": "He said \"yes\", then left", "author": "Lee, Ann", )"
             R"("source": " Spaced Source ", "date": "2025-03-04", "url": "https://example.org/a?b=1,2", )"
             R"("body": "Ministers met in Geneva on Monday to talk about grain.\nMore text follows."})"
             "\n"
             R"({"id": "q2", "title": "Line\nbreak and \"only quotes\"", "body": "Another article about grain shipments."})"
             "\n");
  REQUIRE(index(db, {dir}).process.exit_code == 0);
  const std::string csv = run_ok(kNewssearch, {"--db", db, "--all", "--format", "csv", "--sort", "oldest"});
  CHECK(csv.find("\"He said \"\"yes\"\", then left\"") != std::string::npos);
  CHECK(csv.find("\"Lee, Ann\"") != std::string::npos);
  const std::vector<Row> rows = parse_csv(csv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][0] == "q,1");
  CHECK(rows[1][4] == "He said \"yes\", then left");
  CHECK(rows[1][3] == "Lee, Ann");
  CHECK(rows[1][5] == "https://example.org/a?b=1,2");
  CHECK(rows[2][0] == "q2");
  CHECK(rows[2][1].empty());
  check_csv_matches_json(rows, search(db, {"--all", "--sort", "oldest"}).at("results"));
  // Python's csv module, a reader other programs use, reads the same rows.
  if (fs::exists("/usr/bin/python3")) {
    const std::string script =
        "import csv, json, sys\n"
        "print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))\n";
    const std::string csv_path = scratch_path("export-quoting.csv");
    write_file(csv_path, csv);
    const json python_rows = json::parse(run_ok("/usr/bin/python3", {"-c", script, csv_path}));
    CHECK(python_rows == json(rows));
  }
}

TEST_CASE("index: --source and --author set the value of articles that carry none") {
  const std::string dir = scratch_path("export-defaults");
  const std::string db = scratch_path("export-defaults-db");
  write_file(fs::path(dir) / "mixed.jsonl",
             R"({"id": "own", "title": "Own source", "source": "Harbor Daily News", "author": "Maria Lopez", "body": "Tariffs on steel were raised."})"
             "\n"
             R"({"id": "bare", "title": "No source", "body": "Tariffs on aluminium were cut."})"
             "\n");
  write_file(fs::path(dir) / "plain.txt", "A plain text article\n\nTariffs on copper stayed the same.\n");
  const IndexRun run = index(db, {"--source", "  Desk   Wire ", "--author", "Staff Reporter", dir});
  REQUIRE(run.process.exit_code == 0);
  const json all = search(db, {"--all"});
  REQUIRE(all.at("results").size() == 3);
  for (const auto& hit : all.at("results")) {
    INFO(hit.dump());
    if (hit["id"] == "own") {
      CHECK(hit["source"] == "Harbor Daily News");
      CHECK(hit["author"] == "Maria Lopez");
    } else {
      CHECK(hit["source"] == "Desk Wire");
      CHECK(hit["author"] == "Staff Reporter");
    }
  }
  // Indexed and faceted as an article's own value.
  CHECK(search(db, {"--source", "Desk Wire"}).at("total") == 2);
  CHECK(search(db, {"--author", "Staff Reporter"}).at("total") == 2);
  CHECK(search(db, {"source:\"desk wire\"", "tariffs"}).at("total") == 2);
  const json facets = search(db, {"--all", "--facets"}).at("facets");
  CHECK(facets.at("source").dump().find("Desk Wire") != std::string::npos);

  // Without the options nothing is set.
  const std::string plain_db = scratch_path("export-defaults-plain-db");
  REQUIRE(index(plain_db, {dir}).process.exit_code == 0);
  CHECK(search(plain_db, {"--source", "Desk Wire"}).at("total") == 0);
}

TEST_CASE("index: a blank --source or --author is a usage error") {
  for (const std::string option : {"--source", "--author"}) {
    const ProcessResult result =
        run_process(kNewsindex, {"--db", scratch_path("export-blank-db"), option, "  ", kDataDir});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(option) != std::string::npos);
  }
}
