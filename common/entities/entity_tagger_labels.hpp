// The statistical tagger's spans laid over an article's tokens: which span and type each word
// lies in, so the rules can ask where the tagger cuts a sequence and what it calls a run.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/entities/entity_tokenizer.hpp"
#include "common/entities/ner/ner_tagger.hpp"

namespace newsdex::entity_detail {

// The statistical tagger's label of a token: the type of the span it lies in.
enum class Ner : std::uint8_t { none, per, org, loc, misc };

class TaggerLabels {
 public:
  // Gives each word token of `tokens` the span of the tagger it starts in. The tokens must
  // point into title or body (the tokenizer keeps views of its input) and spans must be the
  // tagger's output for that same title and body. Without a call (no tagger) every query
  // below answers as if the tagger saw nothing.
  void label(const ner::ArticleEntities& spans, std::string_view title, std::string_view body,
             const std::vector<Token>& tokens);

  // Does the tagger put words a and b in different spans of different types? Two PER spans
  // side by side ("Exchequer Nigel" "Lawson") are one name cut wrongly, not a break.
  [[nodiscard]] bool span_break(std::size_t a, std::size_t b) const;

  // Are words a and b in one span of the tagger, of this type?
  [[nodiscard]] bool same_span(std::size_t a, std::size_t b, Ner type) const;

  // The tagger's type for the run [begin, end) of `tokens` (connectives aside): the type of
  // its words when at least half of them carry it (the first such type), else none.
  [[nodiscard]] Ner run_type(std::size_t begin, std::size_t end,
                             const std::vector<Token>& tokens) const;

 private:
  std::vector<std::int32_t> span_;  // per token: index of the tagger span it is in, or -1
  std::vector<Ner> ner_;            // per token: that span's type
  std::vector<Ner> types_;          // per span: its type
};

}  // namespace newsdex::entity_detail
