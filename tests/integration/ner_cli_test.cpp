// newsindex --tag-conll on the CoNLL-2003 development set, scored with the project's scorer:
// the shipped model must keep the dev scores data/models/README.md reports.
// Exits with kSkipped, which ctest reports as skipped, when the corpus is absent.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "common/entities/ner/conll.hpp"

using namespace newsdex::testing;
namespace fs = std::filesystem;

namespace {

constexpr int kSkipped = 77;
const fs::path kDev = fs::path(NEWSDEX_CORPORA_DIR) / "conll2003" / "dev.txt";

// Measured with the shipped model (data/models/README.md) minus 0.5 points.
constexpr double kMinOverallF1 = 92.3;
constexpr double kMinPerF1 = 95.8;

}  // namespace

TEST_CASE("ner: newsindex --tag-conll tags the CoNLL-2003 dev set at the measured F1") {
  const ProcessResult run = run_process(kNewsindex, {"--tag-conll", kDev.string()});
  REQUIRE(run.exit_code == 0);
  std::istringstream lines(run.out);
  const auto score = newsdex::ner::score_conll_predictions(lines);
  INFO(newsdex::ner::format_score(score));
  CHECK(score.tokens == 51362);
  CHECK(score.overall.gold == 5942);
  CHECK(score.overall.f1() >= kMinOverallF1);
  CHECK(score.by_type.at("PER").f1() >= kMinPerF1);
}

TEST_CASE("ner: --tag-conll needs neither --db nor INPUT, and reports a missing file") {
  const ProcessResult missing = run_process(kNewsindex, {"--tag-conll", "/nonexistent/dev.txt"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot read") != std::string::npos);
}

int main(int argc, char** argv) {
  if (!fs::is_regular_file(kDev)) {
    std::cout << "skipped: no CoNLL-2003 corpus at " << kDev << '\n';
    return kSkipped;
  }
  return Catch::Session().run(argc, argv);
}
