// Running the built binaries from integration tests.
#include "cli.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace newsdex::testing {

std::string scratch_path(const std::string& name) {
  const fs::path path = fs::path(kWorkDir) / name;
  fs::remove_all(path);
  fs::create_directories(path.parent_path());
  return path.string();
}

nlohmann::json search(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"--db", db, "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const ProcessResult result = run_process(kNewssearch, argv);
  INFO("newssearch stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(result.out);
}

IndexRun index(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"--db", db, "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  IndexRun run{run_process(kNewsindex, argv), {}};
  INFO("newsindex stderr: " << run.process.err);
  REQUIRE((run.process.exit_code == 0 || run.process.exit_code == 1));
  run.summary = nlohmann::json::parse(run.process.out);
  return run;
}

std::vector<std::string> ids(const nlohmann::json& results) {
  std::vector<std::string> found;
  for (const auto& hit : results.at("results")) found.push_back(hit.at("id").get<std::string>());
  return found;
}

std::set<std::string> id_set(const nlohmann::json& results) {
  const auto list = ids(results);
  return {list.begin(), list.end()};
}

const nlohmann::json& all_sample_articles() {
  static const nlohmann::json all = search(kSampleDb, {"--all", "--limit", "0"}).at("results");
  return all;
}

std::size_t count_articles(const std::string& dir) {
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension == ".txt") {
      ++count;
    } else if (extension == ".jsonl" || extension == ".ndjson") {
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) ++count;
      }
    }
  }
  return count;
}

}  // namespace newsdex::testing
