// Integration tests for exploring an archive: spelling suggestions, relative dates, --version,
// --help examples, manual pages, bash completion and the install rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "cli.hpp"

namespace newsdex::testing {
namespace {

namespace fs = std::filesystem;

// Sets NEWSDEX_NOW for the processes a test runs, and unsets it after.
class FixedNow {
 public:
  explicit FixedNow(const char* day) { ::setenv("NEWSDEX_NOW", day, 1); }
  ~FixedNow() { ::unsetenv("NEWSDEX_NOW"); }
  FixedNow(const FixedNow&) = delete;
  FixedNow& operator=(const FixedNow&) = delete;
};

std::vector<std::string> listed(std::vector<std::string> args) {
  args.insert(args.end(), {"--all", "--limit", "0"});
  return ids(search(kSampleDb, args));
}

TEST_CASE("a misspelt word gets a suggestion from the index, never applied") {
  for (const auto& [typed, suggested] : std::vector<std::pair<std::string, std::string>>{
           {"zelenskyi", "zelenskyy"}, {"garantees", "guarantees"}, {"NATO garantees", "NATO guarantees"}}) {
    CAPTURE(typed);
    const auto answer = search(kSampleDb, {typed});
    CHECK(answer["query"] == typed);
    REQUIRE(answer["suggestion"].is_string());
    CHECK(answer["suggestion"] == suggested);
    // Few articles, or only some words found (relaxed): the respelt query finds all its words.
    const auto respelt = search(kSampleDb, {suggested});
    CHECK(respelt["relaxed"].is_null());
    if (answer["relaxed"].is_null()) CHECK(respelt["total"].get<int>() > answer["total"].get<int>());
  }
  const ProcessResult text = run_process(kNewssearch, {"--db", kSampleDb, "garantees"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("\nDid you mean: guarantees\n") != std::string::npos);
}

TEST_CASE("no suggestion for a query that finds enough, or nothing close") {
  CHECK(search(kSampleDb, {"guarantees"})["suggestion"].is_null());
  CHECK(search(kSampleDb, {"xqzvw"})["suggestion"].is_null());
  const ProcessResult text = run_process(kNewssearch, {"--db", kSampleDb, "guarantees"});
  CHECK(text.out.find("Did you mean") == std::string::npos);
}

TEST_CASE("a misspelt --person, --org or --place, or field value, gets a name of that facet") {
  for (const auto& [args, suggested] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--person", "zelenskyi"}, "person:zelenskyy"},
           {{"--person", "volodymyr zelenskyi"}, "person:\"volodymyr zelenskyy\""},
           {{"--org", "europian union"}, "org:\"european union\""},
           {{"--place", "ukrain"}, "place:ukraine"},
           {{"talks", "--place", "ukrain"}, "talks place:ukraine"},
           {{"person:\"volodymyr zelenskyi\""}, "person:\"volodymyr zelenskyy\""},
           {{"place:ukrain"}, "place:ukraine"},
       }) {
    CAPTURE(args);
    const auto answer = search(kSampleDb, args);
    CHECK(answer["total"] == 0);
    REQUIRE(answer["suggestion"].is_string());
    CHECK(answer["suggestion"] == suggested);
    CHECK(search(kSampleDb, {suggested})["total"].get<int>() > 0);
  }
  const ProcessResult text = run_process(kNewssearch, {"--db", kSampleDb, "--person", "zelenskyi"});
  CHECK(text.out.find("\nDid you mean: person:zelenskyy\n") != std::string::npos);
  // A name spelt right is left alone.
  CHECK(search(kSampleDb, {"--person", "zelenskyy"})["suggestion"].is_null());
}

TEST_CASE("relative dates count back from NEWSDEX_NOW in --from, --to and date:") {
  const FixedNow now("2025-12-15");
  const auto week = listed({"--from", "2025-12-08", "--to", "2025-12-14"});
  REQUIRE_FALSE(week.empty());
  CHECK(listed({"--from", "7d", "--to", "yesterday"}) == week);
  CHECK(listed({"--from", "1w", "--to", "1d"}) == week);
  CHECK(listed({"--from", "last week", "--to", "last week"}) == week);
  CHECK(listed({"date:7d..yesterday"}) == week);
  CHECK(listed({"date:last-week"}) == week);
  // Quoted, as the options take them: a bound with a space, or any bound in quotes.
  CHECK(listed({"date:\"last week\"..yesterday"}) == week);
  CHECK(listed({"date:\"7d\"..\"yesterday\""}) == week);
  CHECK(listed({"date:\"last week\""}) == week);
  CHECK(listed({"date:today"}) == listed({"date:2025-12-15"}));
  CHECK(listed({"--from", "last month", "--to", "last month"}) == listed({"--from", "2025-11", "--to", "2025-11"}));
}

TEST_CASE("a bad relative date or NEWSDEX_NOW is a usage error") {
  const ProcessResult bad = run_process(kNewssearch, {"--db", kSampleDb, "--from", "7x", "--all"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("7d") != std::string::npos);
  const FixedNow now("soon");
  const ProcessResult bad_now = run_process(kNewssearch, {"--db", kSampleDb, "--from", "7d", "--all"});
  CHECK(bad_now.exit_code == 2);
  CHECK(bad_now.err.find("NEWSDEX_NOW") != std::string::npos);
}

TEST_CASE("the version option names the project, schema and Xapian versions; help shows examples") {
  const std::regex version(R"((newsindex|newssearch) \(Newsdex\) \d+\.\d+\.\d+, schema \d+, Xapian \d+\.\d+\.\d+\n)");
  for (const std::string& program : {kNewsindex, kNewssearch}) {
    const ProcessResult shown = run_process(program, {"--version"});
    CHECK(shown.exit_code == 0);
    CHECK(std::regex_match(shown.out, version));
    const ProcessResult help = run_process(program, {"--help"});
    CHECK(help.out.find("\nexamples:\n") != std::string::npos);
  }
  // The exploring options have examples of their own.
  const std::string help = run_process(kNewssearch, {"--help"}).out;
  const std::string examples = help.substr(std::min(help.find("\nexamples:\n"), help.size()));
  for (const std::string option : {"--timeline", "--count", "--facet-order significance", "--format csv", "--plot"}) {
    CAPTURE(option);
    CHECK(examples.find(option) != std::string::npos);
  }
}

TEST_CASE("the manual pages render without warnings") {
  if (std::system("command -v groff >/dev/null 2>&1") != 0) {
    WARN("groff is not installed: not checked");
    return;
  }
  for (const char* page : {"newsindex.1", "newssearch.1"}) {
    const ProcessResult rendered =
        run_process("/bin/sh", {"-c", "groff -man -Tutf8 -ww \"$1\" 2>&1 >/dev/null", "sh",
                                std::string(NEWSDEX_SOURCE_DIR) + "/doc/" + page});
    CHECK(rendered.exit_code == 0);
    CHECK(rendered.out.empty());
  }
}

TEST_CASE("the bash completion loads and completes options and their values") {
  const std::string script = std::string(NEWSDEX_SOURCE_DIR) + "/completion/";
  const ProcessResult loaded = run_process(
      "/bin/bash", {"-c",
                    "source \"$1\"newsindex && complete -p newssearch newsindex && "
                    "COMP_WORDS=(newssearch --sort o) COMP_CWORD=2 && _newsdex_newssearch && "
                    "echo \"${COMPREPLY[*]}\"",
                    "bash", script});
  CHECK(loaded.exit_code == 0);
  CHECK(loaded.out.find("-F _newsdex_newssearch newssearch") != std::string::npos);
  CHECK(loaded.out.find("-F _newsdex_newsindex newsindex") != std::string::npos);
  CHECK(loaded.out.find("\noldest\n") != std::string::npos);
}

TEST_CASE("cmake --install puts the programs, manual pages and completion in place") {
  const std::string prefix = scratch_path("install-prefix");
  const ProcessResult installed =
      run_process(NEWSDEX_CMAKE, {"--install", NEWSDEX_BINARY_DIR, "--prefix", prefix});
  REQUIRE(installed.exit_code == 0);
  for (const char* file : {"bin/newsindex", "bin/newssearch", "share/man/man1/newsindex.1",
                           "share/man/man1/newssearch.1", "share/bash-completion/completions/newsindex",
                           "share/bash-completion/completions/newssearch"}) {
    CAPTURE(file);
    CHECK(fs::is_regular_file(fs::path(prefix) / file));
  }
  CHECK(run_process(prefix + "/bin/newssearch", {"--version"}).exit_code == 0);
}

}  // namespace
}  // namespace newsdex::testing
