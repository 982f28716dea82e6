// The NER tagger: shapes, features, gazetteer, Viterbi constraints, model files and the
// built-in model on raw text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "common/entities/ner/ner_decoder.hpp"
#include "common/entities/ner/ner_features.hpp"
#include "common/entities/ner/ner_model.hpp"
#include "common/entities/ner/ner_tagger.hpp"

using namespace newsdex::ner;

namespace {

std::vector<std::uint64_t> keys_of(const DocumentFeatures& features, std::size_t token) {
  return {features.static_begin(token), features.static_end(token)};
}

Label label(std::string_view name) { return label_from_name(name); }

}  // namespace

TEST_CASE("word_shape collapses character classes") {
  struct Case {
    std::string_view word;
    std::string_view shape;
  };
  const Case cases[] = {{"Peter", "Xx"},     {"EU", "X"},         {"McDonald's", "XxXx'x"},
                        {"1996-08-22", "d-d-d"}, {"3.5", "d.d"}, {"U.S.", "X.X."},
                        {"Z\xC3\xBCrich", "Xux"}, {",", ","},     {"", ""}};
  for (const auto& c : cases) CHECK(word_shape(c.word) == c.shape);
}

TEST_CASE("local features depend on the word and its window, not on the document elsewhere") {
  // Table: (document, sentence, token) pairs whose static features must be equal or differ.
  const Gazetteer none;
  const TokenDocument a = {{"Blackburn", "said", "."}};
  const TokenDocument b = {{"Blackburn", "said", "."}, {"Other", "text", "."}};
  const TokenDocument c = {{"Blackburn", "told", "."}};
  const TokenDocument d = {{"BLACKBURN", "SAID", "."}, {"Peter", "Blackburn", "said", "."}};
  const TokenDocument e = {{"BLACKBURN", "SAID", "."}, {"Peter", "blackburn", "said", "."}};
  const DocumentFeatures fa(a, none), fb(b, none), fc(c, none), fd(d, none), fe(e, none);
  struct Case {
    const char* name;
    const DocumentFeatures& left;
    std::size_t left_token;
    const DocumentFeatures& right;
    std::size_t right_token;
    bool equal;
  };
  const Case cases[] = {
      {"same sentence, unrelated other sentence", fa, 0, fb, 0, true},
      {"next word differs", fa, 0, fc, 0, false},
      {"headline word seen capitalized vs lower case elsewhere", fd, 0, fe, 0, false},
      {"the same token twice", fd, 4, fd, 4, true},
  };
  for (const auto& k : cases) {
    INFO(k.name);
    CHECK((keys_of(k.left, k.left_token) == keys_of(k.right, k.right_token)) == k.equal);
  }
  CHECK(fd.word_id(0) == fd.word_id(4));  // BLACKBURN and Blackburn are one word
  CHECK(fd.sentence_count() == 2);
  CHECK(fd.token_index(1, 1) == 4);
}

TEST_CASE("history features come from labels predicted for the same word") {
  const Gazetteer none;
  const TokenDocument doc = {{"Blackburn", "said"}, {"Blackburn", "left"}};
  const DocumentFeatures features(doc, none);
  PredictionHistory history(features.word_count());
  std::vector<std::uint64_t> before;
  features.history_features(2, history, before);
  CHECK(before.empty());
  history.record(features.word_id(0), label("B-PER"));
  std::vector<std::uint64_t> after_per;
  features.history_features(2, history, after_per);
  CHECK_FALSE(after_per.empty());
  PredictionHistory other(features.word_count());
  other.record(features.word_id(0), label("B-ORG"));
  std::vector<std::uint64_t> after_org;
  features.history_features(2, other, after_org);
  CHECK(after_org != after_per);
}

TEST_CASE("separate word features are the in-static prefix, computed on request") {
  const Gazetteer none;
  const TokenDocument doc = {{"a", "U.S.", "McDonald's", "1996", "Z\xC3\xBCrich", ",", "said"},
                             {"Peter", "PETER", "peter", "x-ray"}};
  const DocumentFeatures inline_features(doc, none);
  DocumentFeatures separate;
  separate.assign(doc, none, WordFeatures::separate);
  REQUIRE(separate.token_count() == inline_features.token_count());
  for (std::size_t token = 0; token < separate.token_count(); ++token) {
    INFO(token);
    const auto all = keys_of(inline_features, token);
    const std::size_t prefix = inline_features.word_prefix_size(token);
    std::array<std::uint64_t, DocumentFeatures::kMaxWordFeatures> word{};
    const std::size_t count = separate.word_features(token, word.data());
    CHECK(separate.word_prefix_size(token) == 0);
    CHECK(count == prefix);
    CHECK(std::vector<std::uint64_t>(word.begin(), word.begin() + count) ==
          std::vector<std::uint64_t>(all.begin(), all.begin() + prefix));
    CHECK(keys_of(separate, token) == std::vector<std::uint64_t>(all.begin() + prefix, all.end()));
  }
}

TEST_CASE("features reassigned over other documents are those of a fresh extraction") {
  const Gazetteer none;
  const TokenDocument a = {{"Blackburn", "said", "on", "Monday", "."}};
  const TokenDocument b = {{"Other", "words", "entirely", ",", "said", "Smith", "."}};
  const DocumentFeatures fresh(a, none);
  DocumentFeatures reused;
  reused.assign(b, none);
  reused.assign(a, none);
  REQUIRE(reused.token_count() == fresh.token_count());
  for (std::size_t token = 0; token < fresh.token_count(); ++token) {
    CHECK(keys_of(reused, token) == keys_of(fresh, token));
  }
}

TEST_CASE("history features in an array match the vector form") {
  const Gazetteer none;
  const TokenDocument doc = {{"Blackburn", "said"}, {"Blackburn", "left"}};
  const DocumentFeatures features(doc, none);
  PredictionHistory history(features.word_count());
  history.record(features.word_id(0), label("B-PER"));
  history.record(features.word_id(0), label("B-ORG"));
  std::vector<std::uint64_t> as_vector;
  features.history_features(2, history, as_vector);
  std::array<std::uint64_t, DocumentFeatures::kMaxHistoryFeatures> as_array{};
  const std::size_t count = features.history_features(2, history, as_array.data());
  CHECK(std::vector<std::uint64_t>(as_array.begin(), as_array.begin() + count) == as_vector);
}

TEST_CASE("gazetteer phrases mark the tokens they cover") {
  Gazetteer gazetteer;
  gazetteer.add_lexicon_file("places.tsv", "# comment\ncity\tNew York\tUnited States\tNYC\n");
  gazetteer.add_lexicon_file("given_names.tsv", "Peter\tenglish\n");
  const TokenDocument doc = {{"Peter", "flew", "to", "new", "york", "."}};
  const DocumentFeatures with(doc, gazetteer);
  const DocumentFeatures without(doc, Gazetteer());
  CHECK(keys_of(with, 0) != keys_of(without, 0));  // given name
  CHECK(keys_of(with, 3) != keys_of(without, 3));  // first token of a place
  CHECK(keys_of(with, 4) != keys_of(without, 4));  // last token of a place
  CHECK(keys_of(with, 1) != keys_of(without, 1));  // right neighbour of a given name
  CHECK(keys_of(with, 2) != keys_of(without, 2));  // left neighbour of a place
  std::uint64_t h = kEmptySequence;
  h = hash_extend(h, hash_text("new"));
  CHECK((gazetteer.lookup(h) & kGazPrefixBit) != 0);
  h = hash_extend(h, hash_text("york"));
  CHECK((gazetteer.lookup(h) & (1U << kGazPlace)) != 0);
}

TEST_CASE("viterbi respects IOB2 constraints and transitions") {
  Transitions transitions;
  std::vector<float> emissions(3 * kNumLabels, 0.0F);
  auto emit = [&](std::size_t t, std::string_view name, float score) {
    emissions[t * kNumLabels + label(name)] = score;
  };
  SECTION("I- cannot open a sentence") {
    emit(0, "I-PER", 5.0F);
    emit(0, "B-PER", 1.0F);
    const auto labels = viterbi(emissions.data(), 1, transitions);
    CHECK(labels[0] == label("B-PER"));
  }
  SECTION("I-X cannot follow another type") {
    emit(0, "B-PER", 5.0F);
    emit(1, "I-LOC", 5.0F);
    emit(1, "O", 1.0F);
    const auto labels = viterbi(emissions.data(), 2, transitions);
    CHECK(labels[0] == label("B-PER"));
    CHECK(labels[1] == label("O"));
  }
  SECTION("a strong I- pulls its B- in") {
    emit(0, "O", 1.0F);
    emit(0, "B-ORG", 0.5F);
    emit(1, "I-ORG", 5.0F);
    const auto labels = viterbi(emissions.data(), 2, transitions);
    CHECK(labels == std::vector<Label>{label("B-ORG"), label("I-ORG")});
  }
  SECTION("transitions break ties") {
    transitions.from(label("B-LOC"), label("O")) = 1.0F;
    emit(0, "B-LOC", 1.0F);
    emit(0, "B-PER", 1.0F);
    const auto labels = viterbi(emissions.data(), 2, transitions);
    CHECK(labels == std::vector<Label>{label("B-LOC"), label("O")});
  }
  CHECK(viterbi(emissions.data(), 0, transitions).empty());
}

TEST_CASE("a model survives save and load, and a hand-made model tags") {
  const TokenDocument doc = {{"Peter", "said"}};
  Gazetteer gazetteer;
  gazetteer.add("Peter", kGazGivenName);
  const DocumentFeatures features(doc, gazetteer);
  // The word feature (second key) of "Peter" votes B-PER, of "said" votes O.
  const std::uint64_t peter = features.static_begin(0)[1];
  const std::uint64_t said = features.static_begin(1)[1];
  std::vector<float> weights(2 * kNumLabels, 0.0F);
  weights[label("B-PER")] = 2.5F;
  weights[kNumLabels + label("O")] = 1.25F;
  weights[kNumLabels + label("I-PER")] = -0.5F;
  Transitions transitions;
  transitions.from(label("B-PER"), label("O")) = 0.75F;
  const NerModel model({peter, said}, weights, transitions, gazetteer);

  const NerModel loaded = NerModel::load(model.save());
  REQUIRE(loaded.rows() == 2);
  const float* row = loaded.row(model_key(peter));
  REQUIRE(row != nullptr);
  CHECK(row[label("B-PER")] == Approx(2.5F).margin(1e-3));
  CHECK(loaded.row(model_key(said))[label("I-PER")] == Approx(-0.5F).margin(1e-3));
  CHECK(loaded.row(12345) == nullptr);
  CHECK(loaded.transitions().from(label("B-PER"), label("O")) == 0.75F);
  CHECK(loaded.gazetteer().entries() == gazetteer.entries());
  CHECK(loaded.save() == model.save());

  const NerTagger tagger(loaded);
  CHECK(tagger.tag(doc) == std::vector<std::vector<Label>>{{label("B-PER"), label("O")}});

  // Pruning drops rows whose largest weight is small.
  CHECK(NerModel::load(model.save(2.0F)).rows() == 1);

  const std::string bytes = model.save();
  CHECK_THROWS_AS(NerModel::load("not a model"), std::runtime_error);
  CHECK_THROWS_AS(NerModel::load(std::string_view(bytes).substr(0, bytes.size() - 3)),
                  std::runtime_error);
  CHECK_THROWS_AS(NerModel::load(bytes + "x"), std::runtime_error);
}

TEST_CASE("the built-in model finds entities in raw text") {
  const NerTagger& tagger = NerTagger::builtin();
  CHECK(&tagger == &NerTagger::builtin());
  const std::string text =
      "Peter Blackburn met officials of the European Commission in Brussels on Monday.";
  const auto spans = tagger.find_entities(text);
  const std::vector<EntitySpan> expected = {
      {"PER", 0, 15, "Peter Blackburn"},
      {"ORG", 37, 56, "European Commission"},
      {"LOC", 60, 68, "Brussels"},
  };
  CHECK(spans == expected);
  for (const auto& span : spans) CHECK(text.substr(span.begin, span.end - span.begin) == span.text);

  const auto article = tagger.find_entities("Germany beat France", "Jurgen Klinsmann scored twice.");
  REQUIRE(article.title.size() == 2);
  CHECK(article.title[0].text == "Germany");
  CHECK(article.title[1].begin == 13);
  REQUIRE_FALSE(article.body.empty());
  CHECK(article.body[0] == EntitySpan{"PER", 0, 16, "Jurgen Klinsmann"});
  CHECK(tagger.find_entities("").empty());
  CHECK(tagger.find_entities("\xFF\xFE\xE2\x80").size() <= 1);
}
