// Unit tests for the docid-range filter that splits a match into parts.
#include "searcher/docid_ranges.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

using namespace newsdex;

namespace {

// Docids 1..20; docid d has term "Tall", and "Tthird" when d is a multiple of 3.
Xapian::WritableDatabase twenty_documents() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int d = 1; d <= 20; ++d) {
    Xapian::Document doc;
    doc.add_boolean_term("Tall");
    if (d % 3 == 0) doc.add_boolean_term("Tthird");
    db.add_document(doc);
  }
  return db;
}

std::vector<Xapian::docid> matches(const Xapian::Database& db, const std::string& term,
                                   std::vector<DocidRanges::Range> ranges) {
  DocidRanges filter(std::move(ranges));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), Xapian::Query(&filter)));
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Xapian::docid> docids(mset.begin(), mset.end());
  std::sort(docids.begin(), docids.end());
  return docids;
}

}  // namespace

TEST_CASE("docid ranges: a filter keeps exactly the documents in its ranges") {
  const auto db = twenty_documents();
  using Docids = std::vector<Xapian::docid>;
  CHECK(matches(db, "Tall", {{1, 3}}) == Docids{1, 2, 3});
  CHECK(matches(db, "Tall", {{4, 4}, {9, 11}, {20, 20}}) == Docids{4, 9, 10, 11, 20});
  CHECK(matches(db, "Tall", {{18, 25}}) == Docids{18, 19, 20});  // past the last docid
  CHECK(matches(db, "Tall", {}).empty());
  // A sparse term drives the match and skips into the ranges.
  CHECK(matches(db, "Tthird", {{2, 7}, {12, 12}, {13, 17}}) == Docids{3, 6, 12, 15});
  CHECK(matches(db, "Tthird", {{1, 2}, {4, 5}}).empty());
}

TEST_CASE("docid ranges: weights are those of the unfiltered query") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int d = 1; d <= 6; ++d) {
    Xapian::Document doc;
    doc.add_term("word", static_cast<Xapian::termcount>(d));
    doc.add_term("other");
    db.add_document(doc);
  }
  const auto weights = [&](const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    std::map<Xapian::docid, double> by_docid;
    for (auto it = mset.begin(); it != mset.end(); ++it) by_docid[*it] = it.get_weight();
    return by_docid;
  };
  const auto whole = weights(Xapian::Query("word"));
  DocidRanges filter({{2, 3}});
  const auto part =
      weights(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("word"), Xapian::Query(&filter)));
  REQUIRE(part.size() == 2);
  CHECK(part.at(2) == whole.at(2));
  CHECK(part.at(3) == whole.at(3));
  CHECK(part.at(2) != part.at(3));
}
