// CoNLL-2003 reading, IOB1 -> IOB2 conversion and conlleval-compatible entity scoring.
#include "common/entities/ner/conll.hpp"

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace newsdex::ner {
namespace {

std::vector<std::string_view> split_columns(std::string_view line) {
  std::vector<std::string_view> columns;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) columns.push_back(line.substr(start, i - start));
  }
  return columns;
}

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// conlleval splits "B-PER" into prefix 'B' and type "PER"; "O" has prefix 'O' and no type.
struct TagParts {
  char prefix = 'O';
  std::string_view type;
};

TagParts parts(std::string_view tag) {
  if (tag.size() >= 2 && tag[1] == '-') return {tag[0], tag.substr(2)};
  return {'O', {}};
}

double ratio(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::vector<ConllDocument> read_conll(std::istream& in) {
  std::vector<ConllDocument> documents;
  ConllSentence sentence;
  auto flush = [&] {
    if (sentence.empty()) return;
    if (documents.empty()) documents.push_back(ConllDocument{false, {}});
    documents.back().sentences.push_back(std::move(sentence));
    sentence.clear();
  };
  std::string line;
  while (std::getline(in, line)) {
    const auto columns = split_columns(strip_cr(line));
    if (columns.empty()) {
      flush();
      continue;
    }
    if (columns[0] == "-DOCSTART-") {
      flush();
      documents.push_back(ConllDocument{true, {}});
      continue;
    }
    ConllToken token{std::string(columns.front()),
                     columns.size() > 1 ? std::string(columns.back()) : std::string("O")};
    sentence.push_back(std::move(token));
  }
  flush();
  return documents;
}

void iob1_to_iob2(std::vector<std::string>& tags) {
  std::string_view previous_type;
  for (auto& tag : tags) {
    const TagParts p = parts(tag);
    if (p.prefix == 'I' && p.type != previous_type) tag[0] = 'B';
    previous_type = p.prefix == 'O' ? std::string_view() : std::string_view(tag).substr(2);
  }
}

double PrfScore::precision() const { return ratio(correct, predicted); }
double PrfScore::recall() const { return ratio(correct, gold); }
double PrfScore::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
}

std::vector<TagSpan> tag_spans(const std::vector<std::string>& tags) {
  std::vector<TagSpan> spans;
  bool open = false;
  TagSpan current;
  std::string_view current_type;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const TagParts p = parts(tags[i]);
    // conlleval: a chunk ends at O, at B-, at a type change, and at '[' / ']' (not used here).
    const bool starts = p.prefix == 'B' || (p.prefix == 'I' && (!open || p.type != current_type));
    if (open && (p.prefix == 'O' || starts)) {
      current.end = i;
      spans.push_back(current);
      open = false;
    }
    if (starts) {
      current = TagSpan{i, i, std::string(p.type)};
      current_type = p.type;
      open = true;
    }
  }
  if (open) {
    current.end = tags.size();
    spans.push_back(current);
  }
  return spans;
}

void NerScorer::add_sentence(const std::vector<std::string>& gold,
                             const std::vector<std::string>& predicted) {
  if (gold.size() != predicted.size()) throw std::invalid_argument("tag sequences differ in length");
  const auto gold_spans = tag_spans(gold);
  const auto predicted_spans = tag_spans(predicted);
  for (const auto& span : gold_spans) {
    ++score_.overall.gold;
    ++score_.by_type[span.type].gold;
  }
  for (const auto& span : predicted_spans) {
    ++score_.overall.predicted;
    ++score_.by_type[span.type].predicted;
  }
  // Both lists are ordered by begin and non-overlapping: one merge finds the exact matches.
  std::size_t g = 0;
  for (const auto& span : predicted_spans) {
    while (g < gold_spans.size() && gold_spans[g].begin < span.begin) ++g;
    if (g < gold_spans.size() && gold_spans[g] == span) {
      ++score_.overall.correct;
      ++score_.by_type[span.type].correct;
    }
  }
  for (std::size_t i = 0; i < gold.size(); ++i) {
    ++score_.tokens;
    if (gold[i] == predicted[i]) ++score_.tokens_correct;
  }
}

NerScore score_conll_predictions(std::istream& in) {
  NerScorer scorer;
  std::vector<std::string> gold;
  std::vector<std::string> predicted;
  auto flush = [&] {
    if (!gold.empty()) scorer.add_sentence(gold, predicted);
    gold.clear();
    predicted.clear();
  };
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto columns = split_columns(strip_cr(line));
    if (columns.empty() || columns[0] == "-DOCSTART-") {
      flush();
      continue;
    }
    if (columns.size() < 3) {
      throw std::runtime_error("line " + std::to_string(number) +
                               ": expected WORD GOLD PREDICTED");
    }
    gold.emplace_back(columns[columns.size() - 2]);
    predicted.emplace_back(columns.back());
  }
  flush();
  return scorer.score();
}

std::string format_score(const NerScore& score) {
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line,
                "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
                score.tokens, score.overall.gold, score.overall.predicted, score.overall.correct);
  out << line;
  std::snprintf(line, sizeof line,
                "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                ratio(score.tokens_correct, score.tokens), score.overall.precision(),
                score.overall.recall(), score.overall.f1());
  out << line;
  for (const auto& [type, s] : score.by_type) {
    std::snprintf(line, sizeof line, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n",
                  type.c_str(), s.precision(), s.recall(), s.f1(), s.predicted);
    out << line;
  }
  return out.str();
}

}  // namespace newsdex::ner
