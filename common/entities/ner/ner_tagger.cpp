// Document tagging with the perceptron model and entity spans for raw text.
#include "common/entities/ner/ner_tagger.hpp"

#include <algorithm>
#include <array>

#include "common/entities/ner/ner_decoder.hpp"

namespace newsdex::ner {
namespace {

// Spans of one tagged sentence; the IOB2 decoder never produces a dangling I-.
void collect_spans(std::string_view text, const RawSentence& sentence,
                   const std::vector<Label>& labels, std::vector<EntitySpan>& out) {
  for (std::size_t i = 0; i < sentence.size();) {
    if (labels[i] == kOutside) {
      ++i;
      continue;
    }
    const std::size_t type = type_of(labels[i]);
    std::size_t j = i + 1;
    while (j < sentence.size() && is_inside(labels[j]) && type_of(labels[j]) == type) ++j;
    const std::size_t begin = sentence[i].begin;
    const std::size_t end = sentence[j - 1].end;
    out.push_back(EntitySpan{std::string(kTypeNames[type]), begin, end,
                             std::string(text.substr(begin, end - begin))});
    i = j;
  }
}

TokenDocument words_of(std::string_view text, const std::vector<RawSentence>& sentences) {
  TokenDocument document;
  document.reserve(sentences.size());
  for (const auto& sentence : sentences) {
    auto& words = document.emplace_back();
    words.reserve(sentence.size());
    for (const auto& token : sentence) words.push_back(text.substr(token.begin, token.end - token.begin));
  }
  return document;
}

// The summed weights of the word-only features (NerModel's word prefix) by surface word, across
// the documents one thread tags: common words recur in every article, and their dozen lookups
// mostly miss L2. Direct-mapped; a word that loses its entry is summed again. The sums start
// from 0 and add the same rows in the same order, so they are the same floats either way.
class WordSums {
 public:
  // The calling thread's cache for model; switching models empties it.
  static WordSums& of_thread(const NerModel& model) {
    thread_local WordSums sums;
    if (sums.entries_.empty() || sums.model_id_ != model.id()) {
      sums.entries_.assign(kEntries, Entry{});
      sums.model_id_ = model.id();
    }
    return sums;
  }
  [[nodiscard]] const float* find(std::uint64_t surface) const {
    const Entry& e = entries_[slot(surface)];
    return e.valid && e.surface == surface ? e.scores.data() : nullptr;
  }
  void insert(std::uint64_t surface, const float* scores) {
    Entry& e = entries_[slot(surface)];
    e.surface = surface;
    e.valid = true;
    std::copy(scores, scores + kNumLabels, e.scores.begin());
  }

 private:
  // 8192 words (384 KB) hold most of Reuters-21578's running text; more stops fitting in L2.
  static constexpr std::size_t kEntries = std::size_t{1} << 13;
  struct Entry {
    std::uint64_t surface = 0;
    std::array<float, kNumLabels> scores{};
    bool valid = false;
  };
  static std::size_t slot(std::uint64_t surface) {
    return static_cast<std::size_t>(surface >> 32) & (kEntries - 1);
  }
  std::vector<Entry> entries_;
  std::uint64_t model_id_ = 0;
};

}  // namespace

std::vector<std::vector<Label>> NerTagger::tag(const TokenDocument& document) const {
  thread_local DocumentFeatures features;
  // Most tokens are words whose summed word features WordSums already holds: computing those
  // features (affix hashing) only on a miss saves a third of the feature work.
  features.assign(document, model_.gazetteer(), WordFeatures::separate, model_.clusters());
  PredictionHistory history(features.word_count());
  std::vector<std::vector<Label>> result;
  result.reserve(document.size());
  std::vector<float> emissions;
  std::array<std::uint64_t, DocumentFeatures::kMaxHistoryFeatures> extra;
  std::vector<Label> back;
  WordSums& word_sums = WordSums::of_thread(model_);
  // The static features of the whole document are one array: prefetch along it, across token
  // and sentence boundaries. The order of additions per token is unchanged (float sums).
  const std::uint64_t* const keys_end = features.static_keys_end();
  for (std::size_t s = 0; s < features.sentence_count(); ++s) {
    const std::size_t size = features.sentence_size(s);
    emissions.assign(size * kNumLabels, 0.0F);
    for (std::size_t t = 0; t < size; ++t) {
      const std::size_t token = features.token_index(s, t);
      float* out = emissions.data() + t * kNumLabels;
      // Reuse the summed word-only features of an earlier token with the same surface word, in
      // this document or an earlier one (see WordSums).
      if (const float* sum = word_sums.find(features.surface(token))) {
        std::copy(sum, sum + kNumLabels, out);
      } else {
        std::array<std::uint64_t, DocumentFeatures::kMaxWordFeatures> word;
        const std::size_t count = features.word_features(token, word.data());
        model_.add_rows(word.data(), word.data() + count, word.data() + count, out);
        word_sums.insert(features.surface(token), out);
      }
      model_.add_rows(features.static_begin(token), features.static_end(token), keys_end, out);
      const std::size_t count = features.history_features(token, history, extra.data());
      model_.add_rows(extra.data(), extra.data() + count, extra.data() + count, out);
    }
    auto& labels = result.emplace_back(size, kOutside);
    viterbi(emissions.data(), size, model_.transitions(), labels.data(), back);
    for (std::size_t t = 0; t < size; ++t) history.record(features.word_id(features.token_index(s, t)), labels[t]);
  }
  return result;
}

std::vector<EntitySpan> NerTagger::find_entities(std::string_view text) const {
  const auto sentences = tokenize_text(text);
  const auto labels = tag(words_of(text, sentences));
  std::vector<EntitySpan> spans;
  for (std::size_t s = 0; s < sentences.size(); ++s) collect_spans(text, sentences[s], labels[s], spans);
  return spans;
}

ArticleEntities NerTagger::find_entities(std::string_view title, std::string_view body) const {
  const auto title_sentences = tokenize_text(title);
  const auto body_sentences = tokenize_text(body);
  TokenDocument document = words_of(title, title_sentences);
  for (auto& sentence : words_of(body, body_sentences)) document.push_back(std::move(sentence));
  const auto labels = tag(document);
  ArticleEntities entities;
  for (std::size_t s = 0; s < title_sentences.size(); ++s)
    collect_spans(title, title_sentences[s], labels[s], entities.title);
  for (std::size_t s = 0; s < body_sentences.size(); ++s)
    collect_spans(body, body_sentences[s], labels[title_sentences.size() + s], entities.body);
  return entities;
}

}  // namespace newsdex::ner
