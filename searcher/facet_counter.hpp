// Exact facet counts over every matching article, multi-valued facets included.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/schema.hpp"
#include "searcher/story_values.hpp"

namespace newsdex {

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;
  // With --facet-order significance: the value's articles in the whole archive and its score
  // (see significance.hpp).
  Xapian::doccount archive = 0;
  std::optional<double> score;
};

// A match spy that counts, for each facet in kFacetFields and for the publication month,
// how many matching articles carry each value (an article naming a person twice counts once,
// since the facets slot lists each value once). Values are counted by their ordinals
// (common/schema.hpp), so values differing only in case are one value, and counting an
// article's values is an array increment each; names are looked up only for the values
// shown. Counting stops after budget articles, which bounds its cost on queries matching
// much of a large archive.
//
// Counted per story (Counted::stories, for --collapse), every count counts stories: a
// story counts once among the documents, and a value (or month) once for each story any of
// whose matching articles has it. The counter then keeps, per story seen, the values it has
// counted for it (see StoryValues); without facets it counts the stories alone. An article
// without a story is a story of its own, counted as an article is.
class FacetCounter : public Xapian::MatchSpy {
 public:
  enum class Counted { articles, stories };

  // db must outlive the counter.
  FacetCounter(const Xapian::Database& db, Xapian::doccount budget);
  // Per story with Counted::stories; values false counts the stories alone, no facets.
  FacetCounter(const Xapian::Database& db, Xapian::doccount budget, Counted counted, bool values);

  void operator()(const Xapian::Document& doc, double weight) override;

  // Adds the counts of another counter over the same database revision (another part of
  // the same match, counted on another thread).
  void add(const FacetCounter& other);
  // The same, taking other's stories over when this counter has met none yet.
  void add(FacetCounter&& other);

  // How many matching documents (per story: distinct stories) were counted.
  [[nodiscard]] Xapian::doccount documents() const { return documents_; }
  // How many matching articles the counter was shown within its budget (per article:
  // documents()).
  [[nodiscard]] Xapian::doccount articles() const { return articles_; }
  [[nodiscard]] Counted counted_by() const { return counted_by_; }
  [[nodiscard]] bool counts_values() const { return values_; }
  // The docid of the last document this counter counted itself (matches come in rising
  // docid order; add() leaves it); 0 if none.
  [[nodiscard]] Xapian::docid last_counted() const { return last_counted_; }
  // The most frequent values of a facet, at most limit, by count then value.
  [[nodiscard]] std::vector<FacetCount> top(Facet facet, std::size_t limit);
  // Every value of a facet counted at least min_count times, unordered.
  [[nodiscard]] std::vector<FacetCount> at_least(Facet facet, Xapian::doccount min_count);
  // The most frequent publication months ("YYYY-MM"), at most limit, in date order.
  [[nodiscard]] std::vector<FacetCount> top_months(std::size_t limit);
  // Counted documents without a publication month.
  [[nodiscard]] Xapian::doccount undated();

 private:
  // Reads one slot through its value stream, moving forward as the matcher hands documents
  // over in rising docid order. (On the 1M benchmark archive, Document::get_value measured
  // the same: about 31 ms per 300,000 matches on one core.)
  class SlotReader {
   public:
    SlotReader(const Xapian::Database& db, Xapian::valueno slot) : db_(db), slot_(slot) {}
    // The document's value in the slot, empty if it has none.
    std::string_view value_of(Xapian::docid did);

   private:
    const Xapian::Database& db_;
    Xapian::valueno slot_;
    Xapian::ValueIterator stream_;
    Xapian::docid last_ = 0;
    std::string value_;
  };

  // The story of document did as a number, one per story id and never two: an id of up to
  // 15 lowercase hex digits (as the indexer gives) read as one, with its length in the top
  // four bits; any other id by the order it was first met, from 2^32 up; an article without
  // a story (a story of its own) by its docid, below 2^32.
  [[nodiscard]] std::uint64_t story_key(Xapian::docid did);
  // The two halves of add(): the counts, then the stories met by both counters.
  void add_counts(const FacetCounter& other);
  void add_stories(const FacetCounter& other);
  // Adds the facet entries in bytes (facets slot values, back to back) to the counts.
  void count_entries(std::string_view bytes);
  // Counts one entry (of any facet or the month) up or down by one.
  void count_entry(std::uint64_t key, bool up);
  // Per story: counts the article's entries its story has not counted yet.
  void count_for_story(Xapian::docid did);
  void count_pending();
  // The value's name, or "#ordinal" when the database has none.
  [[nodiscard]] std::string name_of(std::uint32_t ordinal) const;

  const Xapian::Database& db_;
  SlotReader facets_;
  // Facets slot values not counted yet. Counted in batches rather than between the
  // matcher's reads, the counts stay in cache for a batch: 3-4% less CPU over the
  // benchmark's facet queries at 200,000 articles.
  std::string pending_;
  Xapian::doccount budget_;
  std::vector<Xapian::doccount> counts_;  // by ordinal
  std::array<std::vector<std::uint32_t>, kFacetFields.size()> counted_;  // ordinals seen, by facet
  // By month since kFirstYear (most archives), else by month_number.
  static constexpr std::uint32_t kFirstYear = 1900;
  static constexpr std::uint32_t kYears = 200;
  std::vector<Xapian::doccount> recent_months_ = std::vector<Xapian::doccount>(kYears * 12);
  std::unordered_map<std::uint32_t, Xapian::doccount> other_months_;
  Xapian::doccount documents_ = 0;
  Xapian::doccount articles_ = 0;
  Xapian::docid last_counted_ = 0;
  Counted counted_by_ = Counted::articles;
  bool values_ = true;
  SlotReader story_ids_;
  // By story key: a number standing for the story id, so that looking a story up per match
  // hashes no string.
  StoryValues stories_;
  // Story ids that are not the indexer's hex digits, numbered as met (see story_key).
  std::unordered_map<std::string, std::uint64_t> other_ids_;
  std::vector<std::string> other_names_;
  Xapian::doccount undated_stories_ = 0;
};

}  // namespace newsdex
