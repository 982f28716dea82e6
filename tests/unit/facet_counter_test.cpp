// Unit tests for exact, case-insensitive facet counting.
#include "searcher/facet_counter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/schema.hpp"
#include "searcher/folded_counts.hpp"

using namespace newsdex;

namespace {

std::vector<std::string> rendered(const std::vector<FacetCount>& counts) {
  std::vector<std::string> lines;
  for (const auto& entry : counts) lines.push_back(entry.value + "=" + std::to_string(entry.count));
  return lines;
}

// A document with the given facet entries ("<tag><name>") and date value.
Xapian::Document article(const std::vector<std::string>& entries, const std::string& date) {
  Xapian::Document doc;
  std::string facets;
  for (const auto& entry : entries) {
    if (!facets.empty()) facets += kListSeparator;
    facets += entry;
  }
  if (!facets.empty()) doc.add_value(slot_number(Slot::facets), facets);
  if (!date.empty()) doc.add_value(slot_number(Slot::date), date);
  doc.add_boolean_term("Tall");
  return doc;
}

}  // namespace

TEST_CASE("folded counts: case variants count together under the most frequent spelling") {
  FoldedCounts counts;
  for (const char* value : {"OPEC", "Opec", "OPEC", "Reuters", "opec", "Reuters", "Zed"}) counts.add(value);
  CHECK(rendered(counts.top(10)) == std::vector<std::string>{"OPEC=4", "Reuters=2", "Zed=1"});
  CHECK(rendered(counts.top(1)) == std::vector<std::string>{"OPEC=4"});
  CHECK(counts.top(0).empty());
}

TEST_CASE("folded counts: equal counts order by spelling, ties at the cut included correctly") {
  FoldedCounts counts;
  for (const char* value : {"b", "a", "c", "c", "B", "A"}) counts.add(value);
  // a/A and b/B tie within themselves: the first in byte order ("A" < "a") is shown.
  CHECK(rendered(counts.top(2)) == std::vector<std::string>{"A=2", "B=2"});
  CHECK(rendered(counts.top(3)) == std::vector<std::string>{"A=2", "B=2", "c=2"});
}

TEST_CASE("folded counts: non-ASCII values fold like fold_case, thousands of values stay exact") {
  FoldedCounts counts;
  counts.add("Zürich");
  counts.add("ZÜRICH");
  counts.add("Zürich");
  // Each tie of spellings shows the first in byte order.
  for (int i = 0; i < 5000; ++i) {
    counts.add("name " + std::to_string(i));
    if (i % 1000 == 0) counts.add("NAME " + std::to_string(i));
  }
  const auto top = counts.top(6);
  REQUIRE(top.size() == 6);
  CHECK(top[0].value == "Zürich");
  CHECK(top[0].count == 3);
  CHECK(rendered({top.begin() + 1, top.end()}) ==
        std::vector<std::string>{"NAME 0=2", "NAME 1000=2", "NAME 2000=2", "NAME 3000=2", "NAME 4000=2"});
}

TEST_CASE("facet counter: counts every match's facets and months, within the budget") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(article({"PAnn Lee", "LOslo", "SWire"}, "20250301120000"));
  db.add_document(article({"PAnn Lee", "PBo Chen", "LParis"}, "20250315000000"));
  db.add_document(article({}, ""));
  db.add_document(article({"PANN LEE", "LOslo"}, "20250401000000"));

  const auto count = [&](FacetCounter& counter) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("Tall"));
    enquire.add_matchspy(&counter);
    (void)enquire.get_mset(0, 10, db.get_doccount());
  };
  FacetCounter all(db, 100);
  count(all);
  CHECK(all.documents() == 4);
  CHECK(rendered(all.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=3", "Bo Chen=1"});
  CHECK(rendered(all.top(Facet::place, 10)) == std::vector<std::string>{"Oslo=2", "Paris=1"});
  CHECK(rendered(all.top(Facet::source, 10)) == std::vector<std::string>{"Wire=1"});
  CHECK(all.top(Facet::author, 10).empty());
  CHECK(rendered(all.top_months(10)) == std::vector<std::string>{"2025-03=2", "2025-04=1"});

  FacetCounter two(db, 2);
  count(two);
  CHECK(two.documents() == 2);
  CHECK(rendered(two.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=2", "Bo Chen=1"});
}
