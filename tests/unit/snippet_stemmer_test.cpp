// Unit tests for the stemmer snippets are cut with.
#include "searcher/snippet_stemmer.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace newsdex;

namespace {

const char* const kWords[] = {
    "dying",  "lying",    "tying",   "skies",  "skis",     "yelling",    "y",        "yy",
    "happy",  "early",    "only",    "news",   "ugly",     "singly",     "generously", "ied",
    "ies",    "agreed",   "hoping",  "cried",  "atlas",    "'twas",      "über",     "naïve",
    "prices", "oil",      "nations", "guarantees", "zelenskyy", "a",     "",         "'",
};

}  // namespace

TEST_CASE("snippet stemmer: Snowball English keeps the first byte, as the shortcut assumes") {
  const Xapian::Stem english("english");
  for (const std::string word : kWords) {
    INFO(word);
    const std::string stem = english(word);
    if (!word.empty() && word.front() != '\'' && !stem.empty()) CHECK(stem.front() == word.front());
  }
}

TEST_CASE("snippet stemmer: stems words that could match the query, passes the rest through") {
  const Xapian::Query terms(Xapian::Query::OP_OR, Xapian::Query("Zoil"), Xapian::Query("Zprice"));
  SnippetStemmer stemmer(terms);
  const Xapian::Stem english("english");
  CHECK(stemmer("prices") == "price");
  CHECK(stemmer("oiled") == english("oiled"));
  CHECK(stemmer("'prices") == english("'prices"));
  CHECK(stemmer("nations") == "nations");  // cannot stem to oil or price
  CHECK(stemmer("") == "");
  for (const std::string word : kWords) {
    INFO(word);
    const std::string stem = stemmer(word);
    // Whatever it returns for a word, that matches a query term exactly when the real stem does.
    const bool matches = stem == "oil" || stem == "price";
    const std::string real = english(word);
    CHECK(matches == (real == "oil" || real == "price"));
  }
}
