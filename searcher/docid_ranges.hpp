// A boolean filter by docid, for splitting one match into parts that run side by side.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace newsdex {

// A posting source matching every docid in a list of inclusive ranges, with no weight.
// ANDed with a query (Xapian::Query::OP_FILTER), it restricts the match to those documents
// while leaving every weight as it would be without it. Docids of deleted documents in a
// range are matched too, which is harmless in a filter: the query itself never matches them.
class DocidRanges : public Xapian::PostingSource {
 public:
  using Range = std::pair<Xapian::docid, Xapian::docid>;  // first, last

  // ranges must be sorted, disjoint, and each have first <= last, first >= 1.
  explicit DocidRanges(std::vector<Range> ranges);

  [[nodiscard]] Xapian::doccount get_termfreq_min() const override { return 0; }
  [[nodiscard]] Xapian::doccount get_termfreq_est() const override { return termfreq_max_; }
  [[nodiscard]] Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }
  [[nodiscard]] Xapian::docid get_docid() const override { return current_; }
  void next(double min_weight) override;
  void skip_to(Xapian::docid did, double min_weight) override;
  [[nodiscard]] bool at_end() const override { return range_ == ranges_.size(); }
  void init(const Xapian::Database& db) override;
  [[nodiscard]] DocidRanges* clone() const override;
  [[nodiscard]] std::string get_description() const override;

 private:
  std::vector<Range> ranges_;
  std::size_t range_ = 0;  // index of the range holding current_
  Xapian::docid current_ = 0;  // 0 before the first call to next() or skip_to()
  Xapian::doccount termfreq_max_ = 0;
};

}  // namespace newsdex
