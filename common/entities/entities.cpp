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

// "Donaldson, Lufkin and Jenrette Securities Corp", "Kidder, Peabody and Co Inc": a firm named
// after its partners, the first two written with a comma between them, ending in a legal form.
// Returns the end of the name when the sequence [i, end) is its first partner, else 0. Each
// partner before "and" is one word, so a list of firms ("Salomon, Merrill Lynch and Morgan
// Stanley and Co") stays a list.
std::size_t partners_firm_end(const entity_detail::PhraseMatcher& matcher, std::size_t i,
                              std::size_t end) {
  const std::vector<Token>& tokens = matcher.tokens();
  const auto unknown_word = [&](std::size_t k) {
    return tokens[k].type == Tok::word && tokens[k].cap && !is_connective(tokens[k]) &&
           tokens[k].mode == entity_detail::Mode::normal;
  };
  const std::size_t second = end + 1;
  if (end != i + 1 || second + 2 >= tokens.size() || tokens[end].type != Tok::brk ||
      tokens[end].text != "," || !unknown_word(i) || !unknown_word(second)) {
    return 0;
  }
  const std::string_view joiner = matcher.key(second + 1);
  if (!is_connective(tokens[second + 1]) || (joiner != "and" && joiner != "&")) return 0;
  // The name ends with its legal forms, though the sequence may go on ("... Co Inc and Salomon").
  const std::size_t last = sequence_end(tokens, second);
  for (std::size_t k = second + 2; k < last; ++k) {
    if (!entity_detail::is_legal_suffix(matcher.key(k))) continue;
    while (k < last && entity_detail::is_legal_suffix(matcher.key(k))) ++k;
    return k;
  }
  return 0;
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
    if (const std::size_t firm_end = partners_firm_end(matcher, i, end); firm_end > 0) {
      builder.add_firm(i, firm_end);
      i = firm_end;
      continue;
    }
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
