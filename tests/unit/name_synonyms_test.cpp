// Unit tests for the synonyms between spellings of a surname.
#include "common/entities/name_synonyms.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "common/entities/lexicon.hpp"

using namespace newsdex;

namespace {

// count articles whose text has the word (its Z stem), the first as_surname of which also
// name a person by it.
void add_articles(Xapian::WritableDatabase& db, const std::string& word, int count, int as_surname) {
  for (int i = 0; i < count; ++i) {
    Xapian::Document doc;
    doc.add_term("Z" + Xapian::Stem("english")(word));
    if (i < as_surname) doc.add_boolean_term("XPN:" + word);
    db.add_document(doc);
  }
}

bool grouped(const std::vector<std::vector<std::string>>& groups, const std::string& a, const std::string& b) {
  return std::any_of(groups.begin(), groups.end(), [&](const std::vector<std::string>& group) {
    return std::find(group.begin(), group.end(), a) != group.end() &&
           std::find(group.begin(), group.end(), b) != group.end();
  });
}

bool in_any(const std::vector<std::vector<std::string>>& groups, const std::string& term) {
  return std::any_of(groups.begin(), groups.end(), [&](const std::vector<std::string>& group) {
    return std::find(group.begin(), group.end(), term) != group.end();
  });
}

}  // namespace

TEST_CASE("name synonyms: spellings of one surname in the archive are joined") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  add_articles(db, "hammerstrom", 6, 6);
  add_articles(db, "hamerstrom", 4, 3);
  const auto groups = name_synonym_groups(db, Lexicon::builtin());
  CHECK(grouped(groups, "Zhammerstrom", "Zhamerstrom"));
}

TEST_CASE("name synonyms: a surname the archive mostly uses as a word joins nothing") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // "Magma Copper" taken for a person once; "copper" the metal in 40 articles. "Cooper" a
  // surname in 2, and the stem of "cooperation" in 30.
  add_articles(db, "copper", 40, 1);
  add_articles(db, "cooper", 32, 2);
  const auto groups = name_synonym_groups(db, Lexicon::builtin());
  CHECK_FALSE(in_any(groups, "Zcopper"));
  CHECK_FALSE(in_any(groups, "Zcooper"));
}
