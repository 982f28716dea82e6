// Helpers for integration tests: run newsindex and newssearch and read their JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "process.hpp"

namespace newsdex::testing {

// Paths set by tests/integration/CMakeLists.txt.
inline const std::string kNewsindex = NEWSDEX_NEWSINDEX;
inline const std::string kNewssearch = NEWSDEX_NEWSSEARCH;
inline const std::string kDataDir = NEWSDEX_DATA_DIR;
inline const std::string kBrokenDir = NEWSDEX_BROKEN_DIR;
inline const std::string kSampleDb = NEWSDEX_SAMPLE_DB;  // data/ indexed by the fixture
inline const std::string kWorkDir = NEWSDEX_WORK_DIR;    // scratch space for tests

// A fresh, empty directory path under kWorkDir for a test's own database.
[[nodiscard]] std::string scratch_path(const std::string& name);

// Runs newssearch --db db --json with args; fails the test unless it exits 0.
[[nodiscard]] nlohmann::json search(const std::string& db, const std::vector<std::string>& args);

// Runs newsindex --json --db db with args; the summary and the exit code.
struct IndexRun {
  ProcessResult process;
  nlohmann::json summary;
};
[[nodiscard]] IndexRun index(const std::string& db, const std::vector<std::string>& args);

// The "id" of every result, in order.
[[nodiscard]] std::vector<std::string> ids(const nlohmann::json& results);

// The "id" of every result, as a set, for comparisons that ignore the order.
[[nodiscard]] std::set<std::string> id_set(const nlohmann::json& results);

// Every article in the sample database, as --all --json lists them.
[[nodiscard]] const nlohmann::json& all_sample_articles();

// Whether the tests run under the sanitizers, where every process costs several times what
// it does in a normal build.
#ifdef NEWSDEX_SANITIZED
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// How many rounds a randomized kill test runs: all of them in a normal build; two under the
// sanitizers: there they look for memory faults in the recovery paths, which two rounds over
// the same code paths reach, while the normal build spreads its kills over the whole run
// (each sanitized round of a first build costs about a minute and a half of CI time).
[[nodiscard]] constexpr int kill_trials(int full) { return kSanitizedBuild && full > 2 ? 2 : full; }

// Counts the articles under a directory the way newsindex reads them: one per .txt file,
// one per non-blank line of .jsonl/.ndjson files.
[[nodiscard]] std::size_t count_articles(const std::string& dir);

}  // namespace newsdex::testing
