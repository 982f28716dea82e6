// Stories at index time (README "Stories"): every article has one, copies share their
// original's, new versions keep theirs, and articles reporting one event share one.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "article_fixtures.hpp"
#include "cli.hpp"
#include "common/schema.hpp"

namespace fs = std::filesystem;
using namespace newsdex::testing;
using nlohmann::json;

namespace {

// The story of the article whose shown id is id, read from the database; checks that its
// story term marks it too.
std::string story(const std::string& db_path, const std::string& id) {
  const Xapian::Database db(db_path);
  const std::string term = newsdex::shown_id_term(id);
  const auto posting = db.postlist_begin(term);
  REQUIRE(posting != db.postlist_end(term));
  const Xapian::Document doc = db.get_document(*posting);
  const std::string value = doc.get_value(newsdex::slot_number(newsdex::Slot::story));
  auto story_terms = doc.termlist_begin();
  story_terms.skip_to(std::string(newsdex::kStoryPrefix));
  REQUIRE(story_terms != doc.termlist_end());
  CHECK(*story_terms == newsdex::story_term(value));
  ++story_terms;
  CHECK((story_terms == doc.termlist_end() || !(*story_terms).starts_with(newsdex::kStoryPrefix)));
  return value;
}

const std::string kHarvest =
    "Farmers in the northern valley reported an early harvest of apples and pears this week, "
    "with cooperative managers saying cooler nights had improved the colour of the fruit and "
    "that prices at the regional market were holding steady despite higher transport costs "
    "and a shortage of seasonal pickers willing to travel from the south for the work.";

// One event (a dam breaking above a town) as three reports in different words, and the same
// words about a later break.
const std::string kDamBreaks =
    "The Kessler Dam above the town of Riverton gave way early on Monday after days of heavy "
    "rain, sending a wall of water through the lower districts. Mayor Helen Okafor ordered the "
    "evacuation of about 4,000 residents and opened the sports hall as a shelter. Emergency "
    "crews rescued dozens of people from rooftops, and two people are missing, police said.";
const std::string kTownCountsCost =
    "A day after the Kessler Dam collapsed, people in Riverton returned to streets covered in "
    "mud. Helen Okafor, the town's mayor, said the failure of the dam had damaged hundreds of "
    "homes and that the two residents reported missing had not been found. Engineers blamed "
    "weeks of rain for the collapse, and inspectors will examine other dams in the region.";
const std::string kSearchGoesOn =
    "Rescue teams with boats and dogs searched the flooded river banks below Riverton on "
    "Wednesday for the two people missing since the Kessler Dam broke. Mayor Okafor thanked the "
    "volunteers who filled sandbags overnight, and the regional government promised emergency "
    "money for families whose homes were flooded.";
const std::string kDamBreaksAgain =
    "The rebuilt Kessler Dam above Riverton gave way on Saturday after a week of storms, and "
    "water poured through the lower districts of the town once more. Mayor Helen Okafor ordered "
    "residents to leave and opened the sports hall as a shelter, while crews rescued people from "
    "rooftops.";

// The Riverton dam event, reported three times in different words.
json dam_breaks() {
  return jsonl_article("dam-1", "2025-03-10", "Dam bursts above Riverton, thousands flee", kDamBreaks);
}
json town_counts_cost() {
  return jsonl_article("dam-2", "2025-03-11", "Riverton counts the cost", kTownCountsCost);
}
json search_goes_on() {
  return jsonl_article("dam-3", "2025-03-12", "Search goes on for two missing", kSearchGoesOn);
}
// The same dam breaking again, by default months later.
json dam_breaks_again(const std::string& id = "dam-again", const std::string& date = "2025-09-20") {
  return jsonl_article(id, date, "Dam bursts above Riverton again", kDamBreaksAgain);
}

}  // namespace

TEST_CASE("story index: every article has a story id; a copy shares its original's") {
  const std::string db = scratch_path("story-every-db");
  const fs::path inputs = scratch_path("story-every-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "a.jsonl", {jsonl_article("orig-1", "2025-10-03", "Polls open", body),
                                   jsonl_article("copy-1", "2025-10-04", "Czechs vote", syndicated_rewrite(body)),
                                   jsonl_article("other-1", "2025-10-03", "Apple harvest", kHarvest)});
  REQUIRE(index(db, {inputs.string(), kDataDir}).process.exit_code == 0);
  const std::string original = story(db, "orig-1");
  CHECK(std::regex_match(original, std::regex("[0-9a-f]{12}")));
  CHECK(story(db, "copy-1") == original);
  CHECK(story(db, "other-1") != original);
  CHECK(std::regex_match(story(db, "other-1"), std::regex("[0-9a-f]{12}")));
  // And every sample article has one.
  for (const auto& hit : search(db, {"--all"}).at("results")) {
    CHECK_FALSE(story(db, hit.at("id").get<std::string>()).empty());
  }
}

TEST_CASE("story index: a copy indexed in a later run joins its original's story") {
  const std::string db = scratch_path("story-later-db");
  const fs::path inputs = scratch_path("story-later-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "first.jsonl", {jsonl_article("orig-2", "2025-10-03", "Polls open", body),
                                       jsonl_article("other-2", "2025-10-03", "Apple harvest", kHarvest)});
  REQUIRE(index(db, {(inputs / "first.jsonl").string()}).process.exit_code == 0);
  const std::string original = story(db, "orig-2");
  write_jsonl_lines(inputs / "later.jsonl", {jsonl_article("copy-2", "2025-10-04", "Czechs vote", syndicated_rewrite(body))});
  REQUIRE(index(db, {(inputs / "later.jsonl").string()}).process.exit_code == 0);
  CHECK(story(db, "copy-2") == original);
  CHECK(story(db, "orig-2") == original);
  CHECK(story(db, "other-2") != original);
}

TEST_CASE("story index: a copy indexed before its original shares a story with it") {
  const std::string db = scratch_path("story-early-db");
  const fs::path inputs = scratch_path("story-early-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "copy.jsonl", {jsonl_article("copy-3", "2025-10-05", "Czechs vote", syndicated_rewrite(body))});
  REQUIRE(index(db, {(inputs / "copy.jsonl").string()}).process.exit_code == 0);
  write_jsonl_lines(inputs / "orig.jsonl", {jsonl_article("orig-3", "2025-10-03", "Polls open", body),
                                      jsonl_article("other-3", "2025-10-03", "Apple harvest", kHarvest)});
  REQUIRE(index(db, {(inputs / "orig.jsonl").string()}).process.exit_code == 0);
  CHECK(story(db, "copy-3") == story(db, "orig-3"));
  CHECK(story(db, "other-3") != story(db, "orig-3"));
}

TEST_CASE("story index: a new version of an article stays in its story") {
  const std::string db = scratch_path("story-update-db");
  const fs::path inputs = scratch_path("story-update-in");
  const std::string body = sample_wire_body();
  write_jsonl_lines(inputs / "orig.jsonl", {jsonl_article("orig-4", "2025-10-03", "Polls open", body)});
  write_jsonl_lines(inputs / "copy.jsonl", {jsonl_article("copy-4", "2025-10-04", "Czechs vote", syndicated_rewrite(body))});
  REQUIRE(index(db, {inputs.string()}).process.exit_code == 0);
  const std::string before = story(db, "copy-4");
  CHECK(story(db, "orig-4") == before);
  // The copy's file changes: its new version is no copy any more, yet stays in the story.
  const std::string corrected = kHarvest + " Correction: an earlier version misnamed the valley.";
  write_jsonl_lines(inputs / "copy.jsonl", {jsonl_article("copy-4", "2025-10-04", "Czechs vote (corrected)", corrected)});
  REQUIRE(index(db, {inputs.string()}).process.exit_code == 0);
  CHECK(story(db, "copy-4") == before);
  // A new version of it from another file, replacing it by id, stays too.
  write_jsonl_lines(inputs / "more" / "again.jsonl",
                    {jsonl_article("copy-4", "2025-10-04", "Czechs vote (again)", corrected + " Updated.")});
  REQUIRE(index(db, {(inputs / "more" / "again.jsonl").string()}).process.exit_code == 0);
  CHECK(story(db, "copy-4") == before);
  CHECK(story(db, "orig-4") == before);
}

TEST_CASE("story index: reports of one event in different words share a story; others do not") {
  const std::string db = scratch_path("story-event-db");
  const fs::path inputs = scratch_path("story-event-in");
  write_jsonl_lines(inputs / "news.jsonl",
                    {dam_breaks(), town_counts_cost(), search_goes_on(),
                     jsonl_article("harvest-1", "2025-03-11", "Apple harvest", kHarvest)});
  REQUIRE(index(db, {kDataDir, inputs.string()}).process.exit_code == 0);
  const std::string dam = story(db, "dam-1");
  CHECK(story(db, "dam-2") == dam);
  CHECK(story(db, "dam-3") == dam);
  CHECK(story(db, "harvest-1") != dam);
  // The sample articles report other events.
  for (const auto& hit : search(db, {"--all", "--limit", "100"}).at("results")) {
    const std::string id = hit.at("id").get<std::string>();
    if (!id.starts_with("dam-")) CHECK(story(db, id) != dam);
  }
}

TEST_CASE("story index: the same words months apart make two stories") {
  const std::string db = scratch_path("story-months-db");
  const fs::path inputs = scratch_path("story-months-in");
  write_jsonl_lines(inputs / "march.jsonl",
                    {dam_breaks(), town_counts_cost()});
  REQUIRE(index(db, {kDataDir, inputs.string()}).process.exit_code == 0);
  write_jsonl_lines(inputs / "september.jsonl",
                    {dam_breaks_again()});
  REQUIRE(index(db, {(inputs / "september.jsonl").string()}).process.exit_code == 0);
  CHECK(story(db, "dam-2") == story(db, "dam-1"));
  CHECK(story(db, "dam-again") != story(db, "dam-1"));

  // Dated within the week, the same report joins the story.
  write_jsonl_lines(inputs / "week.jsonl",
                    {dam_breaks_again("dam-week", "2025-03-14")});
  REQUIRE(index(db, {(inputs / "week.jsonl").string()}).process.exit_code == 0);
  CHECK(story(db, "dam-week") == story(db, "dam-1"));
}

TEST_CASE("story index: a report indexed before the earlier ones of its event joins them") {
  const std::string db = scratch_path("story-order-db");
  const fs::path inputs = scratch_path("story-order-in");
  write_jsonl_lines(inputs / "late.jsonl",
                    {search_goes_on()});
  REQUIRE(index(db, {kDataDir, (inputs / "late.jsonl").string()}).process.exit_code == 0);
  write_jsonl_lines(inputs / "early.jsonl",
                    {dam_breaks(), town_counts_cost()});
  REQUIRE(index(db, {(inputs / "early.jsonl").string()}).process.exit_code == 0);
  const std::string dam = story(db, "dam-3");
  CHECK(story(db, "dam-1") == dam);
  CHECK(story(db, "dam-2") == dam);
}

TEST_CASE("story index: --like lists the articles of its story before look-alikes of another") {
  const std::string db = scratch_path("story-like-db");
  const fs::path inputs = scratch_path("story-like-in");
  write_jsonl_lines(inputs / "news.jsonl",
                    {dam_breaks(), town_counts_cost(), search_goes_on(), dam_breaks_again()});
  REQUIRE(index(db, {kDataDir, inputs.string()}).process.exit_code == 0);
  REQUIRE(story(db, "dam-2") == story(db, "dam-1"));
  REQUIRE(story(db, "dam-again") != story(db, "dam-1"));
  const std::vector<std::string> related = ids(search(db, {"--like", "dam-1"}));
  REQUIRE(related.size() >= 3);
  CHECK(std::vector<std::string>(related.begin(), related.begin() + 2) ==
        std::vector<std::string>{"dam-2", "dam-3"});
  CHECK(related[2] == "dam-again");
}

TEST_CASE("story index: --like lists a look-alike event months apart after the reports of the week") {
  // Without stories (each article a story of its own) the story cannot order them: the
  // dates do. The later break shares more words with dam-1 than the reports of its event.
  ::setenv("NEWSDEX_STORIES", "off", 1);
  struct Unset {
    ~Unset() { ::unsetenv("NEWSDEX_STORIES"); }
  } unset;
  const std::string db = scratch_path("story-like-window-db");
  const fs::path inputs = scratch_path("story-like-window-in");
  write_jsonl_lines(inputs / "news.jsonl",
                    {dam_breaks(), town_counts_cost(), search_goes_on(), dam_breaks_again()});
  REQUIRE(index(db, {kDataDir, inputs.string()}).process.exit_code == 0);
  REQUIRE(story(db, "dam-2") != story(db, "dam-1"));
  const json found = search(db, {"--like", "dam-1"});
  const std::vector<std::string> related = ids(found);
  const json& hits = found.at("results");
  REQUIRE(related.size() >= 4);
  CHECK(std::set<std::string>(related.begin(), related.begin() + 2) == std::set<std::string>{"dam-2", "dam-3"});
  CHECK(related[2] == "dam-again");
  // It is still the closest text: listed after them by its date, not by its score.
  CHECK(hits.at(2).at("score").get<double>() > hits.at(0).at("score").get<double>());
}

TEST_CASE("story index: the number of threads does not change the stories") {
  // Articles are placed in input order, whatever thread prepares or writes them.
  const std::string one = scratch_path("story-jobs1-db");
  const std::string three = scratch_path("story-jobs3-db");
  REQUIRE(index(one, {"--jobs", "1", kDataDir}).process.exit_code == 0);
  REQUIRE(index(three, {"--jobs", "3", kDataDir}).process.exit_code == 0);
  const json hits = search(one, {"--all", "--limit", "1000"}).at("results");
  REQUIRE(hits.size() >= 40);
  std::set<std::string> stories;
  for (const auto& hit : hits) {
    const std::string id = hit.at("id").get<std::string>();
    CHECK(story(three, id) == story(one, id));
    stories.insert(story(one, id));
  }
  // Some articles share a story, so the order of placing could matter.
  CHECK(stories.size() < hits.size());
}

TEST_CASE("story index: with the least --memory, every copy still shares its original's story") {
  // More articles than the least --memory lets the placer keep: it forgets the older ones as
  // it goes, while copies, found by their text after the run, still join their originals.
  const std::string db = scratch_path("story-small-memory-db");
  const fs::path inputs = scratch_path("story-small-memory-in");
  // Articles of invented words, each with many of its own, as wire texts are.
  const auto text_of = [](std::size_t number) {
    std::string text;
    std::uint64_t state = number * 2654435761U + 17;
    for (int word = 0; word < 140; ++word) {
      state = state * 6364136223846793005U + 1442695040888963407U;
      text += "w" + std::to_string((state >> 33) % 40000) + (word % 12 == 11 ? ". " : " ");
    }
    return text;
  };
  constexpr std::size_t kArticles = 2400;
  constexpr std::size_t kCopies = 30;
  constexpr std::size_t kCopyDistance = 1500;  // articles between an original and its copy
  std::vector<json> articles;
  for (std::size_t i = 0; i < kArticles; ++i) {
    const std::string date = "2025-0" + std::to_string(1 + i / 400) + "-1" + std::to_string(i % 10);
    articles.push_back(jsonl_article("a-" + std::to_string(i), date, "Report " + std::to_string(i), text_of(i)));
    if (i >= kCopyDistance && i - kCopyDistance < kCopies) {
      const std::size_t original = i - kCopyDistance;
      articles.push_back(jsonl_article("copy-" + std::to_string(original), date, "Carried",
                                       syndicated_rewrite(text_of(original))));
    }
  }
  write_jsonl_lines(inputs / "many.jsonl", articles);
  REQUIRE(index(db, {"--memory", "16", (inputs / "many.jsonl").string()}).process.exit_code == 0);
  std::set<std::string> originals;
  for (std::size_t i = 0; i < kCopies; ++i) {
    const std::string original = story(db, "a-" + std::to_string(i));
    CHECK(story(db, "copy-" + std::to_string(i)) == original);
    originals.insert(original);
  }
  // And unrelated originals are not joined.
  CHECK(originals.size() == kCopies);
}
