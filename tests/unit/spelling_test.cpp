// Unit tests for spelling suggestions: edit distance and respelt queries over a small index.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <string>

#include "common/schema.hpp"
#include "searcher/spelling.hpp"

namespace newsdex {
namespace {

TEST_CASE("edit distance counts edits up to a limit") {
  CHECK(edit_distance("greenspan", "greenspan", 2) == 0);
  CHECK(edit_distance("greenspn", "greenspan", 2) == 1);
  CHECK(edit_distance("volker", "volcker", 2) == 1);
  CHECK(edit_distance("petrolium", "petroleum", 2) == 1);
  CHECK(edit_distance("teh", "the", 1) == 1);  // a swap is one edit
  CHECK(edit_distance("oil", "olive", 3) == 3);
  CHECK(edit_distance("petrol", "petroleum", 3) == 3);
  CHECK(edit_distance("oil", "petroleum", 2) == 3);  // past the limit: limit + 1
  CHECK(edit_distance("abcdef", "azzzef", 2) == 3);
}

// Stems as the indexer writes them, each in frequency documents, and a person.
Xapian::WritableDatabase small_index() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto add = [&db](const std::string& stem, int frequency) {
    for (int i = 0; i < frequency; ++i) {
      Xapian::Document doc;
      doc.add_term(std::string(kStemPrefix) + stem);
      db.add_document(doc);
    }
  };
  add("greenspan", 5);
  add("greensp", 1);
  add("petroleum", 4);
  add("economi", 6);
  add("oil", 9);
  add("fed", 7);
  Xapian::Document person;
  person.add_boolean_term(facet_term(Facet::person, "Paul Volcker"));
  for (int i = 0; i < 3; ++i) db.add_document(person);
  return db;
}

TEST_CASE("rare words are respelt to close, more frequent words of the index") {
  const Xapian::WritableDatabase db = small_index();
  CHECK(suggest_spelling(db, "greenspn").value_or("none") == "greenspan");
  CHECK(suggest_spelling(db, "petrolium prices").value_or("none") == "petroleum prices");
  CHECK(suggest_spelling(db, "Volker").value_or("none") == "Volcker");
  // The stem is shown with the user's own ending when that stems back to it.
  CHECK(suggest_spelling(db, "ekonomies").value_or("none") == "economies");
  // Fields, operators and dates stay as written.
  CHECK(suggest_spelling(db, "title:greenspn AND oil date:2025").value_or("none") == "title:greenspan AND oil date:2025");
}

TEST_CASE("no suggestion for known words, far words or other first letters") {
  const Xapian::WritableDatabase db = small_index();
  CHECK_FALSE(suggest_spelling(db, "oil fed"));
  CHECK_FALSE(suggest_spelling(db, "zebra"));
  CHECK_FALSE(suggest_spelling(db, "breenspan"));
  CHECK_FALSE(suggest_spelling(db, "gre3nspan"));
  CHECK_FALSE(suggest_spelling(db, "date:yesterdy"));
  CHECK_FALSE(suggest_spelling(db, ""));
}

}  // namespace
}  // namespace newsdex
