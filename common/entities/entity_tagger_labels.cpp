// Laying the tagger's character spans over the rules' tokens (see entity_tagger_labels.hpp).
#include "common/entities/entity_tagger_labels.hpp"

namespace newsdex::entity_detail {
namespace {

Ner ner_type(std::string_view type) {
  if (type == "PER") return Ner::per;
  if (type == "ORG") return Ner::org;
  if (type == "LOC") return Ner::loc;
  return Ner::misc;
}

}  // namespace

void TaggerLabels::label(const ner::ArticleEntities& spans, std::string_view title,
                         std::string_view body, const std::vector<Token>& tokens) {
  span_.assign(tokens.size(), -1);
  ner_.assign(tokens.size(), Ner::none);
  types_.clear();
  for (const auto& span : spans.title) types_.push_back(ner_type(span.type));
  for (const auto& span : spans.body) types_.push_back(ner_type(span.type));
  std::size_t next_title = 0;
  std::size_t next_body = 0;
  const auto inside = [](std::string_view text, const char* p) {
    return !text.empty() && p >= text.data() && p < text.data() + text.size();
  };
  // Spans and tokens both run in text order, so one forward walk over each list suffices.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.type != Tok::word || t.text.empty()) continue;
    const bool in_title = inside(title, t.text.data());
    if (!in_title && !inside(body, t.text.data())) continue;
    const auto& list = in_title ? spans.title : spans.body;
    std::size_t& next = in_title ? next_title : next_body;
    const auto offset =
        static_cast<std::size_t>(t.text.data() - (in_title ? title.data() : body.data()));
    while (next < list.size() && list[next].end <= offset) ++next;
    if (next < list.size() && list[next].begin <= offset) {
      const std::size_t id = (in_title ? 0 : spans.title.size()) + next;
      span_[i] = static_cast<std::int32_t>(id);
      ner_[i] = types_[id];
    }
  }
}

bool TaggerLabels::span_break(std::size_t a, std::size_t b) const {
  return !span_.empty() && span_[a] >= 0 && span_[b] >= 0 && span_[a] != span_[b] &&
         ner_[a] != ner_[b];
}

bool TaggerLabels::same_span(std::size_t a, std::size_t b, Ner type) const {
  return !span_.empty() && span_[a] >= 0 && span_[a] == span_[b] && ner_[a] == type;
}

Ner TaggerLabels::run_type(std::size_t begin, std::size_t end,
                           const std::vector<Token>& tokens) const {
  if (ner_.empty()) return Ner::none;
  std::size_t words = 0;
  std::size_t counts[5] = {0, 0, 0, 0, 0};
  Ner first = Ner::none;
  for (std::size_t i = begin; i < end; ++i) {
    if (is_connective(tokens[i])) continue;
    ++words;
    ++counts[static_cast<std::size_t>(ner_[i])];
    if (first == Ner::none) first = ner_[i];
  }
  if (first == Ner::none) return Ner::none;
  return 2 * counts[static_cast<std::size_t>(first)] >= words ? first : Ner::none;
}

}  // namespace newsdex::entity_detail
