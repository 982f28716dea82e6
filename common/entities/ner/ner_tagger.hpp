// The statistical named-entity recognizer: tags the tokens of one article with IOB2 labels
// (PER, ORG, LOC, MISC) using an averaged-perceptron model with Viterbi decoding, and finds
// entity spans in raw article text. Thread-safe after construction (tagging is const).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/entities/ner/ner_features.hpp"
#include "common/entities/ner/ner_model.hpp"
#include "common/entities/ner/ner_tokenizer.hpp"

namespace newsdex::ner {

// An entity found in raw text: its type (PER, ORG, LOC or MISC) and text[begin, end).
struct EntitySpan {
  std::string type;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  bool operator==(const EntitySpan&) const = default;
};

// Entities of an article's title and body, with offsets into each.
struct ArticleEntities {
  std::vector<EntitySpan> title;
  std::vector<EntitySpan> body;
};

class NerTagger {
 public:
  explicit NerTagger(NerModel model) : model_(std::move(model)) {}

  // The tagger of the model compiled into the binary, loaded on first use (thread-safe).
  // Throws std::runtime_error if the embedded model is corrupt.
  [[nodiscard]] static const NerTagger& builtin();

  // Tags one document: one IOB2 label per token, sentence by sentence. Sentences are decoded
  // in order; the labels of earlier sentences feed the features of later ones.
  [[nodiscard]] std::vector<std::vector<Label>> tag(const TokenDocument& document) const;

  // Tokenizes text (tokenize_text) and returns its entities in order. Offsets are into text.
  [[nodiscard]] std::vector<EntitySpan> find_entities(std::string_view text) const;

  // The title and the body as one document (the title is its first sentence or sentences).
  [[nodiscard]] ArticleEntities find_entities(std::string_view title, std::string_view body) const;

  [[nodiscard]] const NerModel& model() const { return model_; }

 private:
  NerModel model_;
};

// The model file embedded at build time (data/models/ner.model).
[[nodiscard]] std::string_view embedded_ner_model();

}  // namespace newsdex::ner
