// CoNLL in, tagged CoNLL out.
#include "common/entities/ner/conll_tagging.hpp"

#include <string>

namespace newsdex::ner {

TokenDocument token_document(const ConllDocument& document) {
  TokenDocument words;
  words.reserve(document.sentences.size());
  for (const auto& sentence : document.sentences) {
    auto& out = words.emplace_back();
    out.reserve(sentence.size());
    for (const auto& token : sentence) out.emplace_back(token.word);
  }
  return words;
}

std::vector<std::vector<Label>> gold_labels(const ConllDocument& document) {
  std::vector<std::vector<Label>> labels;
  std::vector<std::string> tags;
  for (const auto& sentence : document.sentences) {
    tags.clear();
    for (const auto& token : sentence) tags.push_back(token.tag);
    iob1_to_iob2(tags);
    auto& out = labels.emplace_back();
    for (const auto& tag : tags) out.push_back(label_from_name(tag));
  }
  return labels;
}

std::size_t tag_conll(std::istream& in, std::ostream& out, const NerTagger& tagger) {
  std::size_t tokens = 0;
  std::vector<std::string> tags;
  for (const auto& document : read_conll(in)) {
    if (document.has_docstart) out << "-DOCSTART- O O\n\n";
    const auto predicted = tagger.tag(token_document(document));
    for (std::size_t s = 0; s < document.sentences.size(); ++s) {
      const auto& sentence = document.sentences[s];
      tags.clear();
      for (const auto& token : sentence) tags.push_back(token.tag);
      iob1_to_iob2(tags);
      for (std::size_t t = 0; t < sentence.size(); ++t) {
        out << sentence[t].word << ' ' << tags[t] << ' ' << kLabelNames[predicted[s][t]] << '\n';
      }
      out << '\n';
      tokens += sentence.size();
    }
  }
  return tokens;
}

}  // namespace newsdex::ner
