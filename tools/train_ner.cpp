// newsdex-train-ner: trains the averaged-perceptron NER model on CoNLL-2003 (train.txt, epochs
// chosen on a held-out part of it), prints the dev scores of the saved model; also scores a
// model on a CoNLL file (--eval) and measures tagging speed (--bench).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/entities/ner/conll.hpp"
#include "common/entities/ner/conll_tagging.hpp"
#include "common/entities/ner/ner_decoder.hpp"
#include "common/entities/ner/ner_tagger.hpp"

using namespace newsdex::ner;

namespace {

constexpr const char* kUsage =
    "usage: newsdex-train-ner --train FILE --dev FILE --out MODEL [--seed N] [--epochs N]\n"
    "                         [--patience N] [--hold-out-every N] [--lexicon DIR] [--prune W]\n"
    "                         [--clusters TSV | --no-clusters]\n"
    "       newsdex-train-ner --eval FILE [--model MODEL]\n"
    "       newsdex-train-ner --bench FILE [--model MODEL] [--repeat N]\n";

struct Options {
  std::string train, dev, out, eval, bench;
  std::string model = NEWSDEX_DEFAULT_MODEL;
  std::string lexicon = NEWSDEX_LEXICON_DIR;
  std::string clusters = NEWSDEX_DEFAULT_CLUSTERS;  // empty: no cluster features
  unsigned seed = 1;
  int epochs = 20;
  int patience = 4;
  int hold_out_every = 10;
  int repeat = 5;
  float prune = 0.0F;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<ConllDocument> read_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return read_conll(in);
}

NerScore evaluate(const NerTagger& tagger, const std::vector<ConllDocument>& documents) {
  NerScorer scorer;
  std::vector<std::string> gold;
  std::vector<std::string> predicted;
  for (const auto& document : documents) {
    const auto labels = tagger.tag(token_document(document));
    const auto truth = gold_labels(document);
    for (std::size_t s = 0; s < labels.size(); ++s) {
      gold.clear();
      predicted.clear();
      for (std::size_t t = 0; t < labels[s].size(); ++t) {
        gold.emplace_back(kLabelNames[truth[s][t]]);
        predicted.emplace_back(kLabelNames[labels[s][t]]);
      }
      scorer.add_sentence(gold, predicted);
    }
  }
  return scorer.score();
}

// One training document with its features resolved to weight rows.
struct TrainingDocument {
  TokenDocument words;
  std::vector<std::vector<Label>> gold;
  std::unique_ptr<DocumentFeatures> features;
  std::vector<std::uint32_t> rows;         // static feature rows, all tokens
  std::vector<std::size_t> row_offsets;    // per token
};

class Trainer {
 public:
  Trainer(const Options& options, Gazetteer gazetteer, WordClusters clusters)
      : options_(options), gazetteer_(std::move(gazetteer)), clusters_(std::move(clusters)) {}

  // Trains on documents, scoring held_out after each epoch, and stops options_.patience epochs
  // after the best held-out F1 (at most options_.epochs); returns the best epoch.
  int choose_epochs(const std::vector<ConllDocument>& documents,
                    const std::vector<ConllDocument>& held_out) {
    prepare(documents);
    std::mt19937 random(options_.seed);
    std::vector<std::size_t> order = document_order();
    double best_f1 = -1.0;
    int best_epoch = 0;
    for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
      const auto started = std::chrono::steady_clock::now();
      std::shuffle(order.begin(), order.end(), random);
      std::size_t mistakes = 0;
      for (const std::size_t d : order) mistakes += train_document(documents_[d]);
      const NerScore score = evaluate(NerTagger(averaged_model()), held_out);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::printf("epoch %2d: %zu sentences with errors, %zu features, held-out F1 %.2f (%.1f s)\n",
                  epoch, mistakes, keys_.size(), score.overall.f1(), seconds);
      std::fflush(stdout);
      if (score.overall.f1() > best_f1) {
        best_f1 = score.overall.f1();
        best_epoch = epoch;
      } else if (epoch - best_epoch >= options_.patience) {
        break;
      }
    }
    std::printf("best epoch %d (held-out F1 %.2f)\n", best_epoch, best_f1);
    return best_epoch;
  }

  // Trains on documents for exactly epochs epochs (shuffled as choose_epochs shuffles) and
  // returns the saved bytes of the averaged model.
  std::string train_epochs(const std::vector<ConllDocument>& documents, int epochs) {
    prepare(documents);
    std::mt19937 random(options_.seed);
    std::vector<std::size_t> order = document_order();
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), random);
      std::size_t mistakes = 0;
      for (const std::size_t d : order) mistakes += train_document(documents_[d]);
      std::printf("all of train, epoch %2d/%d: %zu sentences with errors, %zu features\n", epoch, epochs,
                  mistakes, keys_.size());
      std::fflush(stdout);
    }
    return NerTagger(averaged_model()).model().save(options_.prune);
  }

 private:
  std::vector<std::size_t> document_order() const {
    std::vector<std::size_t> order(documents_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    return order;
  }

  std::uint32_t row_of(std::uint64_t key) {
    const auto [it, added] = index_.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
    if (added) {
      keys_.push_back(key);
      weights_.resize(weights_.size() + kNumLabels, 0.0F);
      totals_.resize(totals_.size() + kNumLabels, 0.0);
    }
    return it->second;
  }

  void prepare(const std::vector<ConllDocument>& train) {
    for (const auto& source : train) {
      auto& doc = documents_.emplace_back();
      doc.words = token_document(source);
      doc.gold = gold_labels(source);
      doc.features = std::make_unique<DocumentFeatures>(doc.words, gazetteer_, clusters_);
      doc.row_offsets.push_back(0);
      for (std::size_t i = 0; i < doc.features->token_count(); ++i) {
        for (auto k = doc.features->static_begin(i); k != doc.features->static_end(i); ++k)
          doc.rows.push_back(row_of(model_key(*k)));
        doc.row_offsets.push_back(doc.rows.size());
      }
    }
  }

  void update(std::uint32_t row, Label label, float delta) {
    weights_[row * kNumLabels + label] += delta;
    totals_[row * kNumLabels + label] += static_cast<double>(delta) * step_;
  }

  void update_transition(std::optional<Label> previous, Label label, float delta) {
    float& w = previous ? transitions_.from(*previous, label) : transitions_.start(label);
    double& total = previous ? transition_totals_[*previous * kNumLabels + label]
                             : transition_totals_[kNumLabels * kNumLabels + label];
    w += delta;
    total += static_cast<double>(delta) * step_;
  }

  // Trains on one document; returns the number of sentences with errors.
  std::size_t train_document(TrainingDocument& doc) {
    const DocumentFeatures& features = *doc.features;
    PredictionHistory history(features.word_count());
    std::size_t mistakes = 0;
    std::vector<float> emissions;
    std::vector<std::uint64_t> extra;
    std::vector<std::vector<std::uint32_t>> extra_rows;
    for (std::size_t s = 0; s < features.sentence_count(); ++s) {
      const std::size_t size = features.sentence_size(s);
      emissions.assign(size * kNumLabels, 0.0F);
      extra_rows.assign(size, {});
      for (std::size_t t = 0; t < size; ++t) {
        const std::size_t token = features.token_index(s, t);
        float* out = emissions.data() + t * kNumLabels;
        for (std::size_t r = doc.row_offsets[token]; r < doc.row_offsets[token + 1]; ++r) {
          const float* w = weights_.data() + static_cast<std::size_t>(doc.rows[r]) * kNumLabels;
          for (std::size_t l = 0; l < kNumLabels; ++l) out[l] += w[l];
        }
        extra.clear();
        features.history_features(token, history, extra);
        for (const auto k : extra) {
          const std::uint32_t row = row_of(model_key(k));
          extra_rows[t].push_back(row);
          const float* w = weights_.data() + static_cast<std::size_t>(row) * kNumLabels;
          for (std::size_t l = 0; l < kNumLabels; ++l) out[l] += w[l];
        }
      }
      const auto predicted = viterbi(emissions.data(), size, transitions_);
      const auto& gold = doc.gold[s];
      if (predicted != gold) {
        ++mistakes;
        for (std::size_t t = 0; t < size; ++t) {
          const std::size_t token = features.token_index(s, t);
          if (predicted[t] != gold[t]) {
            for (std::size_t r = doc.row_offsets[token]; r < doc.row_offsets[token + 1]; ++r) {
              update(doc.rows[r], gold[t], 1.0F);
              update(doc.rows[r], predicted[t], -1.0F);
            }
            for (const auto row : extra_rows[t]) {
              update(row, gold[t], 1.0F);
              update(row, predicted[t], -1.0F);
            }
          }
          const std::optional<Label> gold_previous =
              t == 0 ? std::nullopt : std::optional<Label>(gold[t - 1]);
          const std::optional<Label> predicted_previous =
              t == 0 ? std::nullopt : std::optional<Label>(predicted[t - 1]);
          if (gold_previous != predicted_previous || gold[t] != predicted[t]) {
            update_transition(gold_previous, gold[t], 1.0F);
            update_transition(predicted_previous, predicted[t], -1.0F);
          }
        }
      }
      for (std::size_t t = 0; t < size; ++t)
        history.record(features.word_id(features.token_index(s, t)), predicted[t]);
      ++step_;
    }
    return mistakes;
  }

  // Averaged weights: w - totals / step (the standard lazy-averaging identity).
  NerModel averaged_model() const {
    std::vector<float> average(weights_.size());
    const double c = static_cast<double>(step_);
    for (std::size_t i = 0; i < weights_.size(); ++i)
      average[i] = static_cast<float>(weights_[i] - totals_[i] / c);
    Transitions transitions;
    for (std::size_t i = 0; i < transitions.weights.size(); ++i)
      transitions.weights[i] = static_cast<float>(transitions_.weights[i] - transition_totals_[i] / c);
    return NerModel(keys_, std::move(average), transitions, gazetteer_, clusters_);
  }

  const Options& options_;
  Gazetteer gazetteer_;
  WordClusters clusters_;
  std::vector<TrainingDocument> documents_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;
  std::vector<std::uint64_t> keys_;
  std::vector<float> weights_;
  std::vector<double> totals_;
  Transitions transitions_;
  std::array<double, (kNumLabels + 1) * kNumLabels> transition_totals_{};
  std::uint64_t step_ = 1;
};

Gazetteer load_gazetteer(const std::string& directory) {
  Gazetteer gazetteer;
  for (const char* name : {"places.tsv", "given_names.tsv", "titles.tsv", "organizations.tsv",
                           "aliases.tsv", "not_names.tsv"}) {
    gazetteer.add_lexicon_file(name, read_file(directory + "/" + name));
  }
  return gazetteer;
}

int train(const Options& options) {
  const auto train_docs = read_corpus(options.train);
  const auto dev_docs = read_corpus(options.dev);
  // Epochs are chosen on a part of train, never on dev: every hold_out_every-th document of
  // train.txt (the 10th, 20th, ... in file order; independent of --seed) is held out, the model
  // trained on the rest; then a fresh model is trained on all of train for the best epoch count.
  // Dev is only scored once, on the saved model.
  std::vector<ConllDocument> fit;
  std::vector<ConllDocument> held_out;
  const auto every = static_cast<std::size_t>(options.hold_out_every);
  for (std::size_t i = 0; i < train_docs.size(); ++i)
    ((i + 1) % every == 0 ? held_out : fit).push_back(train_docs[i]);
  std::printf("choosing epochs: %zu train documents, %zu held out (every %d-th)\n", fit.size(),
              held_out.size(), options.hold_out_every);
  const Gazetteer gazetteer = load_gazetteer(options.lexicon);
  WordClusters clusters;
  if (!options.clusters.empty()) clusters.add_tsv(read_file(options.clusters));
  std::printf("word clusters: %zu words%s%s\n", clusters.entries().size(),
              options.clusters.empty() ? "" : " from ", options.clusters.c_str());
  const int epochs = Trainer(options, gazetteer, clusters).choose_epochs(fit, held_out);
  const std::string bytes = Trainer(options, gazetteer, clusters).train_epochs(train_docs, epochs);
  {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + options.out);
  }
  // Score what was saved (quantized and pruned), exactly as newsindex --tag-conll will tag.
  const NerTagger saved(NerModel::load(read_file(options.out)));
  std::printf("saved %s: %zu bytes, %zu feature rows\ndev scores of the saved model:\n%s",
              options.out.c_str(), bytes.size(), saved.model().rows(),
              format_score(evaluate(saved, dev_docs)).c_str());
  return 0;
}

int eval(const Options& options) {
  const NerTagger tagger(NerModel::load(read_file(options.model)));
  std::cout << format_score(evaluate(tagger, read_corpus(options.eval)));
  return 0;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

int bench(const Options& options) {
  const NerTagger tagger(NerModel::load(read_file(options.model)));
  const auto documents = read_corpus(options.bench);
  std::vector<TokenDocument> inputs;
  std::size_t tokens = 0;
  for (const auto& document : documents) {
    inputs.push_back(token_document(document));
    for (const auto& sentence : document.sentences) tokens += sentence.size();
  }
  std::size_t labelled = 0;
  for (const auto& input : inputs) labelled += tagger.tag(input).size();  // warm-up
  // Wall time and the thread's CPU time: on a shared machine the wall clock also counts the time
  // other processes hold the core, the CPU clock only the tagger's own work.
  double best = 0.0;
  double best_cpu = 0.0;
  for (int r = 0; r < options.repeat; ++r) {
    const double cpu_started = thread_cpu_seconds();
    const auto started = std::chrono::steady_clock::now();
    for (const auto& input : inputs) labelled += tagger.tag(input).size();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double cpu_seconds = thread_cpu_seconds() - cpu_started;
    const double rate = static_cast<double>(tokens) / seconds;
    const double cpu_rate = static_cast<double>(tokens) / cpu_seconds;
    best = std::max(best, rate);
    best_cpu = std::max(best_cpu, cpu_rate);
    std::printf("run %d: %zu tokens in %.3f s (%.3f CPU s), %.0f tokens/s, %.0f per CPU second\n", r + 1,
                tokens, seconds, cpu_seconds, rate, cpu_rate);
  }
  std::printf("best: %.0f tokens/s, %.0f tokens per CPU second, on one thread (%zu sentences tagged)\n",
              best, best_cpu, labelled);
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
    if (arg == "--train") options.train = value();
    else if (arg == "--dev") options.dev = value();
    else if (arg == "--out") options.out = value();
    else if (arg == "--eval") options.eval = value();
    else if (arg == "--bench") options.bench = value();
    else if (arg == "--model") options.model = value();
    else if (arg == "--lexicon") options.lexicon = value();
    else if (arg == "--clusters") options.clusters = value();
    else if (arg == "--no-clusters") options.clusters.clear();
    else if (arg == "--seed") options.seed = static_cast<unsigned>(std::stoul(value()));
    else if (arg == "--epochs") options.epochs = std::stoi(value());
    else if (arg == "--patience") options.patience = std::stoi(value());
    else if (arg == "--hold-out-every") options.hold_out_every = std::stoi(value());
    else if (arg == "--repeat") options.repeat = std::stoi(value());
    else if (arg == "--prune") options.prune = std::stof(value());
    else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (!options.eval.empty()) return eval(options);
  if (!options.bench.empty()) return bench(options);
  if (options.train.empty() || options.dev.empty() || options.out.empty())
    throw std::invalid_argument("--train, --dev and --out are required");
  if (options.hold_out_every < 2) throw std::invalid_argument("--hold-out-every must be at least 2");
  return train(options);
} catch (const std::invalid_argument& e) {
  std::cerr << "newsdex-train-ner: " << e.what() << '\n' << kUsage;
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdex-train-ner: " << e.what() << '\n';
  return 1;
}
