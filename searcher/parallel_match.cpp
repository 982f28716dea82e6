// Matching in parts over docid ranges.
#include "searcher/parallel_match.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <optional>
#include <utility>

#include "searcher/docid_ranges.hpp"

namespace newsdex {
namespace {

struct PartResult {
  Xapian::Database handle;
  std::optional<FacetCounter> facets;
  std::vector<Xapian::docid> best;
  Xapian::doccount matches = 0;
  Xapian::doccount lower = 0;
  Xapian::doccount upper = 0;
  bool exact = true;
};

// What the parts share, read from the caller's handle before they start: Xapian handles
// belong to one thread.
struct Shared {
  std::string serialised_query;
  Xapian::docid last_docid = 0;
  Xapian::rev revision = 0;
};

// Whether matching the query checks word positions (phrases, NEAR): the costliest check a
// match makes of an article.
bool checks_positions(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (checks_positions(query.get_subquery(i))) return true;
  }
  return false;
}

// Notes the docids of the matches it is shown, as ranges.
class DocidCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    const Xapian::docid did = doc.get_docid();
    // A match in docid order shows them rising; anything else is not relied on.
    if (!ranges_.empty() && did <= ranges_.back().second) in_order_ = false;
    if (!ranges_.empty() && ranges_.back().second + 1 == did) {
      ranges_.back().second = did;
    } else {
      ranges_.emplace_back(did, did);
    }
  }
  [[nodiscard]] Xapian::doccount size() const {
    Xapian::doccount size = 0;
    for (const auto& [first, last] : ranges_) size += last - first + 1;
    return size;
  }
  [[nodiscard]] bool in_order() const { return in_order_; }
  [[nodiscard]] const std::vector<DocidRanges::Range>& ranges() const { return ranges_; }

 private:
  std::vector<DocidRanges::Range> ranges_;
  bool in_order_ = true;
};

void keep_best(const Xapian::MSet& mset, PartResult& result) {
  for (auto it = mset.begin(); it != mset.end(); ++it) result.best.push_back(*it);
}

void set_matches(const Xapian::MSet& mset, PartResult& result) {
  result.matches = mset.get_matches_estimated();
  result.lower = mset.get_matches_lower_bound();
  result.upper = mset.get_matches_upper_bound();
  result.exact = result.lower == result.upper;
}

// The matches of a part whose count stopped at its budget. A boolean match estimates no
// further than the matches it saw; they are the part's earliest, so scaling their number
// by the share of the part's docids they span estimates the rest at the same rate.
Xapian::doccount extrapolated(const Xapian::MSet& count, const FacetCounter& facets,
                              Xapian::docid first, Xapian::docid last) {
  const Xapian::docid reached = facets.last_counted();
  if (facets.documents() == 0 || reached < first || reached > last) {
    return count.get_matches_estimated();
  }
  const double share =
      static_cast<double>(reached - first + 1) / static_cast<double>(last - first + 1);
  const double estimate = std::round(facets.articles() / share);
  return std::clamp(static_cast<Xapian::doccount>(estimate), count.get_matches_lower_bound(),
                    count.get_matches_upper_bound());
}

void match_part(const PartedMatchRequest& request, const Shared& shared, std::size_t part,
                PartResult& result) {
  const Xapian::docid last = shared.last_docid;
  const auto first_docid = static_cast<Xapian::docid>(std::uint64_t{last} * part / request.parts + 1);
  const auto last_docid = static_cast<Xapian::docid>(std::uint64_t{last} * (part + 1) / request.parts);
  if (first_docid > last_docid) return;

  if (part == 0) {
    result.handle = request.db;
  } else {
    result.handle = Xapian::Database(request.db_path);
    if (result.handle.get_revision() != shared.revision) {
      throw Xapian::DatabaseModifiedError("the database changed while a search opened it");
    }
  }
  // The first part shares the caller's thread, so it may share the caller's query too; the
  // others rebuild it, since Xapian's reference counts are not atomic.
  const Xapian::Query query =
      part == 0 ? request.query : Xapian::Query::unserialise(shared.serialised_query);
  DocidRanges range({{first_docid, last_docid}});
  const Xapian::Query part_query =
      request.parts == 1 ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&range));
  Xapian::Enquire enquire(result.handle);
  enquire.set_query(part_query);
  request.configure(enquire);
  if (request.facets == nullptr && !request.by_relevance) {
    const Xapian::MSet mset = enquire.get_mset(0, request.wanted, request.check_at_least);
    keep_best(mset, result);
    set_matches(mset, result);
    return;
  }
  // Facets and the count must visit every match, but only the best few need a weight. So
  // facets and matches are counted by a match that weighs nothing: BM25 needs each
  // document's length, a boolean weight does not. The best are then found by a match free to skip what cannot
  // reach them. When the query checks word positions, and the count saw every match, that
  // second match runs over the counted articles only, so their positions are checked once
  // rather than again in every article holding all the phrase's words.
  Xapian::Enquire counting(result.handle);
  counting.set_query(part_query);
  request.configure(counting);  // for its time limit
  // The count visits every match; stories are counted by the facet counter.
  counting.set_collapse_key(Xapian::BAD_VALUENO);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  counting.set_sort_by_relevance();  // all weights are 0: docid order, no sort key to read
  if (request.facets != nullptr) {
    result.facets.emplace(result.handle, request.facet_budget, request.facets->counted_by(),
                          request.facets->counts_values());
    counting.add_matchspy(&*result.facets);
  }
  DocidCollector counted;
  const bool positional = checks_positions(query);
  if (positional) counting.add_matchspy(&counted);
  const Xapian::MSet count = counting.get_mset(0, 0, request.check_at_least);
  set_matches(count, result);
  if (!result.exact && result.facets) {
    result.matches = extrapolated(count, *result.facets, first_docid, last_docid);
  }

  std::optional<DocidRanges> matched;
  if (positional && result.exact && counted.in_order() && counted.size() == result.matches) {
    matched.emplace(counted.ranges());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&*matched)));
  }
  keep_best(enquire.get_mset(0, request.wanted), result);
}

}  // namespace

PartedMatch match_in_parts(const PartedMatchRequest& request) {
  const Shared shared{request.query.serialise(), request.db.get_lastdocid(), request.db.get_revision()};
  std::vector<PartResult> results(request.parts);
  std::vector<std::future<void>> others;
  for (std::size_t part = 1; part < request.parts; ++part) {
    others.push_back(std::async(std::launch::async, [&, part] {
      match_part(request, shared, part, results[part]);
    }));
  }
  match_part(request, shared, 0, results[0]);
  for (auto& other : others) other.get();

  PartedMatch match;
  for (auto& result : results) {
    match.candidates.insert(match.candidates.end(), result.best.begin(), result.best.end());
    match.matches += result.matches;
    match.matches_lower += result.lower;
    match.matches_upper += result.upper;
    match.exact = match.exact && result.exact;
  }
  std::sort(match.candidates.begin(), match.candidates.end());
  if (request.facets != nullptr) {
    for (auto& result : results) {
      if (result.facets) request.facets->add(std::move(*result.facets));
    }
  }
  return match;
}

}  // namespace newsdex
