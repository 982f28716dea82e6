// newsdex-ner-score: entity-level precision, recall and F1 (conlleval's definition) of
// "WORD ... GOLD PREDICTED" lines, as newsindex --tag-conll writes them.
#include <fstream>
#include <iostream>
#include <string>

#include "common/entities/ner/conll.hpp"

int main(int argc, char** argv) try {
  if (argc > 2 || (argc == 2 && (std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help"))) {
    std::cerr << "usage: newsdex-ner-score [FILE]   (standard input when no FILE or -)\n";
    return argc > 2 ? 2 : 0;
  }
  newsdex::ner::NerScore score;
  if (argc == 2 && std::string(argv[1]) != "-") {
    std::ifstream in(argv[1]);
    if (!in) {
      std::cerr << "newsdex-ner-score: cannot read " << argv[1] << '\n';
      return 1;
    }
    score = newsdex::ner::score_conll_predictions(in);
  } else {
    score = newsdex::ner::score_conll_predictions(std::cin);
  }
  std::cout << newsdex::ner::format_score(score);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "newsdex-ner-score: " << e.what() << '\n';
  return 1;
}
