// Extraction of one article, step by step (the outline is in entities.hpp): tokenize, lay the
// tagger's spans over the tokens, collect capitalized sequences, segment each and emit its
// mentions, then resolve them within the article and tidy the result.
#include "common/entities/entities.hpp"

#include <string>
#include <vector>

#include "common/entities/entity_mention_builder.hpp"
#include "common/entities/entity_mentions.hpp"
#include "common/entities/entity_phrase_matcher.hpp"
#include "common/entities/entity_segmenter.hpp"
#include "common/entities/entity_tagger_labels.hpp"
#include "common/entities/entity_tokenizer.hpp"
#include "common/entities/ner/ner_tagger.hpp"

namespace newsdex {
namespace {

using entity_detail::Tok;
using entity_detail::Token;

// The end of the capitalized sequence that starts at token i: capitalized words, with
// connectives ("of", "and", "von") taken only when a capitalized word follows them; a
// possessive or "-backed" ends it.
std::size_t sequence_end(const std::vector<Token>& tokens, std::size_t i) {
  const std::size_t n = tokens.size();
  std::size_t e = i + 1;
  bool stop = tokens[i].stop_after;
  while (!stop && e < n) {
    if (tokens[e].type != Tok::word || tokens[e].credit) break;
    if (tokens[e].cap && !is_connective(tokens[e])) {
      stop = tokens[e].stop_after;
      ++e;
      continue;
    }
    std::size_t k = e;
    while (k < n && k < e + 3 && tokens[k].type == Tok::word && is_connective(tokens[k])) ++k;
    if (k > e && k < n && tokens[k].type == Tok::word && tokens[k].cap &&
        !is_connective(tokens[k])) {
      e = k;
      continue;
    }
    break;
  }
  return e;
}

}  // namespace

EntityExtractor::EntityExtractor(const Lexicon& lexicon, const ner::NerTagger* tagger)
    : lexicon_(&lexicon), tagger_(tagger) {}

Entities EntityExtractor::extract(std::string_view title, std::string_view body,
                                  std::optional<int> year) const {
  entity_detail::TokenStream stream;
  stream.reserve(title.size() + body.size());
  stream.tokenize(title, true);
  stream.tokenize(body, false);
  const std::vector<Token>& tokens = stream.tokens();

  // The tagger sees the whole article: its document features (a word's other occurrences,
  // earlier predictions) are much of its accuracy. Tagging only the sentences with unknown
  // capitalized words saved little time on Reuters-21578 and lost half the persons.
  // Wrapped lines reach the tagger joined, as the rules read them; same length, same offsets.
  entity_detail::TaggerLabels labels;
  if (tagger_ != nullptr) {
    labels.label(tagger_->find_entities(title, entity_detail::unwrap_lines(body)), title, body,
                 tokens);
  }

  entity_detail::PhraseMatcher matcher(*lexicon_, stream, year);
  entity_detail::Segmenter segmenter(matcher, labels);
  entity_detail::MentionBuilder builder(matcher, labels, stream);
  std::size_t i = 0;
  while (i < tokens.size()) {
    const Token& t = tokens[i];
    if (t.type != Tok::word || !t.cap || is_connective(t) || t.credit) {
      ++i;
      continue;
    }
    const std::size_t end = sequence_end(tokens, i);
    std::vector<entity_detail::Segment>& segments = segmenter.segment(i, end);
    for (std::size_t k = 0; k < segments.size(); ++k) builder.emit(segments, k, i, end);
    builder.link_acronym(segments, i, end);
    i = end;
  }

  builder.drop_titles_of_works();
  Entities found =
      entity_detail::resolve_mentions(builder.mentions(), builder.acronyms(), stream, *lexicon_);
  entity_detail::tidy_entities(found, *lexicon_, year);
  return found;
}

const EntityExtractor& builtin_entity_extractor() {
  static const EntityExtractor extractor(Lexicon::builtin(), &ner::NerTagger::builtin());
  return extractor;
}

}  // namespace newsdex
