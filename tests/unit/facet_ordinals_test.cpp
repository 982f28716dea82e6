// Unit tests for numbering facet values across indexing runs.
#include "indexer/facet_ordinals.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

using namespace newsdex;

namespace {

std::string name_of(const Xapian::Database& db, std::uint32_t ordinal) {
  return db.get_metadata(facet_name_key(ordinal));
}

}  // namespace

TEST_CASE("facet ordinals: one number per value and facet, whatever its case") {
  FacetOrdinals ordinals(0);
  const auto nato = ordinals.ordinal(Facet::organization, "NATO", nullptr);
  const auto oslo = ordinals.ordinal(Facet::place, "Oslo", nullptr);
  CHECK(nato != oslo);
  CHECK(ordinals.ordinal(Facet::organization, "Nato", nullptr) == nato);
  CHECK(ordinals.ordinal(Facet::organization, "  nato ", nullptr) == nato);
  CHECK(ordinals.ordinal(Facet::place, "NATO", nullptr) != nato);  // another facet
}

TEST_CASE("facet ordinals: the name is the spelling used most, first in byte order on a tie") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  FacetOrdinals ordinals(0);
  const auto opec = ordinals.ordinal(Facet::organization, "Opec", nullptr);
  (void)ordinals.ordinal(Facet::organization, "OPEC", nullptr);
  const auto lee = ordinals.ordinal(Facet::person, "ann lee", nullptr);
  (void)ordinals.ordinal(Facet::person, "Ann Lee", nullptr);
  ordinals.write_changes(db);
  CHECK(name_of(db, opec) == "OPEC");  // 1:1, "OPEC" < "Opec"
  CHECK(name_of(db, lee) == "Ann Lee");
  (void)ordinals.ordinal(Facet::organization, "Opec", nullptr);
  ordinals.write_changes(db);
  CHECK(name_of(db, opec) == "Opec");  // 2:1 now
  CHECK(db.get_metadata(std::string(kFacetCountKey)) == "2");
  CHECK(db.get_metadata(facet_value_key(Facet::organization, "opec")) == std::to_string(opec));
}

TEST_CASE("facet ordinals: a later run continues the numbering and keeps earlier names") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  FacetOrdinals first(0);
  const auto lee = first.ordinal(Facet::person, "Ann Lee", nullptr);
  const auto chen = first.ordinal(Facet::person, "Bo Chen", nullptr);
  first.write_changes(db);

  FacetOrdinals second = FacetOrdinals::continuing(db);
  CHECK(second.ordinal(Facet::person, "ANN LEE", &db) == lee);
  CHECK(second.ordinal(Facet::person, "ANN LEE", &db) == lee);
  const auto diaz = second.ordinal(Facet::person, "Cy Diaz", &db);
  CHECK(diaz != lee);
  CHECK(diaz != chen);
  second.write_changes(db);
  CHECK(name_of(db, lee) == "Ann Lee");
  CHECK(name_of(db, diaz) == "Cy Diaz");
  CHECK(db.get_metadata(std::string(kFacetCountKey)) == "3");
}

TEST_CASE("facet ordinals: writer threads numbering at once get one number per value") {
  FacetOrdinals ordinals(0);
  std::vector<std::vector<std::uint32_t>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        seen[t].push_back(ordinals.ordinal(Facet::person, "Person " + std::to_string(i), nullptr));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 1; t < seen.size(); ++t) CHECK(seen[t] == seen[0]);
  std::vector<std::uint32_t> sorted = seen[0];
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(sorted.back() == 1999);
}

TEST_CASE("facet ordinals: damaged numbering in the database is refused with its key") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(std::string(kFacetCountKey), "12x");
  CHECK_THROWS_WITH(FacetOrdinals::continuing(db), Catch::Contains(std::string(kFacetCountKey)));
  db.set_metadata(std::string(kFacetCountKey), "3");
  db.set_metadata(facet_value_key(Facet::place, "Oslo"), "-1");
  FacetOrdinals ordinals = FacetOrdinals::continuing(db);
  CHECK_THROWS_WITH(ordinals.ordinal(Facet::place, "Oslo", &db), Catch::Contains("damaged"));
  CHECK(ordinals.ordinal(Facet::place, "Bergen", &db) == 3);
}

TEST_CASE("facet ordinals: name blocks hold every name, across runs, renames and blocks") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto block = [&](std::uint32_t number) {
    return decode_facet_names(db.get_metadata(facet_names_block_key(number)));
  };
  FacetOrdinals first(0);
  const auto opec = first.ordinal(Facet::organization, "Opec", nullptr);
  for (std::uint32_t i = 1; i < kFacetNamesPerBlock + 2; ++i) {
    (void)first.ordinal(Facet::person, "Person " + std::to_string(i), nullptr);
  }
  first.write_changes(db);
  REQUIRE(block(0).size() == kFacetNamesPerBlock);
  CHECK(block(0)[opec] == "Opec");
  CHECK(block(0)[7] == "Person 7");
  REQUIRE(block(1).size() == 2);
  CHECK(block(1)[1] == "Person " + std::to_string(kFacetNamesPerBlock + 1));

  // A later run adds to the last block; a rename within the run is rewritten in place.
  FacetOrdinals second = FacetOrdinals::continuing(db);
  const auto bo = second.ordinal(Facet::person, "bo chen", &db);
  second.write_changes(db);
  (void)second.ordinal(Facet::person, "Bo Chen", &db);
  (void)second.ordinal(Facet::person, "Bo Chen", &db);
  second.write_changes(db);
  REQUIRE(block(1).size() == 3);
  CHECK(block(1)[bo - kFacetNamesPerBlock] == "Bo Chen");
  CHECK(block(1)[0] == "Person " + std::to_string(kFacetNamesPerBlock));
  for (std::uint32_t ordinal = 0; ordinal <= bo; ++ordinal) {
    CHECK(block(ordinal / kFacetNamesPerBlock)[ordinal % kFacetNamesPerBlock] == name_of(db, ordinal));
  }
}

TEST_CASE("facet ordinals: a block is completed from the names numbered before blocks existed") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  FacetOrdinals first(0);
  (void)first.ordinal(Facet::place, "Oslo", nullptr);
  (void)first.ordinal(Facet::place, "Lima", nullptr);
  first.write_changes(db);
  db.set_metadata(facet_names_block_key(0), std::string());  // as a database written before

  FacetOrdinals second = FacetOrdinals::continuing(db);
  (void)second.ordinal(Facet::place, "Kyiv", &db);
  second.write_changes(db);
  CHECK(decode_facet_names(db.get_metadata(facet_names_block_key(0))) ==
        std::vector<std::string>{"Oslo", "Lima", "Kyiv"});
}
