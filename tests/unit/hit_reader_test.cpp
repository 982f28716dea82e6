// Unit tests for reading results' articles: damaged records and reads through commits.
#include "searcher/hit_reader.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "common/schema.hpp"

using namespace newsdex;

namespace {

// An in-memory database holding one article as the indexer writes it, its record packed.
struct OneArticle {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::docid did = 0;

  explicit OneArticle(const std::string& packed) {
    db.set_metadata(facet_name_key(0), "Harbour Gazette");
    db.set_metadata(facet_name_key(1), "Anna Berg");
    Xapian::Document doc;
    doc.add_boolean_term(id_term("gen-7"));
    doc.add_value(slot_number(Slot::date), "20251103000000");
    std::string facets;
    append_facet_entry(facets, {facet_index(Facet::source), 0});
    append_facet_entry(facets, {facet_index(Facet::person), 1});
    append_facet_entry(facets, {kMonthEntryIndex, month_number(2025, 11)});
    doc.add_value(slot_number(Slot::facets), facets);
    doc.add_value(slot_number(Slot::article), packed);
    did = db.add_document(doc);
  }
};

StoredArticle sample() {
  StoredArticle article;
  article.id = "gen-7";
  article.title = "Harbour works report";
  article.body = "The council said the harbour works continue.";
  article.source = "Harbour Gazette";
  article.persons = {"Anna Berg"};
  article.date = parse_date("2025-11-03");
  return article;
}

}  // namespace

TEST_CASE("hit reader: an intact record reads back whole") {
  OneArticle archive(pack_stored_article(sample()));
  const ReadArticle read = read_stored_article(archive.db, archive.did);
  CHECK(read.damage.empty());
  CHECK(read.article.title == "Harbour works report");
  CHECK(read.article.body == sample().body);
}

TEST_CASE("hit reader: a damaged record shows what the index holds, and says why") {
  std::string packed = pack_stored_article(sample());
  SECTION("a flipped bit") { packed[packed.size() / 2] ^= 0x01; }
  SECTION("cut short") { packed.resize(packed.size() - 5); }
  SECTION("missing") { packed.clear(); }
  SECTION("not a frame") { packed = "{\"id\":\"gen-7\"}"; }
  OneArticle archive(packed);
  const ReadArticle read = read_stored_article(archive.db, archive.did);
  CHECK_FALSE(read.damage.empty());
  CHECK(read.article.id == "gen-7");
  REQUIRE(read.article.date);
  CHECK(format_iso_date(*read.article.date) == "2025-11-03");
  CHECK(read.article.source == "Harbour Gazette");
  CHECK(read.article.persons == std::vector<std::string>{"Anna Berg"});
  CHECK(read.article.title.empty());
  CHECK(read.article.body.empty());
}

TEST_CASE("hit reader: a read runs again after a discarded revision, a bounded number of times") {
  Xapian::Database db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  int calls = 0;
  const int value = read_through_commits(db, [&] {
    if (++calls < 4) throw Xapian::DatabaseModifiedError("discarded");
    return 42;
  });
  CHECK(value == 42);
  CHECK(calls == 4);

  calls = 0;
  CHECK_THROWS_AS(read_through_commits(db,
                                       [&]() -> int {
                                         ++calls;
                                         throw Xapian::DatabaseModifiedError("discarded");
                                       }),
                  Xapian::DatabaseModifiedError);
  CHECK(calls == kMostRereads);
}
