// newssearch --match auto on the sample database: short queries stay AND, long ones relax and say so.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;

namespace {

// Six words no sample article holds all of, though several hold some.
const std::vector<std::string> kLongQuery = {"Zelenskyy", "NATO", "guarantees", "Kansas", "harvest", "records"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("relevance: a short query whose words all occur lists those articles first, and counts them") {
  for (const std::vector<std::string>& query : {std::vector<std::string>{"zelenskyy", "nato"},
                                               std::vector<std::string>{"grain", "corridor", "odesa"}}) {
    const json automatic = search(kSampleDb, query);
    const json strict = search(kSampleDb, with({"--match", "all"}, query));
    INFO(automatic.dump(1));
    REQUIRE(strict.at("total") > 0);
    CHECK(automatic.at("relaxed").is_null());
    CHECK(automatic.at("total") == strict.at("total"));
    const std::vector<std::string> all_words = ids(strict);
    const std::vector<std::string> listed = ids(automatic);
    REQUIRE(listed.size() >= all_words.size());
    CHECK(std::vector<std::string>(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(all_words.size())) ==
          all_words);
    CHECK(automatic.at("some_words") == listed.size() - all_words.size());
    CHECK(strict.at("some_words") == 0);
    CHECK(search(kSampleDb, with({"--match", "any"}, query)).at("total") >= strict.at("total"));
  }
}

TEST_CASE("relevance: a short query's page goes on with the articles holding some of its words") {
  const std::vector<std::string> query = {"zelenskyy", "nato"};
  const json strict = search(kSampleDb, with({"--match", "all"}, query));
  const json any = search(kSampleDb, with({"--match", "any", "--limit", "100"}, query));
  const json automatic = search(kSampleDb, with({"--limit", "100"}, query));
  INFO(automatic.dump(1));
  const std::size_t all_words = strict.at("results").size();
  REQUIRE(all_words > 0);
  REQUIRE(automatic.at("total") == all_words);
  // Every article with some of the words is listed once, those with all of them first.
  std::vector<std::string> listed = ids(automatic);
  std::vector<std::string> some = ids(any);
  CHECK(automatic.at("some_words") == some.size() - all_words);
  std::sort(listed.begin(), listed.end());
  std::sort(some.begin(), some.end());
  CHECK(listed == some);
  int rank = 0;
  for (const json& hit : automatic.at("results")) CHECK(hit.at("rank") == ++rank);

  // The page where they end lists the others after them; a page past them is empty, as
  // total promises.
  const json page = search(kSampleDb, with({"--offset", std::to_string(all_words - 1), "--limit", "3"}, query));
  REQUIRE(page.at("results").size() == 3);
  CHECK(page.at("total") == all_words);
  CHECK(page.at("some_words") == 2);
  CHECK(page.at("results")[1].at("rank") == all_words + 1);
  CHECK(ids(page)[1] == automatic.at("results")[all_words].at("id"));
  CHECK(ids(page)[2] == automatic.at("results")[all_words + 1].at("id"));
  const json past = search(kSampleDb, with({"--offset", std::to_string(all_words), "--limit", "2"}, query));
  CHECK(past.at("results").empty());

  // A page the articles with every word fill lists only them.
  const json first = search(kSampleDb, with({"--limit", std::to_string(all_words)}, query));
  CHECK(first.at("some_words") == 0);
  CHECK(ids(first) == ids(strict));
  // --limit 0 lists every match, and the matches are the articles with every word.
  const json every = search(kSampleDb, with({"--limit", "0"}, query));
  CHECK(every.at("some_words") == 0);
  CHECK(ids(every) == ids(strict));

  const ProcessResult text = run_process(kNewssearch, with({"--db", kSampleDb}, query));
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("(these hold some of the 2 words, not all)") != std::string::npos);
}

TEST_CASE("relevance: a long query no article fully matches relaxes and says so") {
  const json strict = search(kSampleDb, with({"--match", "all"}, kLongQuery));
  CHECK(strict.at("total") == 0);
  CHECK(strict.at("relaxed").is_null());

  const json relaxed = search(kSampleDb, kLongQuery);
  INFO(relaxed.dump(1));
  CHECK_FALSE(relaxed.at("results").empty());
  const json& note = relaxed.at("relaxed");
  REQUIRE(note.is_object());
  CHECK(note.at("words") == 6);
  CHECK(note.at("all_words") == 0);
  CHECK(note.at("note") == "no article has all 6 words; showing those with some of them, best first");

  const ProcessResult text = run_process(kNewssearch, with({"--db", kSampleDb}, kLongQuery));
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("(no article has all 6 words; showing those with some of them, best first)") !=
        std::string::npos);
}

TEST_CASE("relevance: a query in capitals matches as in lower case") {
  const json lower = search(kSampleDb, {"zelenskyy", "nato", "guarantees"});
  const json upper = search(kSampleDb, {"ZELENSKYY", "NATO", "GUARANTEES"});
  REQUIRE_FALSE(lower.at("results").empty());
  CHECK(ids(upper) == ids(lower));
}

TEST_CASE("relevance: a query in capitals keeps its operators") {
  const json either = search(kSampleDb, {"ZELENSKYY", "OR", "GRAIN"});
  const json one = search(kSampleDb, {"zelenskyy"});
  const json other = search(kSampleDb, {"grain"});
  REQUIRE(one.at("total") > 0);
  REQUIRE(other.at("total") > 0);
  CHECK(ids(either) == ids(search(kSampleDb, {"zelenskyy", "OR", "grain"})));
  CHECK(either.at("total") > one.at("total"));
  CHECK(either.at("total") > other.at("total"));
  const json without = search(kSampleDb, {"ZELENSKYY", "NOT", "NATO"});
  CHECK(ids(without) == ids(search(kSampleDb, {"zelenskyy", "NOT", "nato"})));
  CHECK(without.at("total") < one.at("total"));
}

TEST_CASE("relevance: --explain shows the words matched and their weights") {
  const json result = search(kSampleDb, with({"--explain"}, kLongQuery));
  REQUIRE_FALSE(result.at("results").empty());
  for (const auto& hit : result.at("results")) {
    const json& why = hit.at("explain");
    CHECK(why.at("relaxed") == true);
    CHECK(why.at("words") == 6);
    CHECK(why.at("words_held") == why.at("terms").size());
    double parts = why.at("boosts").get<double>();
    for (const auto& term : why.at("terms")) parts += term.at("bm25").get<double>() + term.at("coord").get<double>();
    CHECK(parts == Approx(hit.at("score").get<double>()).epsilon(1e-6));
  }
  CHECK_FALSE(search(kSampleDb, {"nato"}).at("results").at(0).contains("explain"));

  const ProcessResult text = run_process(kNewssearch, {"--db", kSampleDb, "--explain", "zelenskyy", "nato"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("   why: 2 of 2 words: ") != std::string::npos);
}

TEST_CASE("relevance: a bad --match value is refused") {
  const ProcessResult result = run_process(kNewssearch, {"--db", kSampleDb, "--match", "most", "nato"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("use auto, all or any") != std::string::npos);
}
