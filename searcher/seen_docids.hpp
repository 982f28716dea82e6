// The docids a paged export has handed over already, as a match decider that leaves them out.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <vector>

namespace newsdex {

// One bit per docid of the database, so that a page of matches can be fetched as "the best
// of those not yet listed": Xapian's order is total (ties go by docid), so the best of the
// rest is exactly the next page, in any sort order, for an eighth of a byte per article
// instead of the MSet's ~90 bytes per match held at once.
class SeenDocids : public Xapian::MatchDecider {
 public:
  // last_docid: the database's highest docid (Database::get_lastdocid()); a docid above it
  // (added by a commit since) counts as unseen.
  explicit SeenDocids(Xapian::docid last_docid);

  // Marks did as handed over.
  void add(Xapian::docid did);
  [[nodiscard]] bool contains(Xapian::docid did) const;

  // Accepts the documents not yet handed over.
  bool operator()(const Xapian::Document& doc) const override { return !contains(doc.get_docid()); }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace newsdex
