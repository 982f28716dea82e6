// CoNLL-2003 files: reading documents of tagged tokens, IOB1 -> IOB2, and entity-level scoring
// with conlleval's definition (an entity is correct only when its type and both ends match).
#pragma once

#include <array>
#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::ner {

// One token line: the word (first column) and the tag (last column).
struct ConllToken {
  std::string word;
  std::string tag;
};

using ConllSentence = std::vector<ConllToken>;

// An article: the sentences between two -DOCSTART- lines. has_docstart is false only for
// sentences that precede the first -DOCSTART- line of a file.
struct ConllDocument {
  bool has_docstart = true;
  std::vector<ConllSentence> sentences;
};

// Reads a whole CoNLL file (any number of columns, word first, tag last). Lines with a single
// column get the tag "O". Tags are returned as written (no conversion).
[[nodiscard]] std::vector<ConllDocument> read_conll(std::istream& in);

// Rewrites one sentence's IOB1 tags as IOB2: an I-X that does not continue an X entity
// becomes B-X. IOB2 input is returned unchanged.
void iob1_to_iob2(std::vector<std::string>& tags);

// Precision, recall and F1 in percent, with the counts they come from.
struct PrfScore {
  std::size_t gold = 0;
  std::size_t predicted = 0;
  std::size_t correct = 0;
  [[nodiscard]] double precision() const;
  [[nodiscard]] double recall() const;
  [[nodiscard]] double f1() const;
};

// Overall and per-type entity scores, plus token accuracy.
struct NerScore {
  PrfScore overall;
  std::map<std::string, PrfScore> by_type;
  std::size_t tokens = 0;
  std::size_t tokens_correct = 0;
};

// An entity span [begin, end) of tokens in one sentence.
struct TagSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string type;
  bool operator==(const TagSpan&) const = default;
};

// The entities of one sentence's tags as conlleval reads them (IOB1 or IOB2 alike): an entity
// starts at B-X, or at I-X after O or another type; it ends before O, B-, or another type.
[[nodiscard]] std::vector<TagSpan> tag_spans(const std::vector<std::string>& tags);

// Accumulates scores sentence by sentence.
class NerScorer {
 public:
  // gold and predicted must have the same length.
  void add_sentence(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
  [[nodiscard]] const NerScore& score() const { return score_; }

 private:
  NerScore score_;
};

// Scores "WORD ... GOLD PREDICTED" lines (the last two columns), blank lines between sentences;
// -DOCSTART- lines end a sentence and are not counted. Throws std::runtime_error on a line
// with fewer than three columns.
[[nodiscard]] NerScore score_conll_predictions(std::istream& in);

// conlleval-style report: overall and per-type P/R/F1, one line each.
[[nodiscard]] std::string format_score(const NerScore& score);

}  // namespace newsdex::ner
