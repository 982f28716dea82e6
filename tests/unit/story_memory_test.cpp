// Unit tests for the memory the story placer and matcher keep: within the budget they are
// given, however many articles and distinct terms a run brings, and no less right when
// memory is not short.
#include <catch2/catch.hpp>
#include <malloc.h>

#include <cstddef>
#include <map>
#include <set>
#include <string>

#include "common/schema.hpp"
#include "indexer/story_links.hpp"
#include "indexer/story_match.hpp"

using namespace newsdex;

namespace {

// Bytes the process has allocated and not freed (glibc's malloc: the test programs do not
// link another allocator).
std::size_t heap_in_use() { return mallinfo2().uordblks; }

// Article number i: a few words shared with its neighbours (one event per 20 articles), and
// own_words words and a name of its own, as numbers, codes and rare names are in an archive.
StoryTerms article(std::size_t i, std::size_t own_words = 120) {
  StoryTerms terms;
  const auto add = [&](const std::string& stem) {
    terms.text.append(stem).push_back('\0');
    terms.wdfs.push_back(2);
  };
  for (std::size_t k = 0; k < 12; ++k) add("Zevent" + std::to_string(i / 20) + "w" + std::to_string(k));
  for (std::size_t k = 0; k < own_words; ++k) add("Zrarewordofarticle" + std::to_string(i) + "n" + std::to_string(k));
  terms.entities.append("XP:person number " + std::to_string(i)).push_back('\0');
  terms.day = 10000 + static_cast<int>(i / 200);
  return terms;
}

PreparedDocument prepared(std::size_t i, const std::string& id) {
  PreparedDocument document;
  document.id_term = shown_id_term(id);
  document.story_terms = article(i, 1);
  return document;
}

}  // namespace

TEST_CASE("story memory: the matcher keeps what it holds within its budget") {
  constexpr std::size_t kBudget = 4 << 20;
  constexpr std::size_t kArticles = 6000;
  const std::size_t heap_before = heap_in_use();
  std::size_t most_heap = 0;
  std::size_t most_used = 0;
  {
    StoryMatcher matcher(nullptr, StoryMatchSettings{}, kBudget);
    for (std::size_t i = 0; i < kArticles; ++i) {
      const StoryTerms terms = article(i);
      const std::string story = matcher.best_story(terms);
      matcher.settled(terms, story.empty() ? new_story_id(std::to_string(i)) : story, 0);
      most_used = std::max(most_used, matcher.memory_used());
      if (i % 100 == 99) most_heap = std::max(most_heap, heap_in_use() - heap_before);
    }
    CHECK(matcher.articles_kept() > 0);
    CHECK(matcher.articles_kept() < kArticles);
  }
  CHECK(most_used <= kBudget);
  // The count is an estimate: the heap may hold somewhat more than it (allocator rounding,
  // hash tables' spare buckets), never several times as much.
  CHECK(most_heap <= 2 * kBudget);
}

TEST_CASE("story memory: with memory to spare, articles of one event share a story") {
  StoryMatcher matcher(nullptr, StoryMatchSettings{}, 64 << 20);
  // Three events' articles, interleaved.
  std::map<std::size_t, std::set<std::string>> stories;
  for (std::size_t i = 0; i < 60; ++i) {
    const std::size_t number = (i % 3) * 20 + i / 3;
    const StoryTerms terms = article(number, 1);
    std::string story = matcher.best_story(terms);
    if (story.empty()) story = new_story_id(std::to_string(number));
    stories[number / 20].insert(story);
    matcher.settled(terms, story, 0);
  }
  CHECK(matcher.articles_kept() == 60);
  REQUIRE(stories.size() == 3);
  std::set<std::string> all;
  for (const auto& [event, of_event] : stories) {
    CHECK(of_event.size() == 1);
    all.insert(of_event.begin(), of_event.end());
  }
  CHECK(all.size() == 3);
}

TEST_CASE("story memory: the placer keeps the stories of the ids placed within its budget") {
  StoryOptions options;
  options.group_events = false;
  constexpr std::size_t kBudget = 1 << 20;
  constexpr std::size_t kArticles = 40000;
  StoryPlacer placer(options, nullptr, kBudget);
  const std::size_t heap_before = heap_in_use();
  std::size_t most_heap = 0;
  for (std::size_t i = 0; i < kArticles; ++i) {
    PreparedDocument document = prepared(i, "an article id long enough for the heap " + std::to_string(i));
    document.story_terms = {};
    placer.place(document);
    placer.placed(document, 0);
    CHECK(placer.memory_used() <= kBudget);
    if (i % 1000 == 999) most_heap = std::max(most_heap, heap_in_use() - heap_before);
  }
  CHECK(placer.ids_kept() > 0);
  CHECK(placer.ids_kept() < kArticles);
  CHECK(most_heap <= 2 * kBudget);
}

TEST_CASE("story memory: a new version of an id placed recently stays in its story") {
  StoryOptions options;
  StoryPlacer placer(options, nullptr, 8 << 20);
  std::string event_story;
  for (std::size_t i = 0; i < 3; ++i) {
    PreparedDocument document = prepared(i, "event-" + std::to_string(i));
    placer.place(document);
    placer.placed(document, 0);
    const std::string story = document.document.get_value(slot_number(Slot::story));
    if (i == 0) event_story = story;
    CHECK(story == event_story);
  }
  // The same id again, now with words of another event: it stays with the others.
  PreparedDocument update = prepared(500, "event-1");
  placer.place(update);
  CHECK(update.document.get_value(slot_number(Slot::story)) == event_story);
}
