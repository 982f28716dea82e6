// The CoNLL-style raw-text tokenizer: table-driven splits, offsets, and random bytes.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "common/entities/ner/ner_tokenizer.hpp"

using namespace newsdex::ner;

namespace {

// Tokens joined by spaces, sentences by " | ".
std::string render(std::string_view text) {
  std::string out;
  for (const auto& sentence : tokenize_text(text)) {
    if (!out.empty()) out += " | ";
    for (std::size_t i = 0; i < sentence.size(); ++i) {
      if (i > 0) out += ' ';
      out += text.substr(sentence[i].begin, sentence[i].end - sentence[i].begin);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("tokenize_text splits like CoNLL-2003") {
  struct Case {
    std::string text;
    std::string tokens;
  };
  const Case cases[] = {
      {"The U.S. economy's growth slowed.", "The U.S. economy 's growth slowed ."},
      {"Anglo-Dutch Unilever cut 1,000 jobs (3.5%).",
       "Anglo-Dutch Unilever cut 1,000 jobs ( 3.5 % ) ."},
      {"Mr. Smith didn't go. He left!", "Mr. Smith did n't go . | He left !"},
      {"\xE2\x80\x9CHello,\xE2\x80\x9D she said.", "\xE2\x80\x9C Hello , \xE2\x80\x9D she said ."},
      {"BRUSSELS 1996-08-22\nThe European Commission said.",
       "BRUSSELS 1996-08-22 | The European Commission said ."},
      {"the workers' rights", "the workers ' rights"},
      {"Z\xC3\xBCrich\xE2\x80\x99s mayor", "Z\xC3\xBCrich \xE2\x80\x99s mayor"},
      {"He said \"no.\" Then left.", "He said \" no . \" | Then left ."},
      {"AT&T and J. Smith", "AT&T and J. Smith"},
      {"wait... e.g. no", "wait ... e.g. no"},
      {"O'Neill's", "O'Neill 's"},
      {"", ""},
      {"  \n\t ", ""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(render(c.text) == c.tokens);
  }
}

TEST_CASE("tokenize_text offsets cover the text in order") {
  const std::string text = "Peter Blackburn, in Brussels.";
  const auto sentences = tokenize_text(text);
  REQUIRE(sentences.size() == 1);
  REQUIRE(sentences[0].size() == 6);
  CHECK(sentences[0][1].begin == 6);
  CHECK(sentences[0][1].end == 15);
  CHECK(sentences[0][2].begin == 15);
}

TEST_CASE("tokenize_text caps sentence length") {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "word ";
  for (const auto& sentence : tokenize_text(text)) CHECK(sentence.size() <= kMaxSentenceTokens);
}

TEST_CASE("tokenize_text never reads out of bounds on arbitrary bytes") {
  std::mt19937 random(7);
  const std::string pieces[] = {"\xE2\x80", "\xE2\x80\x99", "\xC3", "'s", ".", "-", "A", "b",
                                "1", ",", " ", "\n", "\xF0\x9F\x98\x80", "\xFF", "n't", "'"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      if (random() % 3 == 0) {
        text.push_back(static_cast<char>(random() % 256));
      } else {
        text += pieces[random() % std::size(pieces)];
      }
    }
    // A copy without spare capacity, so an overread is caught by the sanitizers.
    const std::string exact(text.begin(), text.end());
    std::size_t last_end = 0;
    for (const auto& sentence : tokenize_text(exact)) {
      CHECK_FALSE(sentence.empty());
      for (const auto& token : sentence) {
        REQUIRE(token.begin < token.end);
        REQUIRE(token.end <= exact.size());
        REQUIRE(token.begin >= last_end);
        last_end = token.end;
      }
    }
  }
}
