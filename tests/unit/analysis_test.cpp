// Unit tests for the analyzer's folding, dotted initials and compounds: each spelling of a
// word, indexed or queried, finds the same articles.
#include "common/analysis.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/query_text.hpp"

using namespace newsdex;

namespace {

struct TextCase {
  std::string_view input;
  std::string_view expected;
};

struct Article {
  std::string_view title;
  std::string_view body;
};

// Numbered from 1 in this order: the docids of an in-memory database.
const std::vector<Article> kArticles = {
    {"Café owners", "Café owners in München say business is good."},               // 1
    {"Bundesbank", "Karl Otto Poehl said the Bundesbank would hold rates."},         // 2
    {"Bundesbank president speaks", "Bundesbank president Pöhl spoke on Monday."},   // 3
    {"Ministers", "Send an e-mail to the G-7 ministers before the by-election."},    // 4
    {"Officials", "The email went to G7 officials; the byelection is next week."},   // 5
    {"U.S. TRADE DEFICIT WIDENS", "The U.S. trade deficit widened in March."},       // 6
    {"Deficit", "The US trade deficit narrowed, officials said."},                   // 7
    {"Deficit grows", "The u.s. trade deficit grew again."},                         // 8
    {"Rates", "Governor Robin Leigh-Pemberton said rates would fall."},              // 9
    {"Poetry", "The poet read a poem."},                                             // 10
    {"Gold", "A pot of gold was found."},                                            // 11
    {"OIL PRICES RISE IN MÜNCHEN", "TRADERS IN MÜNCHEN SAW OIL PRICES RISE."},       // 12
    {"Season", "The 1986-87 season ended; the ministers met in mid-March."},         // 13
    {"Guests", "Guests and the fuel tanker met at the Boeing plant."},               // 14
};

Xapian::WritableDatabase articles_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  configure_term_generator(generator);
  for (const auto& article : kArticles) {
    Xapian::Document doc;
    generator.set_document(doc);
    index_article_text(generator, article.title, article.body);
    db.add_document(doc);
  }
  return db;
}

std::set<Xapian::docid> matches(const Xapian::Database& db, const std::string& query) {
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  parser.set_database(db);
  SearchOptions options;
  options.query = query;
  Xapian::Enquire enquire(db);
  enquire.set_query(build_query(options, parser, &canonical_names).query);
  std::set<Xapian::docid> found;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) found.insert(*it);
  return found;
}

}  // namespace

TEST_CASE("analysis: accents and umlaut spellings fold") {
  const TextCase cases[] = {
      {"Café", "cafe"},
      {"MÜNCHEN", "munchen"},
      {"Straße", "strasse"},
      {"cafe\xCC\x81", "cafe"},  // e + combining acute
      {"Erdoğan", "erdogan"},
      {"Пётр", "пётр"},  // only Latin letters lose their accents
  };
  for (const auto& [input, expected] : cases) {
    INFO(input);
    CHECK(fold_accents(input) == expected);
  }
  const TextCase names[] = {
      {"Karl Otto Pöhl", "karl otto pohl"},
      {"Karl  Otto POEHL", "karl otto pohl"},
      {"Gerhard Schroeder", "gerhard schroder"},
      {"Jürgen Müller", "jurgen muller"},
      {"Juergen Mueller", "jurgen muller"},
      {"Michael Noel", "michael noel"},     // a last consonant: English
      {"poet guest queen", "poet guest queen"},
      {"Boeing aerial toe", "boeing aerial toe"},
  };
  for (const auto& [input, expected] : names) {
    INFO(input);
    CHECK(fold_name(input) == expected);
  }
}

TEST_CASE("analysis: dotted initials are capitals in any case, compounds are joined") {
  const TextCase initials[] = {
      {"u.s. trade", "U.S. trade"},     {"U.s.", "U.S."},        {"e.g. this", "E.G. this"},
      {"the u.s", "the U.S"},           {"U.S. stays", "U.S. stays"},
      {"j. smith", "j. smith"},         {"bbc.co.uk", "bbc.co.uk"}, {"a.1", "a.1"},
      {"x.y.com", "x.y.com"},           {"ab.c.", "ab.c."},
  };
  for (const auto& [input, expected] : initials) {
    INFO(input);
    CHECK(upper_case_dotted_initials(input) == expected);
  }
  const TextCase compounds[] = {
      {"an e-mail to G-7 members", "email G7"},
      {"(by-election), mother-in-law's", "byelection motherinlaw"},
      {"the 1986-87 season", ""},
      {"U.S.-Japan talks", ""},
      {"a -b c- d--e", ""},
      {"e\xE2\x80\x90mail", "email"},  // U+2010 HYPHEN
  };
  for (const auto& [input, expected] : compounds) {
    INFO(input);
    CHECK(joined_compounds(input) == expected);
  }
}

TEST_CASE("analysis: query text gets capital initials, and joined compounds outside phrases") {
  const TextCase cases[] = {
      {"u.s. trade deficit", "U.S. trade deficit"},
      {"e-mail G-7 -by-election", "email G7 -byelection"},
      {"title:e-mail", "title:email"},
      {"\"e-mail address\" e-mail", "\"e-mail address\" email"},
      {"person:Leigh-Pemberton", "person:Leigh-Pemberton"},
      {"person:\"Leigh-Pemberton\" e-mail", "person:\"Leigh-Pemberton\" email"},
      {"date:1987-03..1987-04", "date:1987-03..1987-04"},
      {"1986-87", "1986-87"},
  };
  for (const auto& [input, expected] : cases) {
    INFO(input);
    CHECK(analyze_query_text(input) == expected);
  }
}

TEST_CASE("analysis: every spelling of a word finds the same articles") {
  const Xapian::WritableDatabase db = articles_db();
  struct Case {
    std::vector<std::string> spellings;
    std::set<Xapian::docid> expected;
  };
  const Case cases[] = {
      {{"cafe munchen", "Café München", "CAFE MUENCHEN", "café muenchen"}, {1}},
      {{"munchen", "München", "MÜNCHEN", "Muenchen"}, {1, 12}},
      {{"Pohl", "Poehl", "Pöhl", "POEHL", "PÖHL"}, {2, 3}},
      {{"email", "e-mail", "E-Mail", "EMAIL"}, {4, 5}},
      {{"G7", "G-7", "g7"}, {4, 5}},
      {{"byelection", "by-election", "BY-ELECTION", "Byelection"}, {4, 5}},
      {{"u.s. trade deficit", "U.S. trade deficit", "US trade deficit", "U.s. trade deficit",
        "us trade deficit", "U.S. TRADE DEFICIT"},
       {6, 7, 8}},
      {{"Pemberton", "Leigh-Pemberton", "\"Leigh-Pemberton said\"", "leigh-pemberton"}, {9}},
      {{"oil prices", "OIL PRICES", "Oil Prices", "oil price"}, {12}},
      {{"poet", "POET"}, {10}},
      {{"pot"}, {11}},
      {{"guest", "guests"}, {14}},
      {{"fuel"}, {14}},
      {{"\"1986-87 season\"", "1986-87"}, {13}},
      {{"mid-March", "midmarch"}, {13}},
  };
  for (const auto& [spellings, expected] : cases) {
    for (const auto& query : spellings) {
      INFO(query);
      CHECK(matches(db, query) == expected);
    }
  }
}

TEST_CASE("analysis: facet names fold as words do") {
  CHECK(facet_term(Facet::person, "Karl Otto Pöhl") == "XP:karl otto pohl");
  CHECK(facet_term(Facet::person, "Karl Otto Poehl") == "XP:karl otto pohl");
  CHECK(person_surname_term("Karl Otto Pöhl") == "XPN:pohl");
  CHECK(facet_term(Facet::place, "MÜNCHEN") == facet_term(Facet::place, "Munchen"));

  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_boolean_term(facet_term(Facet::person, "Karl Otto Pöhl"));
  doc.add_boolean_term(person_surname_term("Karl Otto Pöhl"));
  db.add_document(doc);
  for (const char* name : {"Pohl", "Poehl", "Pöhl", "karl otto poehl", "KARL OTTO PÖHL"}) {
    INFO(name);
    Xapian::Enquire enquire(db);
    enquire.set_query(facet_filter(Facet::person, name, &canonical_names));
    CHECK(enquire.get_mset(0, 10).size() == 1);
  }
}
