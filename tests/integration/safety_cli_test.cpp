// newssearch and newsindex on damaged databases and hostile text: damage shows in part with
// a warning, errors name the database, and text output carries no control characters.
#include <xapian.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "cli.hpp"
#include "common/schema.hpp"
#include "common/stored_article.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// A small archive: articles gen-0 .. gen-(count-1), from one source.
void write_articles(const fs::path& dir, int count) {
  fs::create_directories(dir);
  std::ofstream out(dir / "articles.jsonl");
  for (int i = 0; i < count; ++i) {
    out << json{{"id", "gen-" + std::to_string(i)},
                {"title", "Harbour works report " + std::to_string(i)},
                {"body",
                 "The council said the harbour works continue. Report " + std::to_string(i)},
                {"source", "Harbour Gazette"},
                {"date", "2025-11-0" + std::to_string(i + 1)}}
               .dump()
        << '\n';
  }
}

// Flips one bit in the middle of an article's stored record (Slot::article), as a bad disk
// block or a stray write would: the database stays consistent for xapian-check.
void flip_stored_article_bit(const std::string& db_path, const std::string& id) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
  const auto slot = newsdex::slot_number(newsdex::Slot::article);
  Xapian::docid did = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    if (newsdex::unpack_stored_article(db.get_document(*it).get_value(slot)).id == id) did = *it;
  }
  REQUIRE(did != 0);
  Xapian::Document doc = db.get_document(did);
  std::string packed = doc.get_value(slot);
  REQUIRE(packed.size() > 16);
  packed[packed.size() / 2] = static_cast<char>(packed[packed.size() / 2] ^ 0x10);
  doc.add_value(newsdex::slot_number(newsdex::Slot::article), packed);
  db.replace_document(did, doc);
  db.commit();
}

// Bytes a terminal acts on: C0 controls other than the line feed ending each line, DEL, and
// C1 controls as UTF-8 (U+0080..U+009F) or as raw bytes outside UTF-8 sequences.
bool has_terminal_controls(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

// Lines of text output that start a numbered result ("3. 2025-11-03 ...").
int numbered_lines(const std::string& text) {
  int count = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t digits = start;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits > start && text.compare(digits, 2, ". ") == 0) ++count;
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return count;
}

}  // namespace

TEST_CASE("safety: a damaged stored article is shown in part, with a warning naming it") {
  const fs::path input = scratch_path("damaged-input");
  const std::string db = scratch_path("damaged-db");
  write_articles(input, 5);
  REQUIRE(index(db, {input.string()}).process.exit_code == 0);
  flip_stored_article_bit(db, "gen-2");
  if (fs::exists("/usr/bin/xapian-check")) {
    CHECK(run_process("/usr/bin/xapian-check", {db}).exit_code == 0);  // it does not see it
  }

  const ProcessResult listed =
      run_process(kNewssearch, {"--db", db, "--all", "--limit", "0", "--json"});
  INFO(listed.err);
  REQUIRE(listed.exit_code == 0);
  const json all = json::parse(listed.out);
  REQUIRE(all.at("results").size() == 5);
  int damaged = 0;
  for (const json& hit : all.at("results")) {
    if (hit.at("id") != "gen-2") {
      CHECK_FALSE(hit.contains("damaged"));
      CHECK(hit.at("title").get<std::string>().starts_with("Harbour works report"));
      continue;
    }
    ++damaged;
    CHECK(hit.at("damaged") == true);
    CHECK(hit.at("date") == "2025-11-03");         // from the date value
    CHECK(hit.at("source") == "Harbour Gazette");  // from the facet values
  }
  CHECK(damaged == 1);
  CHECK(listed.err.find("warning") != std::string::npos);
  CHECK(listed.err.find("gen-2") != std::string::npos);
  CHECK(listed.err.find(db) != std::string::npos);
  CHECK(std::count(listed.err.begin(), listed.err.end(), '\n') == 1);

  const ProcessResult text = run_process(kNewssearch, {"--db", db, "harbour", "report"});
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK(numbered_lines(text.out) == 5);
  CHECK(text.out.find("Harbour works report 4") != std::string::npos);
  CHECK(text.out.find("damaged record") != std::string::npos);
  CHECK(text.err.find("gen-2") != std::string::npos);

  // Pages without it are untouched.
  const ProcessResult other = run_process(kNewssearch, {"--db", db, "--all", "--limit", "2"});
  CHECK(other.exit_code == 0);
  CHECK(other.err.empty());
}

TEST_CASE("safety: a database that cannot be opened or read is named in one plain line") {
  const fs::path dir = scratch_path("unopenable");
  fs::create_directories(dir);
  const std::string empty_file = (dir / "empty-file").string();
  write_file(empty_file, "");
  const std::string garbage_file = (dir / "garbage-file").string();
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
  write_file(garbage_file, garbage);
  const std::string empty_dir = (dir / "empty-dir").string();
  fs::create_directories(empty_dir);

  // A real database with its revision file overwritten, and one with a table cut short.
  const fs::path input = scratch_path("unopenable-input");
  write_articles(input, 3);
  const std::string bad_magic = (dir / "bad-magic-db").string();
  REQUIRE(index(bad_magic, {input.string()}).process.exit_code == 0);
  {
    std::fstream file(fs::path(bad_magic) / "iamglass",
                      std::ios::in | std::ios::out | std::ios::binary);
    file.write("XXXXXXXX", 8);
  }
  const std::string cut_table = (dir / "cut-table-db").string();
  REQUIRE(index(cut_table, {input.string()}).process.exit_code == 0);
  fs::resize_file(fs::path(cut_table) / "postlist.glass", 100);

  for (const std::string& db : {empty_file, garbage_file, empty_dir, bad_magic, cut_table}) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--all"}, std::vector<std::string>{"--json", "harbour"}}) {
      std::vector<std::string> argv = {"--db", db};
      argv.insert(argv.end(), args.begin(), args.end());
      const ProcessResult result = run_process(kNewssearch, argv);
      INFO(db << ": " << result.err);
      CHECK(result.exit_code == 2);
      CHECK(result.out.empty());
      CHECK(result.err.rfind("newssearch: ", 0) == 0);
      CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
      CHECK(result.err.find(db) != std::string::npos);
      // Words for a shell user, not for a programmer of Xapian.
      CHECK(result.err.find("reopen()") == std::string::npos);
      CHECK(result.err.find("Enquire") == std::string::npos);
      CHECK(result.err.find("uninitialised") == std::string::npos);
    }
  }
}

TEST_CASE("safety: text output carries no control character from the articles") {
  const fs::path input = scratch_path("hostile-text-input");
  const std::string db = scratch_path("hostile-text-db");
  fs::create_directories(input);
  {
    std::ofstream out(input / "hostile.jsonl");
    // JSON escapes put carriage returns, line feeds and C1 controls in every field.
    out << R"({"id": "h-1", "title": "Harbour\rOWNED title", "body": "Harbour works\r\u009b2J continue.", "source": "Gazette\u009b31m", "date": "2025-11-01"})"
        << '\n'
        << R"({"id": "h-2", "title": "Harbour line\n2. 2099-01-01  Forged result", "body": "The harbour \u0090sequence\u009c and \u001b]0;title\u0007 here.", "author": "Ann\u0085Other", "date": "2025-11-02"})"
        << '\n'
        << R"({"id": "h-3", "title": "Harbour \u009b\u0090\u009d\u202e tail\u0009tab", "body": "Harbour\u2028line separator.", "source": "Post\r\nFeed", "date": "2025-11-03"})"
        << '\n';
  }
  REQUIRE(index(db, {input.string()}).process.exit_code == 0);

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--all", "--limit", "0", "--facets"},
        std::vector<std::string>{"harbour", "--facets"},
        std::vector<std::string>{"harbour", "seq*"}}) {
    std::vector<std::string> argv = {"--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult result = run_process(kNewssearch, argv);
    INFO(result.out);
    REQUIRE(result.exit_code == 0);
    CHECK_FALSE(has_terminal_controls(result.out));
    CHECK_FALSE(has_terminal_controls(result.err));
    argv.push_back("--json");
    const ProcessResult as_json = run_process(kNewssearch, argv);
    REQUIRE(as_json.exit_code == 0);
    CHECK(numbered_lines(result.out) ==
          static_cast<int>(json::parse(as_json.out).at("results").size()));
  }
  const ProcessResult listed = run_process(kNewssearch, {"--db", db, "--all", "--limit", "0"});
  CHECK(numbered_lines(listed.out) == 3);
  CHECK(listed.out.find("OWNED title") != std::string::npos);  // the text itself stays

  // JSON keeps the text as it is, escaped.
  const json all = search(db, {"--all", "--limit", "0"});
  bool found = false;
  for (const json& hit : all.at("results")) {
    if (hit.at("id") == "h-2") {
      found = true;
      CHECK(hit.at("title") == "Harbour line\n2. 2099-01-01  Forged result");
    }
  }
  CHECK(found);
}

TEST_CASE("safety: newsindex warnings carry no control character from file names") {
  const fs::path input = scratch_path("hostile-names-input");
  const std::string db = scratch_path("hostile-names-db");
  fs::create_directories(input);
  const std::vector<std::string> names = {"esc\x1b]0;owned\x07.jsonl", "cr\rline\nfeed.jsonl",
                                          "c1\xc2\x9b"
                                          "31m.jsonl",
                                          "raw\x9b"
                                          "2J.jsonl"};
  for (const std::string& name : names) write_file(input / name, "{not json\n");
  write_articles(input / "good", 1);
  const IndexRun run = index(db, {input.string()});
  INFO(run.process.err);
  CHECK(run.process.exit_code == 1);
  CHECK(run.summary.at("added") == 1);
  CHECK_FALSE(has_terminal_controls(run.process.err));
  std::size_t warnings = 0;
  for (std::size_t at = run.process.err.find("newsindex: "); at != std::string::npos;
       at = run.process.err.find("newsindex: ", at + 1)) {
    ++warnings;
  }
  CHECK(warnings >= names.size());  // one line each, at least
  CHECK(run.process.err.find("owned") != std::string::npos);
}
