// Matching in parts over docid ranges.
#include "searcher/parallel_match.hpp"

#include <algorithm>
#include <future>
#include <optional>

#include "searcher/docid_ranges.hpp"

namespace newsdex {
namespace {

struct PartResult {
  Xapian::Database handle;
  std::optional<FacetCounter> facets;
  std::vector<Xapian::docid> best;
  Xapian::doccount matches = 0;
  bool exact = true;
};

// What the parts share, read from the caller's handle before they start: Xapian handles
// belong to one thread.
struct Shared {
  std::string serialised_query;
  Xapian::docid last_docid = 0;
  Xapian::rev revision = 0;
};

void keep_best(const Xapian::MSet& mset, PartResult& result) {
  for (auto it = mset.begin(); it != mset.end(); ++it) result.best.push_back(*it);
}

void set_matches(const Xapian::MSet& mset, PartResult& result) {
  result.matches = mset.get_matches_estimated();
  result.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
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
  const Xapian::Query part_query(Xapian::Query::OP_FILTER, query, Xapian::Query(&range));
  Xapian::Enquire enquire(result.handle);
  enquire.set_query(part_query);
  request.configure(enquire);
  if (request.facets == nullptr) {
    const Xapian::MSet mset = enquire.get_mset(0, request.wanted, request.check_at_least);
    keep_best(mset, result);
    set_matches(mset, result);
    return;
  }
  // Facets must visit every match, but only the best few need a weight. So the best are
  // found by a match that may skip what cannot reach them, and facets are counted by a
  // second match that weighs nothing: BM25 needs each document's length, a boolean weight
  // does not. On the 1M-article benchmark archive this took a tenth off the facet queries.
  keep_best(enquire.get_mset(0, request.wanted), result);
  Xapian::Enquire counting(result.handle);
  counting.set_query(part_query);
  request.configure(counting);  // for its time limit
  counting.set_weighting_scheme(Xapian::BoolWeight());
  counting.set_sort_by_relevance();  // all weights are 0: docid order, no sort key to read
  result.facets.emplace(result.handle, request.facet_budget);
  counting.add_matchspy(&*result.facets);
  set_matches(counting.get_mset(0, 0, request.check_at_least), result);
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
    match.exact = match.exact && result.exact;
  }
  std::sort(match.candidates.begin(), match.candidates.end());
  if (request.facets != nullptr) {
    for (const auto& result : results) {
      if (result.facets) request.facets->add(*result.facets);
    }
  }
  return match;
}

}  // namespace newsdex
