// newsdex-learn-clusters: learns Brown word clusters from unlabeled text (CoNLL files, directories
// of .txt articles, JSON Lines articles) for the NER tagger's cluster features; writes the TSV
// that data/models/word_clusters.tsv holds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/entities/ner/conll.hpp"
#include "common/entities/ner/gazetteer.hpp"
#include "common/entities/ner/ner_tokenizer.hpp"
#include "common/jsonl_article.hpp"
#include "tools/brown_clusters.hpp"

using namespace newsdex::ner;

namespace {

constexpr const char* kUsage =
    "usage: newsdex-learn-clusters --out FILE [--conll FILE]... [--text-dir DIR]... [--jsonl FILE]...\n"
    "                              [--clusters N] [--min-count N]\n";

struct Options {
  std::vector<std::string> conll, text_dirs, jsonl;
  std::string out;
  BrownOptions brown;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Adds the lower-cased tokens of each sentence of text. Wire copy is hard-wrapped, and the
// tokenizer ends a sentence at every line break: a lone line break becomes a space, so only
// blank lines (paragraph ends) cut the bigrams.
void add_text(std::string text, ClusterCorpus& corpus) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    const bool blank_before = i > 0 && text[i - 1] == '\n';
    const bool blank_after = i + 1 < text.size() && text[i + 1] == '\n';
    if (!blank_before && !blank_after) text[i] = ' ';
  }
  std::vector<std::string> lower;
  std::vector<std::string_view> words;
  for (const RawSentence& sentence : tokenize_text(text)) {
    lower.resize(sentence.size());
    words.clear();
    for (std::size_t t = 0; t < sentence.size(); ++t) {
      lower_ascii(std::string_view(text).substr(sentence[t].begin, sentence[t].end - sentence[t].begin),
                  lower[t]);
      words.emplace_back(lower[t]);
    }
    corpus.add_sentence(words);
  }
}

void add_conll(const std::string& path, ClusterCorpus& corpus) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lower;
  std::vector<std::string_view> words;
  for (const ConllDocument& document : read_conll(in)) {
    for (const ConllSentence& sentence : document.sentences) {
      lower.resize(sentence.size());
      words.clear();
      for (std::size_t t = 0; t < sentence.size(); ++t) {
        lower_ascii(sentence[t].word, lower[t]);
        words.emplace_back(lower[t]);
      }
      corpus.add_sentence(words);
    }
  }
}

void add_text_dir(const std::string& directory, ClusterCorpus& corpus) {
  if (!std::filesystem::is_directory(directory)) throw std::runtime_error("cannot read " + directory);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the corpus order is part of the result
  for (const auto& file : files) add_text(read_file(file.string()), corpus);
}

void add_jsonl(const std::string& path, ClusterCorpus& corpus) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const newsdex::ArticleParse parsed = newsdex::parse_json_article(line);
    if (!parsed.article) {
      if (parsed.no_text) continue;
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + parsed.error);
    }
    add_text(parsed.article->title + "\n\n" + parsed.article->body, corpus);
  }
}

int run(const Options& options) {
  const auto started = std::chrono::steady_clock::now();
  ClusterCorpus corpus;
  for (const auto& path : options.conll) add_conll(path, corpus);
  for (const auto& path : options.text_dirs) add_text_dir(path, corpus);
  for (const auto& path : options.jsonl) add_jsonl(path, corpus);
  std::fprintf(stderr, "%zu tokens, %zu distinct words\n", corpus.token_count(), corpus.distinct_words());
  const auto words = learn_brown_clusters(corpus, options.brown);
  std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
  out << "# Brown clusters (newsdex-learn-clusters --clusters " << options.brown.clusters
      << " --min-count " << options.brown.min_count << "): path, lower-cased word, count\n";
  for (const auto& word : words) out << word.path << '\t' << word.word << '\t' << word.count << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write " + options.out);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "wrote %zu words in %zu clusters to %s (%.1f s)\n", words.size(),
               options.brown.clusters, options.out.c_str(), seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") options.out = value();
    else if (arg == "--conll") options.conll.push_back(value());
    else if (arg == "--text-dir") options.text_dirs.push_back(value());
    else if (arg == "--jsonl") options.jsonl.push_back(value());
    else if (arg == "--clusters") options.brown.clusters = std::stoul(value());
    else if (arg == "--min-count") options.brown.min_count = std::stoull(value());
    else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (options.out.empty()) throw std::invalid_argument("--out is required");
  if (options.brown.clusters < 2) throw std::invalid_argument("--clusters must be at least 2");
  return run(options);
} catch (const std::invalid_argument& e) {
  std::cerr << "newsdex-learn-clusters: " << e.what() << '\n' << kUsage;
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdex-learn-clusters: " << e.what() << '\n';
  return 1;
}
