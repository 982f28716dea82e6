// Matching documents by docid ranges.
#include "searcher/docid_ranges.hpp"

#include <algorithm>

namespace newsdex {

DocidRanges::DocidRanges(std::vector<Range> ranges) : ranges_(std::move(ranges)) {}

void DocidRanges::init(const Xapian::Database& db) {
  range_ = 0;
  current_ = 0;
  Xapian::doccount span = 0;
  for (const auto& [first, last] : ranges_) span += last - first + 1;
  termfreq_max_ = std::min(span, db.get_doccount());
}

void DocidRanges::next(double /*min_weight*/) {
  if (current_ == 0) {
    if (!ranges_.empty()) current_ = ranges_.front().first;
    return;
  }
  if (current_ < ranges_[range_].second) {
    ++current_;
  } else if (++range_ < ranges_.size()) {
    current_ = ranges_[range_].first;
  }
}

void DocidRanges::skip_to(Xapian::docid did, double /*min_weight*/) {
  if (at_end() || (current_ != 0 && did <= current_)) return;
  // The first range from the current one that ends at or after did.
  const auto from = ranges_.begin() + static_cast<std::ptrdiff_t>(range_);
  const auto it = std::lower_bound(from, ranges_.end(), did,
                                   [](const Range& range, Xapian::docid d) { return range.second < d; });
  range_ = static_cast<std::size_t>(it - ranges_.begin());
  if (it != ranges_.end()) current_ = std::max(did, it->first);
}

DocidRanges* DocidRanges::clone() const { return new DocidRanges(ranges_); }

std::string DocidRanges::get_description() const {
  return "DocidRanges(" + std::to_string(ranges_.size()) + " ranges)";
}

}  // namespace newsdex
