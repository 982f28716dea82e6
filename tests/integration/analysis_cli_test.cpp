// Spellings across an archive: accents, umlaut spellings, dotted initials and hyphenated
// compounds find the same articles in newssearch, and snippets show the text as written.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

// The database of the articles below, built once per test process: ctest runs each test case
// in a process of its own, in parallel, so each builds its own.
const std::string& spellings_db() {
  static const std::string db = [] {
    const std::string suffix = std::to_string(::getpid());
    const std::string dir = scratch_path("spellings-input-" + suffix);
    const std::string path = scratch_path("spellings-db-" + suffix);
    std::filesystem::create_directories(dir);
    std::ofstream out(dir + "/spellings.jsonl");
    const json articles[] = {
        {{"id", "cafe"}, {"title", "Cafés struggle"},
         {"body", "Café owners in München say rents have doubled this year."}},
        {{"id", "poehl"}, {"title", "Bundesbank holds rates"},
         {"body", "Bundesbank president Karl Otto Poehl said rates would stay unchanged."}},
        {{"id", "pohl"}, {"title", "Pöhl warns on inflation"},
         {"body", "Karl Otto Pöhl warned that inflation could return next year."}},
        {{"id", "email"}, {"title", "Voters get e-mail"},
         {"body", "Candidates in the by-election sent an e-mail before the G-7 summit."}},
        {{"id", "email2"}, {"title", "Email campaign"},
         {"body", "The email reached G7 delegates ahead of the byelection count."}},
        {{"id", "trade"}, {"title", "U.S. TRADE DEFICIT WIDENS"},
         {"body", "The U.S. trade deficit widened sharply in March, officials said."}},
    };
    for (const auto& article : articles) out << article.dump() << '\n';
    out.close();
    REQUIRE(index(path, {"--no-entities", dir}).process.exit_code == 0);
    return path;
  }();
  return db;
}

std::string snippet_of(const json& result, const std::string& id) {
  for (const auto& hit : result.at("results")) {
    if (hit.at("id") == id) return hit.at("snippet");
  }
  return "";
}

}  // namespace

TEST_CASE("analysis: accented and umlaut spellings find each other, snippets keep the original") {
  const std::string& db = spellings_db();
  for (const char* query : {"cafe munchen", "Café München", "CAFE MUENCHEN"}) {
    INFO(query);
    const json result = search(db, {query});
    CHECK(id_set(result) == std::set<std::string>{"cafe"});
    CHECK(snippet_of(result, "cafe").find("**Café** owners in **München**") != std::string::npos);
  }
  for (const char* query : {"Pohl", "Poehl", "Pöhl"}) {
    INFO(query);
    const json result = search(db, {query});
    CHECK(id_set(result) == std::set<std::string>{"poehl", "pohl"});
    CHECK(snippet_of(result, "poehl").find("**Poehl**") != std::string::npos);
    CHECK(snippet_of(result, "pohl").find("**Pöhl**") != std::string::npos);
  }
}

TEST_CASE("analysis: hyphenated and joined compounds find the same articles") {
  const std::string& db = spellings_db();
  for (const char* query : {"email", "e-mail", "E-Mail"}) {
    INFO(query);
    CHECK(id_set(search(db, {query})) == std::set<std::string>{"email", "email2"});
  }
  for (const char* query : {"G7", "G-7", "byelection", "by-election"}) {
    INFO(query);
    CHECK(id_set(search(db, {query})) == std::set<std::string>{"email", "email2"});
  }
  CHECK(id_set(search(db, {"\"by-election sent\""})) == std::set<std::string>{"email"});
}

TEST_CASE("analysis: dotted initials match whatever their case, and mark the acronym only") {
  const std::string& db = spellings_db();
  for (const char* query : {"u.s. trade deficit", "U.S. trade deficit", "US trade deficit"}) {
    INFO(query);
    const json result = search(db, {query});
    CHECK(id_set(result) == std::set<std::string>{"trade"});
    const std::string snippet = snippet_of(result, "trade");
    CHECK(snippet.find("**U.S. trade deficit**") != std::string::npos);
    CHECK(snippet.find("**U**") == std::string::npos);
    CHECK(snippet.find("**s**") == std::string::npos);
  }
}
