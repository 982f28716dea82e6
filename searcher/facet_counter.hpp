// Exact facet counts over every matching article, multi-valued facets included.
#pragma once

#include <xapian.h>

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/schema.hpp"

namespace newsdex {

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;
};

// A match spy that counts, for each facet in kFacetFields and for the publication month,
// how many matching articles carry each value (an article naming a person twice counts once,
// since the facets slot lists each canonical name once). Values differing only in case are
// counted together under the most frequent spelling.
class FacetCounter : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;

  // How many matching documents were counted.
  [[nodiscard]] Xapian::doccount documents() const { return documents_; }
  // The most frequent values of a facet, at most limit, by count then value.
  [[nodiscard]] std::vector<FacetCount> top(Facet facet, std::size_t limit) const;
  // The most frequent publication months ("YYYY-MM").
  [[nodiscard]] std::vector<FacetCount> top_months(std::size_t limit) const;

 private:
  // Looked up by string_view, so counting an already-seen value allocates nothing.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Counts = std::unordered_map<std::string, Xapian::doccount, Hash, std::equal_to<>>;

  static void count(Counts& counts, std::string_view value);
  static std::vector<FacetCount> top_of(const Counts& counts, std::size_t limit);

  std::array<Counts, kFacetFields.size()> counts_;
  Counts months_;
  Xapian::doccount documents_ = 0;
};

}  // namespace newsdex
