// CoNLL reading, IOB1 -> IOB2 conversion and the conlleval-compatible entity scorer.
#include <catch2/catch.hpp>

#include <sstream>

#include "common/entities/ner/conll.hpp"

using namespace newsdex::ner;

namespace {

std::vector<std::string> split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

TEST_CASE("iob1_to_iob2 starts every entity with B-") {
  struct Case {
    std::string iob1;
    std::string iob2;
  };
  const Case cases[] = {
      {"I-ORG O I-MISC O O O I-MISC O O", "B-ORG O B-MISC O O O B-MISC O O"},
      {"I-PER I-PER", "B-PER I-PER"},
      {"I-LOC I-LOC B-LOC I-LOC", "B-LOC I-LOC B-LOC I-LOC"},  // B- after same type stays
      {"I-PER I-ORG I-ORG", "B-PER B-ORG I-ORG"},              // type change starts anew
      {"O O", "O O"},
      {"B-PER I-PER O B-LOC", "B-PER I-PER O B-LOC"},          // IOB2 is unchanged
      {"", ""},
  };
  for (const auto& c : cases) {
    auto tags = split(c.iob1);
    iob1_to_iob2(tags);
    CHECK(tags == split(c.iob2));
  }
}

TEST_CASE("tag_spans reads chunks like conlleval") {
  CHECK(tag_spans(split("B-PER I-PER O B-LOC")) ==
        std::vector<TagSpan>{{0, 2, "PER"}, {3, 4, "LOC"}});
  CHECK(tag_spans(split("B-PER B-PER")) == std::vector<TagSpan>{{0, 1, "PER"}, {1, 2, "PER"}});
  CHECK(tag_spans(split("O I-LOC I-LOC")) == std::vector<TagSpan>{{1, 3, "LOC"}});  // I- after O
  CHECK(tag_spans(split("B-PER I-ORG")) == std::vector<TagSpan>{{0, 1, "PER"}, {1, 2, "ORG"}});
  CHECK(tag_spans(split("O O")).empty());
}

TEST_CASE("the scorer counts an entity only when type and both boundaries match") {
  struct Case {
    const char* name;
    std::string gold;
    std::string predicted;
    std::size_t gold_count, predicted_count, correct;
    double precision, recall, f1;
  };
  const Case cases[] = {
      {"exact", "B-PER I-PER O B-LOC", "B-PER I-PER O B-LOC", 2, 2, 2, 100, 100, 100},
      {"right boundary", "B-PER I-PER O", "B-PER O O", 1, 1, 0, 0, 0, 0},
      {"left boundary", "O B-ORG I-ORG", "B-ORG I-ORG I-ORG", 1, 1, 0, 0, 0, 0},
      {"type", "B-ORG O", "B-LOC O", 1, 1, 0, 0, 0, 0},
      {"B- after B-", "B-PER B-PER", "B-PER I-PER", 2, 1, 0, 0, 0, 0},
      {"split entity", "B-PER I-PER", "B-PER B-PER", 1, 2, 0, 0, 0, 0},
      {"I- after O counts as a start", "B-LOC O", "I-LOC O", 1, 1, 1, 100, 100, 100},
      {"mixed", "B-PER O B-LOC O B-ORG I-ORG O B-MISC", "B-PER O B-LOC O B-ORG O O O", 4, 3, 2,
       200.0 / 3, 50, 2 * (200.0 / 3) * 50 / (200.0 / 3 + 50)},
      {"nothing found", "B-PER", "O", 1, 0, 0, 0, 0, 0},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    NerScorer scorer;
    scorer.add_sentence(split(c.gold), split(c.predicted));
    const PrfScore& s = scorer.score().overall;
    CHECK(s.gold == c.gold_count);
    CHECK(s.predicted == c.predicted_count);
    CHECK(s.correct == c.correct);
    CHECK(s.precision() == Approx(c.precision));
    CHECK(s.recall() == Approx(c.recall));
    CHECK(s.f1() == Approx(c.f1));
  }
}

TEST_CASE("the scorer reports each type and does not join entities across sentences") {
  NerScorer scorer;
  scorer.add_sentence(split("B-PER I-PER"), split("B-PER I-PER"));
  scorer.add_sentence(split("I-PER O B-ORG"), split("I-PER O B-LOC"));
  const NerScore& s = scorer.score();
  CHECK(s.overall.gold == 3);
  CHECK(s.overall.correct == 2);
  CHECK(s.by_type.at("PER").f1() == Approx(100));
  CHECK(s.by_type.at("ORG").recall() == Approx(0));
  CHECK(s.by_type.at("ORG").predicted == 0);
  CHECK(s.by_type.at("LOC").precision() == Approx(0));
  CHECK(s.tokens == 5);
  CHECK(s.tokens_correct == 4);
  CHECK_THROWS(scorer.add_sentence(split("O O"), split("O")));
}

TEST_CASE("read_conll keeps documents, sentences, the first and the last column") {
  std::istringstream in(
      "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n"
      "Peter NNP I-NP I-PER\r\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n");
  const auto documents = read_conll(in);
  REQUIRE(documents.size() == 2);
  REQUIRE(documents[0].sentences.size() == 2);
  CHECK(documents[0].sentences[0][0].word == "EU");
  CHECK(documents[0].sentences[0][0].tag == "I-ORG");
  CHECK(documents[0].sentences[1][0].tag == "I-PER");
  CHECK(documents[1].sentences[0][0].word == "BRUSSELS");

  std::istringstream headless("word\n\nx y B-PER\n");
  const auto loose = read_conll(headless);
  REQUIRE(loose.size() == 1);
  CHECK_FALSE(loose[0].has_docstart);
  CHECK(loose[0].sentences[0][0].tag == "O");
}

TEST_CASE("score_conll_predictions reads WORD GOLD PREDICTED lines") {
  std::istringstream in(
      "-DOCSTART- O O\n\nPeter B-PER B-PER\nBlackburn I-PER I-PER\n\n"
      "BRUSSELS B-LOC B-ORG\n1996-08-22 O O\n\n");
  const NerScore s = score_conll_predictions(in);
  CHECK(s.tokens == 4);
  CHECK(s.overall.gold == 2);
  CHECK(s.overall.correct == 1);
  CHECK(s.overall.f1() == Approx(50));
  CHECK(format_score(s).find("FB1:  50.00") != std::string::npos);

  std::istringstream bad("Peter B-PER\n");
  CHECK_THROWS(score_conll_predictions(bad));
}
