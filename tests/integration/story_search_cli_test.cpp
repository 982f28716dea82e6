// Stories in search: the story key of every result, --collapse, --story, and counts per story
// (README "Stories").
#include <catch2/catch.hpp>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "cli.hpp"
#include "common/schema.hpp"
#include "searcher/searcher.hpp"

namespace fs = std::filesystem;
using namespace newsdex::testing;
using nlohmann::json;

namespace {

json article(const std::string& id, const std::string& date, const std::string& source,
             const std::string& body) {
  json object = {{"id", id}, {"source", source}, {"title", "Report " + id}, {"body", body}};
  if (!date.empty()) object["date"] = date;
  return object;
}

const std::string kStrike =
    "Dock workers in Bergen walked out on Monday. Union leader Ingrid Solberg said the strike "
    "would continue until wages rose. Port managers called the action unlawful.";

// Puts each article (by id) into the story given, through the Xapian API, as the indexer
// would: the story slot and the story term. An empty story leaves the article without one.
void set_stories(const std::string& db_path, const std::map<std::string, std::string>& stories) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
  for (const auto& [id, story] : stories) {
    const std::string id_term = newsdex::shown_id_term(id);
    REQUIRE(db.postlist_begin(id_term) != db.postlist_end(id_term));
    const Xapian::docid did = *db.postlist_begin(id_term);
    Xapian::Document doc = db.get_document(did);
    std::vector<std::string> old_terms;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      if ((*term).starts_with(newsdex::kStoryPrefix)) old_terms.push_back(*term);
    }
    for (const auto& term : old_terms) doc.remove_term(term);
    if (story.empty()) {
      doc.remove_value(newsdex::slot_number(newsdex::Slot::story));
    } else {
      doc.add_value(newsdex::slot_number(newsdex::Slot::story), story);
      doc.add_boolean_term(newsdex::story_term(story));
    }
    db.replace_document(did, doc);
  }
  db.commit();
}

// Story s1: four reports of one strike from three sources over March and April, all naming
// Ingrid Solberg; s2: one other article naming her; s3: one naming nobody; and one article
// without a story value. Built once per process, under a name of its own: ctest runs each
// test case in a process, side by side.
const std::string& story_db() {
  static const std::string db = [] {
    const std::string own = std::to_string(getpid());
    const std::string path = scratch_path("story-search-db-" + own);
    const fs::path input = scratch_path("story-search-in-" + own);
    fs::create_directories(input);
    std::ofstream out(input / "feed.jsonl");
    const std::vector<json> articles = {
        article("a1", "2024-03-03", "Wire", kStrike),
        article("a2", "2024-03-01", "Daily", "Reported from the port. " + kStrike),
        article("a3", "2024-04-01", "Post", kStrike + " Talks resume next week."),
        article("a4", "2024-03-02", "Wire", "Update: " + kStrike),
        article("b1", "2024-05-10", "Daily",
                "Ferry operators raised fares on Friday. Transport minister Ingrid Solberg said "
                "the increase was modest. Commuters in Oslo complained about the strike."),
        article("c1", "2024-05-11", "Post", "Rain fell on the strike pickets all week."),
        article("d1", "", "Post", "An undated note on the strike and its costs."),
    };
    for (const auto& one : articles) out << one.dump() << '\n';
    out.close();
    REQUIRE(index(path, {input.string()}).process.exit_code == 0);
    set_stories(path, {{"a1", "s1"}, {"a2", "s1"}, {"a3", "s1"}, {"a4", "s1"}, {"b1", "s2"},
                       {"c1", "s3"}, {"d1", ""}});
    return path;
  }();
  return db;
}

std::map<std::string, json> by_id(const json& results) {
  std::map<std::string, json> found;
  for (const auto& result : results) found[result.at("id").get<std::string>()] = result;
  return found;
}

std::map<std::string, long> facet_counts(const json& answer, const std::string& facet) {
  std::map<std::string, long> counts;
  for (const auto& entry : answer.at("facets").at(facet)) counts[entry.at("value")] = entry.at("count");
  return counts;
}

}  // namespace

TEST_CASE("stories: every result names its story, the same for all its articles") {
  const json answer = search(story_db(), {"--all"});
  CHECK(answer.at("counted") == "articles");
  const auto results = by_id(answer.at("results"));
  REQUIRE(results.size() == 7);
  const json s1 = results.at("a1").at("story");
  CHECK(s1 == json{{"id", "s1"}, {"articles", 4}, {"sources", 3}, {"first_date", "2024-03-01"},
                   {"latest_date", "2024-04-01"}});
  for (const auto* id : {"a2", "a3", "a4"}) CHECK(results.at(id).at("story") == s1);
  CHECK(results.at("b1").at("story").at("id") == "s2");
  CHECK(results.at("b1").at("story").at("articles") == 1);
  CHECK(results.at("b1").at("story").at("sources") == 1);
  // Without a story value: a story of one under the article's own id, null date when none.
  const json alone = results.at("d1").at("story");
  CHECK(alone == json{{"id", "d1"}, {"articles", 1}, {"sources", 1}, {"first_date", nullptr},
                      {"latest_date", nullptr}});

  // --show, in JSON and text.
  const ProcessResult show = run_process(kNewssearch, {"--db", story_db(), "--json", "--show", "a3"});
  REQUIRE(show.exit_code == 0);
  CHECK(json::parse(show.out).at("story") == s1);
  const ProcessResult text = run_process(kNewssearch, {"--db", story_db(), "--show", "a3"});
  CHECK(text.out.find("story: s1 (4 articles from 3 sources, first 2024-03-01, latest 2024-04-01)") !=
        std::string::npos);

  // The JSON Lines export carries it.
  const ProcessResult jsonl = run_process(kNewssearch, {"--db", story_db(), "--format", "jsonl", "--all"});
  REQUIRE(jsonl.exit_code == 0);
  std::istringstream lines(jsonl.out);
  std::string line;
  std::size_t seen = 0;
  while (std::getline(lines, line)) {
    const json one = json::parse(line);
    CHECK(one.at("story").at("id").is_string());
    ++seen;
  }
  CHECK(seen == 7);
}

TEST_CASE("stories: --collapse shows one result per story and counts stories") {
  const json articles = search(story_db(), {"--facets", "solberg"});
  CHECK(articles.at("counted") == "articles");
  CHECK(articles.at("total") == 5);
  CHECK(facet_counts(articles, "person").at("Ingrid Solberg") == 5);

  const json stories = search(story_db(), {"--collapse", "--facets", "solberg"});
  CHECK(stories.at("counted") == "stories");
  CHECK(stories.at("total") == 2);
  CHECK(stories.at("total_exact") == true);
  REQUIRE(stories.at("results").size() == 2);
  std::set<std::string> ids;
  for (const auto& result : stories.at("results")) ids.insert(result.at("story").at("id"));
  CHECK(ids == std::set<std::string>{"s1", "s2"});
  // Named in four articles of s1 and in s2: two stories, exactly.
  CHECK(facet_counts(stories, "person").at("Ingrid Solberg") == 2);
  CHECK(facet_counts(stories, "place").at("Bergen") == 1);
  CHECK(facet_counts(stories, "source") == std::map<std::string, long>{{"Daily", 2}, {"Post", 1}, {"Wire", 1}});
  // s1 spans March and April: once in each; s2 in May.
  CHECK(facet_counts(stories, "month") ==
        std::map<std::string, long>{{"2024-03", 1}, {"2024-04", 1}, {"2024-05", 1}});
  CHECK(stories.at("facets_counted") == 2);
  CHECK(stories.at("facets_exact") == true);

  // Every match: three stories and the article without one.
  const json all = search(story_db(), {"--collapse", "--all", "--count"});
  CHECK(all.at("total") == 4);
  const json strike = search(story_db(), {"--collapse", "--sort", "oldest", "strike"});
  CHECK(strike.at("total") == 4);
  CHECK(strike.at("results").size() == 4);
  CHECK(strike.at("results").at(0).at("id") == "a2");  // s1's oldest article leads it

  const ProcessResult text = run_process(kNewssearch, {"--db", story_db(), "--collapse", "solberg"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.rfind("2 stories for \"solberg\"", 0) == 0);
  CHECK(text.out.find("4 articles from 3 sources, first 2024-03-01, latest 2024-04-01; also: ") !=
        std::string::npos);
  CHECK(text.out.find("\n3. ") == std::string::npos);
}

TEST_CASE("stories: a collapsed count that saw every match is exact, in any order") {
  // "solberg" is in s1's four articles and b1, "week" in a3 and c1: Xapian's bounds on the
  // articles matching both (at most two) stay apart from what a match saw (one), unless the
  // count is made without collapsing.
  const std::vector<std::vector<std::string>> orders = {{}, {"--sort", "newest"}, {"--sort", "oldest"}};
  const std::vector<std::vector<std::string>> with_facets = {{}, {"--facets"}};
  for (const auto& order : orders) {
    for (const auto& facets : with_facets) {
      std::vector<std::string> args = {"--collapse", "--count"};
      args.insert(args.end(), order.begin(), order.end());
      args.insert(args.end(), facets.begin(), facets.end());
      args.push_back("solberg week");
      INFO("newssearch " << json(args).dump());
      const json answer = search(story_db(), args);
      CHECK(answer.at("total") == 1);
      CHECK(answer.at("total_exact") == true);
      if (!facets.empty()) CHECK(answer.at("facets_exact") == true);
    }
  }
}

TEST_CASE("stories: the timeline counts stories with --collapse") {
  const json articles = search(story_db(), {"--timeline", "month", "--count", "solberg"});
  const json stories = search(story_db(), {"--collapse", "--timeline", "month", "--count", "solberg"});
  const auto counts = [](const json& answer) {
    std::map<std::string, long> buckets;
    for (const auto& bucket : answer.at("timeline").at("buckets")) buckets[bucket.at("period")] = bucket.at("count");
    return buckets;
  };
  CHECK(counts(articles) == std::map<std::string, long>{{"2024-03", 3}, {"2024-04", 1}, {"2024-05", 1}});
  CHECK(counts(stories) == std::map<std::string, long>{{"2024-03", 1}, {"2024-04", 1}, {"2024-05", 1}});
  CHECK(stories.at("timeline").at("counted") == 2);
  CHECK(stories.at("timeline").at("counts") == "stories");
  CHECK(stories.at("total") == 2);
}

TEST_CASE("stories: --story lists a story's articles in time order") {
  const ProcessResult listed = run_process(kNewssearch, {"--db", story_db(), "--json", "--story", "s1"});
  REQUIRE(listed.exit_code == 0);
  const json answer = json::parse(listed.out);
  CHECK(ids(answer) == std::vector<std::string>{"a2", "a4", "a1", "a3"});
  CHECK(answer.at("total") == 4);

  const ProcessResult text = run_process(kNewssearch, {"--db", story_db(), "--story", "s1"});
  REQUIRE(text.exit_code == 0);
  const auto at = [&](const std::string& date) { return text.out.find(date); };
  CHECK(at("2024-03-01") < at("2024-03-02"));
  CHECK(at("2024-03-02") < at("2024-03-03"));
  CHECK(at("2024-03-03") < at("2024-04-01"));

  // An article without a story value is a story of its own id.
  const ProcessResult alone = run_process(kNewssearch, {"--db", story_db(), "--json", "--story", "d1"});
  CHECK(ids(json::parse(alone.out)) == std::vector<std::string>{"d1"});

  const ProcessResult unknown = run_process(kNewssearch, {"--db", story_db(), "--story", "nope"});
  CHECK(unknown.exit_code == 1);  // as --show with an unknown id
  CHECK(unknown.out.empty());
  CHECK(unknown.err.find("no story has the id 'nope'") != std::string::npos);
  const ProcessResult show_unknown = run_process(kNewssearch, {"--db", story_db(), "--show", "nope"});
  CHECK(show_unknown.exit_code == unknown.exit_code);
  CHECK(run_process(kNewssearch, {"--db", story_db(), "--story", "s1", "--show", "a1"}).exit_code == 2);
}

TEST_CASE("stories: a collapsed search split over threads counts as one thread does") {
  for (const bool facets : {true, false}) {
    for (const std::string query : {"solberg", "strike", ""}) {
      newsdex::SearchOptions options;
      options.db_path = story_db();
      options.query = query;
      options.list_all = query.empty();
      options.collapse = true;
      options.facets = facets;
      options.split_min_documents = SIZE_MAX;
      const newsdex::SearchResults one = newsdex::run_search(options);
      for (const std::size_t threads : {2, 3, 7}) {
        options.split_min_documents = 0;
        options.split_min_matches = 0;
        options.match_threads = threads;
        const newsdex::SearchResults split = newsdex::run_search(options);
        INFO(query << " with " << threads << " threads, facets " << facets);
        CHECK(split.total == one.total);
        CHECK(split.total_exact);
        REQUIRE(split.hits.size() == one.hits.size());
        for (std::size_t i = 0; i < one.hits.size(); ++i) CHECK(split.hits[i].article.id == one.hits[i].article.id);
        REQUIRE(split.facets.size() == one.facets.size());
        for (std::size_t f = 0; f < one.facets.size(); ++f) {
          REQUIRE(split.facets[f].second.size() == one.facets[f].second.size());
          for (std::size_t v = 0; v < one.facets[f].second.size(); ++v) {
            CHECK(split.facets[f].second[v].value == one.facets[f].second[v].value);
            CHECK(split.facets[f].second[v].count == one.facets[f].second[v].count);
          }
        }
        CHECK(split.facets_undated == one.facets_undated);
      }
    }
  }
}

TEST_CASE("stories: a story whose articles name no source is not said to come from 0 sources") {
  const std::string own = std::to_string(getpid());
  const std::string db = scratch_path("sourceless-db-" + own);
  const fs::path input = scratch_path("sourceless-in-" + own);
  fs::create_directories(input);
  {
    std::ofstream out(input / "feed.jsonl");
    out << article("n1", "2024-06-01", "", "Lighthouse keepers on Utsira asked for a new boat.").dump() << '\n';
    out << article("n2", "2024-06-02", "", "The Utsira lighthouse keepers got their boat.").dump() << '\n';
  }
  REQUIRE(index(db, {input.string()}).process.exit_code == 0);
  set_stories(db, {{"n1", "s9"}, {"n2", "s9"}});

  const ProcessResult show = run_process(kNewssearch, {"--db", db, "--show", "n1"});
  REQUIRE(show.exit_code == 0);
  CHECK(show.out.find("story: s9 (2 articles, first 2024-06-01, latest 2024-06-02)") != std::string::npos);
  const ProcessResult collapsed = run_process(kNewssearch, {"--db", db, "--collapse", "lighthouse"});
  REQUIRE(collapsed.exit_code == 0);
  CHECK(collapsed.out.find("2 articles, first 2024-06-01, latest 2024-06-02") != std::string::npos);
  CHECK(collapsed.out.find("0 sources") == std::string::npos);
  // JSON keeps its count of sources, which is 0.
  CHECK(search(db, {"lighthouse"}).at("results").at(0).at("story").at("sources") == 0);
}
