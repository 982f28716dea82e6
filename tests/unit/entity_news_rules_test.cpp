// Entity rules for newswire beyond the CoNLL text the tagger learned from: whole company names,
// titles of works, party nicknames and sports competitions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "common/entities/entities.hpp"

using newsdex::builtin_entity_extractor;
using newsdex::Entities;

namespace {

using Names = std::vector<std::string>;

bool contains(const Names& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Is some value exactly one of the wrong names (a fragment, a title taken for a name)?
bool any_of_names(const Names& names, const Names& wrong) {
  return std::any_of(wrong.begin(), wrong.end(),
                     [&](const std::string& w) { return contains(names, w); });
}

Entities extract(const char* body) { return builtin_entity_extractor().extract("", body); }

}  // namespace

TEST_CASE("entities: an organization's name keeps the words before it", "[entities]") {
  struct Case {
    const char* body;
    const char* whole;
    Names fragments;
  };
  const std::vector<Case> cases = {
      // A common adjective the lists split off when it opens a sequence.
      {"The figures come from the department and the National Weather Service, officials said.",
       "National Weather Service",
       {"Weather Service"}},
      {"Baker said after a speech to the National Newspaper Association in Washington.",
       "National Newspaper Association",
       {"Newspaper Association"}},
      // A place inside the name, and the words before that place.
      {"Other owners are a New England Electric System unit, with a 25 pct stake, and Samedan.",
       "New England Electric System",
       {"Electric System", "England"}},
      {"Sales at Mitsubishi Motors Australia Ltd fell 12 pct in the year, the company said.",
       "Mitsubishi Motors Australia Ltd",
       {"Australia Ltd", "Mitsubishi Motors"}},
      {"The underwriters are Gordon Capital Corp and Merrill Lynch Canada Inc, it said.",
       "Merrill Lynch Canada Inc",
       {"Canada Inc", "Merrill Lynch", "Gordon Capital Corp and Merrill Lynch Canada Inc"}},
      {"Lead managers are Merrill Lynch Canada Inc and Wood Gundy, the company said.",
       "Merrill Lynch Canada Inc",
       {"Canada Inc", "Merrill Lynch"}},
      // Unknown words joined by "and" before the head word.
      {"A rival market, the Sweden Options and Futures Exchange, will begin trading today.",
       "Sweden Options and Futures Exchange",
       {"Futures Exchange", "Options and Futures Exchange"}},
  };
  for (const Case& c : cases) {
    const Entities e = extract(c.body);
    INFO("body: " << c.body);
    CHECK(contains(e.organizations, c.whole));
    CHECK_FALSE(any_of_names(e.organizations, c.fragments));
    CHECK_FALSE(any_of_names(e.places, c.fragments));
  }
  // A listed organization's unit counts as the organization, not as a fragment of words.
  const Entities unit = extract("The notes were priced by Merrill Lynch Capital Markets, it said.");
  CHECK(contains(unit.organizations, "Merrill Lynch"));
  CHECK_FALSE(contains(unit.organizations, "Capital Markets"));
  // What was joined before still is, and persons stay apart from organizations.
  const Entities kept =
      extract("Officials of the Russian Foreign Ministry met Sergei Lavrov on Monday.");
  CHECK(contains(kept.organizations, "Russian Foreign Ministry"));
  CHECK(contains(kept.persons, "Sergei Lavrov"));
}

TEST_CASE("entities: titles of works are not persons or organizations", "[entities]") {
  struct Case {
    const char* body;
    Names titles;
  };
  const std::vector<Case> cases = {
      // A noun for a kind of work before the title, and the title repeated later.
      {"Oscar-nominated animation Shark Tale has raked in $80m in its first week. Shark Tale is "
       "now the sixth-highest earning DVD, ahead of the film Finding Nemo.",
       {"Shark Tale", "Finding Nemo"}},
      {"The much-anticipated sci-fi horror game Doom 3 shot straight to the top of the charts. "
       "Doom 3 was developed over four years.",
       {"Doom", "Doom 3"}},
      {"The producer of the musical Mamma Mia is now among the richest women in Britain.",
       {"Mamma Mia"}},
      // A capitalized phrase quoted on its own.
      {"Critics praised \"Vera Drake\" and the director said it took years to make.",
       {"Vera Drake"}},
  };
  for (const Case& c : cases) {
    const Entities e = extract(c.body);
    INFO("body: " << c.body);
    CHECK_FALSE(any_of_names(e.persons, c.titles));
    CHECK_FALSE(any_of_names(e.organizations, c.titles));
    CHECK_FALSE(any_of_names(e.places, c.titles));
  }
  // Verbs are no cue ("to play England"), listed names stay, and the cast stays a person.
  const Entities sport = extract(
      "Wales went on to play England in Cardiff, and the game Wales had to win went their way, "
      "said coach Mike Ruddock.");
  CHECK(contains(sport.places, "Wales"));
  CHECK(contains(sport.places, "England"));
  CHECK(contains(sport.persons, "Mike Ruddock"));
  const Entities cast = extract(
      "The film Shark Tale, whose voice cast includes Robert De Niro, sold 6 million DVDs.");
  CHECK(contains(cast.persons, "Robert De Niro"));
}

TEST_CASE("entities: party nicknames and competitions are not entities", "[entities]") {
  const Entities tory = extract(
      "Tory leader Michael Howard said the plans were sound, and Tory MPs agreed with him.");
  CHECK(tory.persons == Names{"Michael Howard"});
  const Entities rugby = extract(
      "Wales won the Six Nations title in Cardiff, and Ireland were Six Nations champions in "
      "2004, a year after the Championships in Paris.");
  CHECK(rugby.organizations.empty());
  CHECK_FALSE(any_of_names(rugby.persons, {"Six Nations", "Championships"}));
  CHECK_FALSE(any_of_names(rugby.places, {"Six Nations", "Championships"}));
  CHECK(contains(rugby.places, "Wales"));
}

TEST_CASE("entities: a firm named after partners is one organization", "[entities]") {
  const Entities dlj = extract(
      "The offering is led by Donaldson, Lufkin and Jenrette Securities Corp, the company said.");
  CHECK(dlj.organizations == Names{"Donaldson, Lufkin and Jenrette Securities Corp"});
  CHECK(dlj.persons.empty());
  CHECK(dlj.places.empty());
  // The name ends with its legal forms though the sequence goes on; a listed firm keeps its
  // canonical name.
  const Entities two = extract(
      "Underwriters are Kidder, Peabody and Co Inc and Goldman, Sachs and Co, the company said.");
  CHECK(contains(two.organizations, "Goldman Sachs"));
  CHECK_FALSE(any_of_names(two.organizations, {"Peabody and Co Inc", "Sachs and Co"}));
  CHECK_FALSE(contains(two.places, "Kidder"));
  // A list of firms stays a list.
  const Entities list = extract(
      "Underwriters are Salomon, Merrill Lynch and Morgan Stanley and Co, the company said.");
  CHECK(contains(list.organizations, "Merrill Lynch"));
  CHECK(contains(list.organizations, "Morgan Stanley"));
}

TEST_CASE("entities: the row names of a results table are not entities", "[entities]") {
  const std::vector<const char*> tables = {
      "Shr loss 26 cts\n    Net loss 1,277,737\n    Revs 3.7 mln\n    Note: full name Canadian "
      "Home Shopping Network Ltd.\n    Period ended April 30 was company's first quarter of\n"
      "operations.",
      "Shr 2.19 dlrs vs 1.67 dlr\n    Net 32.8 mln vs 24.8 mln\n    Assets 5.58 billion vs 4.34 "
      "billion\n    Deposits 3.60 billion vs 3.27 billion\n    Loans 2.96 billion vs 2.90 billion",
      "Qtr ended March 31\n    Profit 4.1 mln vs 3.2 mln\n    Revenues 40.6 mln vs 38.1 mln\n"
      "    Earnings per share 41 cts vs 30 cts\n    Dividend 10 cts vs nil",
  };
  const Names rows = {"Period", "Loans", "Assets", "Deposits", "Revs",
                      "Profit", "Revenues", "Earnings", "Dividend"};
  for (const char* body : tables) {
    const Entities e = extract(body);
    INFO("body: " << body);
    CHECK_FALSE(any_of_names(e.persons, rows));
    CHECK_FALSE(any_of_names(e.organizations, rows));
    CHECK_FALSE(any_of_names(e.places, rows));
  }
}

TEST_CASE("entities: a listed firm's full name joined by \"and\" is the listed firm", "[entities]") {
  const Entities e =
      extract("American Telephone and Telegraph Co said its long-distance rates would fall.");
  CHECK(e.organizations == Names{"AT&T"});
}
