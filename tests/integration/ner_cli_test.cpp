// newsindex --tag-conll on the CoNLL-2003 development set, scored with the project's scorer:
// the shipped model must keep the dev scores data/models/README.md reports; and
// newsdex-train-ner never lets dev choose anything.
// Exits with kSkipped, which ctest reports as skipped, when the corpus is absent.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli.hpp"
#include "common/entities/ner/conll.hpp"

using namespace newsdex::testing;
namespace fs = std::filesystem;

namespace {

constexpr int kSkipped = 77;
const fs::path kDev = fs::path(NEWSDEX_CORPORA_DIR) / "conll2003" / "dev.txt";
const fs::path kTrain = fs::path(NEWSDEX_CORPORA_DIR) / "conll2003" / "train.txt";

// The first count documents of a CoNLL file from document first on, as text.
std::string conll_documents(const fs::path& path, std::size_t first, std::size_t count) {
  std::ifstream in(path);
  std::string line;
  std::string out;
  std::size_t document = 0;
  bool started = false;
  while (std::getline(in, line)) {
    if (line.rfind("-DOCSTART-", 0) == 0) {
      if (started) ++document;
      started = true;
    }
    if (document >= first + count) break;
    if (document >= first) out += line + '\n';
  }
  return out;
}

// The same text with every tag (the last column) replaced by O.
std::string untagged(const std::string& conll) {
  std::istringstream in(conll);
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    const auto space = line.rfind(' ');
    out += (space == std::string::npos || line.rfind("-DOCSTART-", 0) == 0) ? line : line.substr(0, space) + " O";
    out += '\n';
  }
  return out;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

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

TEST_CASE("train: epochs are chosen on held-out train documents, so dev cannot change the model") {
  // Two dev files that would pick different epochs if dev chose them: the real tags (F1 rises
  // with the epochs) and no entities at all (F1 0 from the first epoch on).
  const fs::path dir = fs::temp_directory_path() / ("newsdex-train-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string dev = conll_documents(kTrain, 40, 10);
  std::ofstream(dir / "train.txt") << conll_documents(kTrain, 0, 40);
  std::ofstream(dir / "dev.txt") << dev;
  std::ofstream(dir / "dev-untagged.txt") << untagged(dev);
  auto train = [&](const std::string& dev_name, const std::string& out) {
    return run_process(NEWSDEX_TRAIN_NER, {"--train", (dir / "train.txt").string(), "--dev",
                                           (dir / dev_name).string(), "--out", (dir / out).string(),
                                           "--epochs", "6", "--patience", "6", "--hold-out-every", "4"});
  };
  const ProcessResult tagged = train("dev.txt", "a.model");
  const ProcessResult plain = train("dev-untagged.txt", "b.model");
  INFO(tagged.out << tagged.err);
  REQUIRE(tagged.exit_code == 0);
  REQUIRE(plain.exit_code == 0);
  CHECK(tagged.out.find("30 train documents, 10 held out") != std::string::npos);
  CHECK(read_bytes(dir / "a.model") == read_bytes(dir / "b.model"));
  CHECK(run_process(NEWSDEX_TRAIN_NER, {"--train", (dir / "train.txt").string(), "--dev",
                                        (dir / "dev.txt").string(), "--out", (dir / "c.model").string(),
                                        "--hold-out-every", "1"})
            .exit_code == 2);
  fs::remove_all(dir);
}

int main(int argc, char** argv) {
  if (!fs::is_regular_file(kDev)) {
    std::cout << "skipped: no CoNLL-2003 corpus at " << kDev << '\n';
    return kSkipped;
  }
  return Catch::Session().run(argc, argv);
}
