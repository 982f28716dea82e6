// Unit tests for the caching stemmer.
#include "common/cached_stemmer.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "common/schema.hpp"

using namespace newsdex;

TEST_CASE("cached stemmer: the same stems as Snowball's English stemmer, cached or not") {
  const Xapian::Stem plain("english");
  const Xapian::Stem cached = make_stemmer();
  for (int pass = 0; pass < 2; ++pass) {
    for (const char* word : {"guarantees", "running", "nations", "ponies", "", "zelenskyy",
                             "internationalisationsprocesses", "antidisestablishmentarianisms"}) {
      CHECK(cached(word) == plain(word));
    }
  }
}

TEST_CASE("cached stemmer: stems the folded word, cached or not") {
  const Xapian::Stem plain("english");
  const Xapian::Stem cached = make_stemmer();
  for (int pass = 0; pass < 2; ++pass) {
    CHECK(cached("über") == "uber");
    CHECK(cached("cafés") == plain("cafes"));
    CHECK(cached("pöhl") == "pohl");
    CHECK(cached("poehl") == "pohl");
    CHECK(cached("muenchen") == cached("münchen"));
    CHECK(cached("müllers") == cached("muellers"));
    CHECK(cached("internationalisationsprocessés") == plain("internationalisationsprocesses"));
  }
}

TEST_CASE("cached stemmer: stays correct past its size bound") {
  CachedStemmer stemmer("english");
  const Xapian::Stem plain("english");
  for (int i = 0; i < 1000000; i += 7) {  // 142,858 words, more than the cache holds
    const std::string word = "word" + std::to_string(i) + "ing";
    REQUIRE(stemmer(word) == plain(word));
  }
  CHECK(stemmer("guarantees") == plain("guarantees"));
}
