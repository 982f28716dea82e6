// Unit tests for the Bloom filter of id terms.
#include "indexer/id_filter.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace newsdex;

TEST_CASE("id filter: every id added is found; about 1% of others are not told apart") {
  constexpr int kIds = 20'000;
  IdFilter filter(kIds);
  for (int i = 0; i < kIds; ++i) filter.add("Qreuters-" + std::to_string(i));
  for (int i = 0; i < kIds; ++i) REQUIRE(filter.may_contain("Qreuters-" + std::to_string(i)));
  int false_positives = 0;
  for (int i = 0; i < kIds; ++i) false_positives += filter.may_contain("Qbbc-" + std::to_string(i)) ? 1 : 0;
  CHECK(false_positives < kIds / 50);  // 10 bits per id give about 0.8%
  CHECK(false_positives > 0);          // a filter that says "no" to all would be no filter
}

TEST_CASE("id filter: more ids than expected still leave no false negatives") {
  IdFilter filter(10);
  for (int i = 0; i < 1000; ++i) filter.add("Q" + std::to_string(i));
  for (int i = 0; i < 1000; ++i) CHECK(filter.may_contain("Q" + std::to_string(i)));
  IdFilter empty(0);
  CHECK_FALSE(empty.may_contain("Qanything"));
}
