// Word cluster table: parsing the learner's TSV and the lookup table.
#include "common/entities/ner/word_clusters.hpp"

#include <stdexcept>
#include <string>

#include "common/entities/ner/gazetteer.hpp"

namespace newsdex::ner {

void WordClusters::add(std::string_view word, std::string_view path) {
  if (path.empty()) throw std::invalid_argument("empty cluster path");
  ClusterPath parsed;
  for (const char c : path) {
    if (c != '0' && c != '1') throw std::invalid_argument("cluster path is not a bit string");
    if (parsed.length == kMaxPathBits) continue;
    parsed.bits = (parsed.bits << 1U) | (c == '1' ? 1U : 0U);
    ++parsed.length;
  }
  std::string lower;
  lower_ascii(word, lower);
  set_entry(hash_text(lower), parsed);
}

void WordClusters::add_tsv(std::string_view content) {
  std::size_t line_number = 0;
  while (!content.empty()) {
    const std::size_t end = content.find('\n');
    std::string_view line = content.substr(0, end);
    content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::size_t word_end = tab == std::string_view::npos ? tab : line.find('\t', tab + 1);
    const std::string_view word =
        tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1, word_end - tab - 1);
    try {
      if (word.empty()) throw std::invalid_argument("no word");
      add(word, line.substr(0, tab));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("word clusters, line " + std::to_string(line_number) + ": " +
                                  e.what());
    }
  }
}

void WordClusters::set_entry(std::uint64_t lower_hash, ClusterPath path) {
  entries_[lower_hash] = path;
  if (entries_.size() * 2 > slots_.size()) {
    rebuild_slots();
    return;
  }
  if (lower_hash == 0) return;  // hash_text is never 0 in practice; 0 marks an empty slot
  std::size_t slot = lower_hash & mask_;
  while (slots_[slot].key != 0 && slots_[slot].key != lower_hash) slot = (slot + 1) & mask_;
  slots_[slot] = Slot{lower_hash, path};
}

void WordClusters::rebuild_slots() {
  std::size_t capacity = 16;
  while (entries_.size() * 2 > capacity) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (const auto& [key, path] : entries_) {
    if (key == 0) continue;
    std::size_t slot = key & mask_;
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{key, path};
  }
}

}  // namespace newsdex::ner
