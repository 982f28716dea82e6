// Brown clustering with a bounded number of active classes. Each class is a slot; per pair of
// active slots the code keeps the loss in mutual information their merge would cause, and
// updates those losses incrementally when a class is added or two are merged, so one step costs
// O(classes^2) instead of O(classes^3).
#include "tools/brown_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace newsdex::ner {

void ClusterCorpus::add_sentence(const std::vector<std::string_view>& words) {
  if (words.empty()) return;
  for (const std::string_view word : words) {
    const auto [it, added] = ids_.try_emplace(std::string(word), static_cast<std::uint32_t>(words_.size()));
    if (added) {
      words_.emplace_back(word);
      counts_.push_back(0);
    }
    ++counts_[it->second];
    tokens_.push_back(it->second);
  }
  tokens_.push_back(kSentenceEnd);
  ++sentences_;
}

class BrownClusterer {
 public:
  BrownClusterer(const ClusterCorpus& corpus, const BrownOptions& options);
  std::vector<ClusteredWord> run();

 private:
  struct Neighbour {
    std::uint32_t word;  // rank
    double count;
  };
  struct TreeNode {
    std::size_t left = 0;
    std::size_t right = 0;
    std::vector<std::uint32_t> members;  // leaves only
  };

  [[nodiscard]] double& n_at(std::size_t x, std::size_t y) { return n_[x * slots_ + y]; }
  [[nodiscard]] double& q_at(std::size_t x, std::size_t y) { return q_[x * slots_ + y]; }
  [[nodiscard]] double& loss_at(std::size_t a, std::size_t b) {
    return a < b ? loss_[a * slots_ + b] : loss_[b * slots_ + a];
  }
  [[nodiscard]] double log_count(double n) const {
    return n < static_cast<double>(log_table_.size()) ? log_table_[static_cast<std::size_t>(n)]
                                                      : std::log(n);
  }
  // The mutual-information term of a class bigram seen n times, scaled by the bigram total.
  [[nodiscard]] double term(double n, double log_left, double log_right) const {
    return n > 0.0 ? n * (log_count(n) + log_total_ - log_left - log_right) : 0.0;
  }

  void build_counts(const ClusterCorpus& corpus);
  void add_word(std::uint32_t word);
  void merge(std::size_t a, std::size_t b);
  void refresh_slot(std::size_t z);
  [[nodiscard]] double full_loss(std::size_t a, std::size_t b);
  // Adds sign times the change that the presence of class z makes to the loss of every active
  // pair that does not involve a slot in skip.
  void apply_presence(std::size_t z, double sign, std::size_t skip_a, std::size_t skip_b);
  [[nodiscard]] std::pair<std::size_t, std::size_t> best_pair();
  void deactivate(std::size_t b);

  std::size_t max_classes_;
  std::size_t slots_;
  std::vector<std::string> words_;        // by rank
  std::vector<std::uint64_t> counts_;     // by rank
  std::vector<std::vector<Neighbour>> right_, left_;  // by rank
  std::vector<double> word_left_, word_right_;      // marginal bigram counts by rank
  double log_total_ = 0.0;
  std::vector<double> log_table_;

  std::vector<std::size_t> active_;  // sorted
  std::vector<std::size_t> free_;
  std::vector<std::int64_t> slot_of_word_;
  std::vector<std::vector<std::uint32_t>> members_;
  std::vector<double> left_count_, right_count_, log_left_, log_right_;
  std::vector<double> n_, q_, loss_, pair_log_left_, pair_log_right_;
};

BrownClusterer::BrownClusterer(const ClusterCorpus& corpus, const BrownOptions& options)
    : max_classes_(options.clusters), slots_(options.clusters + 1) {
  if (options.clusters < 2) throw std::invalid_argument("at least 2 clusters are needed");
  std::vector<std::uint32_t> order;
  for (std::uint32_t id = 0; id < corpus.words_.size(); ++id) {
    if (corpus.counts_[id] >= options.min_count) order.push_back(id);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (corpus.counts_[a] != corpus.counts_[b]) return corpus.counts_[a] > corpus.counts_[b];
    return corpus.words_[a] < corpus.words_[b];
  });
  std::vector<std::int64_t> rank(corpus.words_.size(), -1);
  for (std::size_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = static_cast<std::int64_t>(r);
    words_.push_back(corpus.words_[order[r]]);
    counts_.push_back(corpus.counts_[order[r]]);
  }
  // Bigrams of kept words as (left rank, right rank) keys, counted after sorting.
  std::vector<std::uint64_t> pairs;
  for (std::size_t i = 0; i + 1 < corpus.tokens_.size(); ++i) {
    const std::uint32_t a = corpus.tokens_[i];
    const std::uint32_t b = corpus.tokens_[i + 1];
    if (a == ClusterCorpus::kSentenceEnd || b == ClusterCorpus::kSentenceEnd) continue;
    if (rank[a] < 0 || rank[b] < 0) continue;
    pairs.push_back(static_cast<std::uint64_t>(rank[a]) << 32U | static_cast<std::uint64_t>(rank[b]));
  }
  std::sort(pairs.begin(), pairs.end());
  right_.resize(words_.size());
  left_.resize(words_.size());
  word_left_.assign(words_.size(), 0.0);
  word_right_.assign(words_.size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const auto a = static_cast<std::uint32_t>(pairs[i] >> 32U);
    const auto b = static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFU);
    const auto count = static_cast<double>(j - i);
    right_[a].push_back({b, count});
    left_[b].push_back({a, count});
    word_left_[a] += count;
    word_right_[b] += count;
    total += count;
    i = j;
  }
  log_total_ = total > 0.0 ? std::log(total) : 0.0;
  log_table_.resize(std::size_t{1} << 16U);
  for (std::size_t n = 1; n < log_table_.size(); ++n) log_table_[n] = std::log(static_cast<double>(n));

  const std::size_t cells = slots_ * slots_;
  n_.assign(cells, 0.0);
  q_.assign(cells, 0.0);
  loss_.assign(cells, 0.0);
  pair_log_left_.assign(cells, 0.0);
  pair_log_right_.assign(cells, 0.0);
  left_count_.assign(slots_, 0.0);
  right_count_.assign(slots_, 0.0);
  log_left_.assign(slots_, 0.0);
  log_right_.assign(slots_, 0.0);
  members_.resize(slots_);
  slot_of_word_.assign(words_.size(), -1);
  for (std::size_t s = slots_; s-- > 0;) free_.push_back(s);  // lowest slot on top
}

// A word with no bigram has zero marginals; log(0) is never used because every term with a
// zero marginal has a zero count.
void BrownClusterer::refresh_slot(std::size_t z) {
  log_left_[z] = left_count_[z] > 0.0 ? std::log(left_count_[z]) : 0.0;
  log_right_[z] = right_count_[z] > 0.0 ? std::log(right_count_[z]) : 0.0;
  for (const std::size_t x : active_) {
    q_at(z, x) = term(n_at(z, x), log_left_[z], log_right_[x]);
    q_at(x, z) = term(n_at(x, z), log_left_[x], log_right_[z]);
    if (x == z) continue;
    const std::size_t cell = std::min(x, z) * slots_ + std::max(x, z);
    const double l = left_count_[x] + left_count_[z];
    const double r = right_count_[x] + right_count_[z];
    pair_log_left_[cell] = l > 0.0 ? std::log(l) : 0.0;
    pair_log_right_[cell] = r > 0.0 ? std::log(r) : 0.0;
  }
}

double BrownClusterer::full_loss(std::size_t a, std::size_t b) {
  const std::size_t cell = std::min(a, b) * slots_ + std::max(a, b);
  const double merged_left = pair_log_left_[cell];
  const double merged_right = pair_log_right_[cell];
  double before = -(q_at(a, a) + q_at(b, b) + q_at(a, b) + q_at(b, a));
  double after = term(n_at(a, a) + n_at(a, b) + n_at(b, a) + n_at(b, b), merged_left, merged_right);
  for (const std::size_t x : active_) {
    before += q_at(a, x) + q_at(x, a) + q_at(b, x) + q_at(x, b);
    if (x == a || x == b) continue;
    after += term(n_at(a, x) + n_at(b, x), merged_left, log_right_[x]) +
             term(n_at(x, a) + n_at(x, b), log_left_[x], merged_right);
  }
  return before - after;
}

void BrownClusterer::apply_presence(std::size_t z, double sign, std::size_t skip_a,
                                    std::size_t skip_b) {
  // Column and row of z gathered by active index, so the pair loop reads contiguous memory.
  const std::size_t count = active_.size();
  std::vector<double> touching(count), into(count), from(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t x = active_[i];
    touching[i] = q_at(x, z) + q_at(z, x);
    into[i] = n_at(x, z);
    from[i] = n_at(z, x);
  }
  const double log_left_z = log_left_[z];
  const double log_right_z = log_right_[z];
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t e = active_[i];
    if (e == z || e == skip_a || e == skip_b) continue;
    double* loss_row = loss_.data() + e * slots_;
    const double* pair_left = pair_log_left_.data() + e * slots_;
    const double* pair_right = pair_log_right_.data() + e * slots_;
    for (std::size_t j = i + 1; j < count; ++j) {
      const std::size_t f = active_[j];
      if (f == z || f == skip_a || f == skip_b) continue;
      const double change = touching[i] + touching[j] -
                            term(into[i] + into[j], pair_left[f], log_right_z) -
                            term(from[i] + from[j], log_left_z, pair_right[f]);
      loss_row[f] += sign * change;
    }
  }
}

void BrownClusterer::add_word(std::uint32_t word) {
  const std::size_t z = free_.back();
  free_.pop_back();
  active_.insert(std::lower_bound(active_.begin(), active_.end(), z), z);
  members_[z] = {word};
  slot_of_word_[word] = static_cast<std::int64_t>(z);
  for (std::size_t x = 0; x < slots_; ++x) n_at(z, x) = n_at(x, z) = 0.0;
  for (const Neighbour& next : right_[word]) {
    if (slot_of_word_[next.word] >= 0) n_at(z, static_cast<std::size_t>(slot_of_word_[next.word])) += next.count;
  }
  for (const Neighbour& previous : left_[word]) {
    // The word's bigram with itself is counted once, from right_.
    if (previous.word != word && slot_of_word_[previous.word] >= 0)
      n_at(static_cast<std::size_t>(slot_of_word_[previous.word]), z) += previous.count;
  }
  left_count_[z] = word_left_[word];
  right_count_[z] = word_right_[word];
  refresh_slot(z);
  apply_presence(z, 1.0, z, z);
  for (const std::size_t x : active_) {
    if (x != z) loss_at(x, z) = full_loss(x, z);
  }
}

void BrownClusterer::merge(std::size_t a, std::size_t b) {
  apply_presence(a, -1.0, a, b);
  apply_presence(b, -1.0, a, b);
  n_at(a, a) += n_at(a, b) + n_at(b, a) + n_at(b, b);
  for (const std::size_t x : active_) {
    if (x == a || x == b) continue;
    n_at(a, x) += n_at(b, x);
    n_at(x, a) += n_at(x, b);
  }
  left_count_[a] += left_count_[b];
  right_count_[a] += right_count_[b];
  deactivate(b);
  for (const std::uint32_t word : members_[b]) slot_of_word_[word] = static_cast<std::int64_t>(a);
  members_[a].insert(members_[a].end(), members_[b].begin(), members_[b].end());
  members_[b].clear();
  refresh_slot(a);
  apply_presence(a, 1.0, a, a);
  for (const std::size_t x : active_) {
    if (x != a) loss_at(x, a) = full_loss(x, a);
  }
}

void BrownClusterer::deactivate(std::size_t b) {
  active_.erase(std::lower_bound(active_.begin(), active_.end(), b));
  free_.push_back(b);
  // The lowest free slot is reused first, so slot order never depends on anything but the data.
  std::sort(free_.begin(), free_.end(), std::greater<>());
}

std::pair<std::size_t, std::size_t> BrownClusterer::best_pair() {
  double best = std::numeric_limits<double>::infinity();
  std::pair<std::size_t, std::size_t> pair{0, 0};
  for (std::size_t i = 0; i < active_.size(); ++i) {
    const double* loss_row = loss_.data() + active_[i] * slots_;
    for (std::size_t j = i + 1; j < active_.size(); ++j) {
      if (loss_row[active_[j]] < best) {
        best = loss_row[active_[j]];
        pair = {active_[i], active_[j]};
      }
    }
  }
  return pair;
}

std::vector<ClusteredWord> BrownClusterer::run() {
  for (std::uint32_t word = 0; word < words_.size(); ++word) {
    add_word(word);
    if (active_.size() > max_classes_) {
      const auto [a, b] = best_pair();
      merge(a, b);
    }
  }
  // The classes left are the tree's leaves; merging them down to one root builds the tree.
  std::vector<TreeNode> nodes;
  std::vector<std::size_t> node_of_slot(slots_, 0);
  for (const std::size_t s : active_) {
    node_of_slot[s] = nodes.size();
    nodes.push_back(TreeNode{0, 0, members_[s]});
  }
  while (active_.size() > 1) {
    const auto [a, b] = best_pair();
    merge(a, b);
    nodes.push_back(TreeNode{node_of_slot[a], node_of_slot[b], {}});
    node_of_slot[a] = nodes.size() - 1;
  }
  std::vector<ClusteredWord> result;
  if (nodes.empty()) return result;
  // Depth-first from the root: the first-merged child is 0, the other 1.
  std::vector<std::pair<std::size_t, std::string>> stack{{nodes.size() - 1, ""}};
  while (!stack.empty()) {
    auto [node, path] = std::move(stack.back());
    stack.pop_back();
    if (!nodes[node].members.empty() || nodes[node].left == nodes[node].right) {
      for (const std::uint32_t word : nodes[node].members)
        result.push_back(ClusteredWord{words_[word], path.empty() ? "0" : path, counts_[word]});
      continue;
    }
    stack.emplace_back(nodes[node].right, path + "1");
    stack.emplace_back(nodes[node].left, path + "0");
  }
  std::sort(result.begin(), result.end(), [](const ClusteredWord& x, const ClusteredWord& y) {
    if (x.path != y.path) return x.path < y.path;
    if (x.count != y.count) return x.count > y.count;
    return x.word < y.word;
  });
  return result;
}

std::vector<ClusteredWord> learn_brown_clusters(const ClusterCorpus& corpus,
                                                const BrownOptions& options) {
  return BrownClusterer(corpus, options).run();
}

}  // namespace newsdex::ner
