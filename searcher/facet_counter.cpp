// Counting facet values over all matches.
#include "searcher/facet_counter.hpp"

namespace newsdex {

namespace {

// kFacetFields index of each tag in the facets slot, or -1.
constexpr std::array<int, 128> facet_index_by_tag() {
  std::array<int, 128> index{};
  for (auto& entry : index) entry = -1;
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    index[static_cast<unsigned char>(kFacetFields[i].tag)] = static_cast<int>(i);
  }
  return index;
}

constexpr std::array<int, 128> kFacetIndexByTag = facet_index_by_tag();

}  // namespace

FacetCounter::FacetCounter(const Xapian::Database& db, Xapian::doccount budget)
    : facets_(db, slot_number(Slot::facets)), dates_(db, slot_number(Slot::date)), budget_(budget) {}

std::string_view FacetCounter::SlotReader::value_of(Xapian::docid did) {
  // Only a docid behind the last one (not expected from the matcher) needs a fresh stream.
  if (last_ == 0 || did < last_) stream_ = db_.valuestream_begin(slot_);
  last_ = did;
  // At the end of the stream no later document has a value; check() moves like skip_to().
  const Xapian::ValueIterator end;
  if (stream_ == end || !stream_.check(did) || stream_ == end || stream_.get_docid() != did) {
    return {};
  }
  value_ = *stream_;
  return value_;
}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  if (documents_ == budget_) return;
  ++documents_;
  // One read for all facets.
  const Xapian::docid did = doc.get_docid();
  std::string_view rest = facets_.value_of(did);
  while (!rest.empty()) {
    const auto end = rest.find(kListSeparator);
    const std::string_view entry = rest.substr(0, end);
    if (entry.size() > 1) {
      const auto tag = static_cast<unsigned char>(entry.front());
      if (tag < kFacetIndexByTag.size() && kFacetIndexByTag[tag] >= 0) {
        counts_[static_cast<std::size_t>(kFacetIndexByTag[tag])].add(entry.substr(1));
      }
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  const std::string_view date = dates_.value_of(did);
  if (date.size() >= 6) {
    const char month[] = {date[0], date[1], date[2], date[3], '-', date[4], date[5]};
    months_.add(std::string_view(month, sizeof month));
  }
}

std::vector<FacetCount> FacetCounter::top(Facet facet, std::size_t limit) const {
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    if (kFacetFields[i].facet == facet) return counts_[i].top(limit);
  }
  return {};
}

std::vector<FacetCount> FacetCounter::top_months(std::size_t limit) const { return months_.top(limit); }

}  // namespace newsdex
