// Access to the model bytes that embedded_ner_model.S (generated at build time) includes.
#include "common/entities/ner/ner_tagger.hpp"

extern "C" {
extern const char newsdex_ner_model_begin[];
extern const char newsdex_ner_model_end[];
}

namespace newsdex::ner {

std::string_view embedded_ner_model() {
  return std::string_view(newsdex_ner_model_begin,
                          static_cast<std::size_t>(newsdex_ner_model_end - newsdex_ner_model_begin));
}

// Defined here, not in ner_tagger.cpp, so that newsdex_ner_core links without a model.
const NerTagger& NerTagger::builtin() {
  static const NerTagger tagger(NerModel::load(embedded_ner_model()));  // thread-safe init
  return tagger;
}

}  // namespace newsdex::ner
