// Tags a CoNLL-2003 file with the NER tagger and writes "WORD GOLD PREDICTED" lines (IOB2),
// the input conlleval and score_conll_predictions read.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <vector>

#include "common/entities/ner/conll.hpp"
#include "common/entities/ner/ner_tagger.hpp"

namespace newsdex::ner {

// The words of a CoNLL document as a TokenDocument (views into document).
[[nodiscard]] TokenDocument token_document(const ConllDocument& document);

// Gold IOB2 labels of each sentence (the file's last column converted from IOB1).
[[nodiscard]] std::vector<std::vector<Label>> gold_labels(const ConllDocument& document);

// Reads a CoNLL file from in and writes one "WORD GOLD PREDICTED" line per token; each
// document starts with "-DOCSTART- O O" and a blank line (except sentences before the first
// -DOCSTART-), and a blank line follows each sentence. Returns the number of tokens tagged.
std::size_t tag_conll(std::istream& in, std::ostream& out, const NerTagger& tagger);

}  // namespace newsdex::ner
