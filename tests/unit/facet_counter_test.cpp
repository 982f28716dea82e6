// Unit tests for exact facet counting by ordinal.
#include "searcher/facet_counter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/schema.hpp"

using namespace newsdex;

namespace {

std::vector<std::string> rendered(const std::vector<FacetCount>& counts) {
  std::vector<std::string> lines;
  for (const auto& entry : counts) lines.push_back(entry.value + "=" + std::to_string(entry.count));
  return lines;
}

// An in-memory database whose facet values are numbered as given.
class Archive {
 public:
  explicit Archive(const std::vector<std::pair<Facet, std::string>>& names)
      : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    for (std::uint32_t ordinal = 0; ordinal < names.size(); ++ordinal) {
      db_.set_metadata(facet_name_key(ordinal), names[ordinal].second);
      facets_.push_back(names[ordinal].first);
    }
    db_.set_metadata(std::string(kFacetCountKey), std::to_string(names.size()));
  }

  // story: the article's story id (Slot::story), none when empty.
  void add(const std::vector<std::uint32_t>& ordinals, const std::string& date,
           const std::string& story = {}) {
    Xapian::Document doc;
    if (!story.empty()) {
      doc.add_value(slot_number(Slot::story), story);
      doc.add_boolean_term(story_term(story));
    }
    std::string slot;
    for (const auto ordinal : ordinals) {
      const Facet facet = ordinal < facets_.size() ? facets_[ordinal] : Facet::person;
      append_facet_entry(slot, {facet_index(facet), ordinal});
    }
    if (!date.empty()) {
      doc.add_value(slot_number(Slot::date), date);
      append_facet_entry(slot, {kMonthEntryIndex, month_number(std::stoi(date.substr(0, 4)),
                                                               std::stoi(date.substr(4, 2)))});
    }
    if (!slot.empty()) doc.add_value(slot_number(Slot::facets), slot);
    doc.add_boolean_term("Q" + std::to_string(db_.get_lastdocid() + 1));
    db_.add_document(doc);
  }

  // Counts the articles with docids from first to last (all by default).
  void count(FacetCounter& counter, std::pair<Xapian::docid, Xapian::docid> docids = {1, UINT32_MAX}) {
    std::vector<std::string> terms;
    for (Xapian::docid did = docids.first; did <= std::min(docids.second, db_.get_lastdocid()); ++did) {
      terms.push_back("Q" + std::to_string(did));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    enquire.add_matchspy(&counter);
    (void)enquire.get_mset(0, 10, db_.get_doccount());
  }

  Xapian::WritableDatabase& db() { return db_; }

 private:
  Xapian::WritableDatabase db_;
  std::vector<Facet> facets_;
};

}  // namespace

TEST_CASE("facet counter: counts every match's values by facet, and months") {
  Archive archive({{Facet::person, "Ann Lee"}, {Facet::place, "Oslo"}, {Facet::source, "Wire"},
                   {Facet::person, "Bo Chen"}, {Facet::place, "Paris"}, {Facet::author, "Cy Diaz"}});
  archive.add({0, 1, 2}, "20250301120000");
  archive.add({0, 3, 4}, "20250315000000");
  archive.add({}, "");
  archive.add({0, 1}, "20250401000000");
  archive.add({}, "17890714000000");  // far back in history: counted all the same

  FacetCounter counter(archive.db(), 100);
  archive.count(counter);
  CHECK(counter.documents() == 5);
  CHECK(rendered(counter.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=3", "Bo Chen=1"});
  CHECK(rendered(counter.top(Facet::place, 10)) == std::vector<std::string>{"Oslo=2", "Paris=1"});
  CHECK(rendered(counter.top(Facet::source, 10)) == std::vector<std::string>{"Wire=1"});
  CHECK(counter.top(Facet::author, 10).empty());  // numbered, but in no article
  CHECK(counter.top(Facet::organization, 10).empty());
  // Months in date order; a limit keeps the busiest.
  CHECK(rendered(counter.top_months(10)) ==
        std::vector<std::string>{"1789-07=1", "2025-03=2", "2025-04=1"});
  CHECK(rendered(counter.top_months(1)) == std::vector<std::string>{"2025-03=2"});
  CHECK(counter.undated() == 1);
  CHECK(counter.at_least(Facet::person, 2).size() == 1);
  CHECK(rendered(counter.top(Facet::person, 1)) == std::vector<std::string>{"Ann Lee=3"});
  CHECK(counter.top(Facet::person, 0).empty());
}

TEST_CASE("facet counter: stops counting at its budget") {
  Archive archive({{Facet::person, "Ann Lee"}, {Facet::person, "Bo Chen"}});
  archive.add({0}, "20250101000000");
  archive.add({0, 1}, "20250201000000");
  archive.add({1}, "20250301000000");
  FacetCounter counter(archive.db(), 2);
  archive.count(counter);
  CHECK(counter.documents() == 2);
  CHECK(rendered(counter.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=2", "Bo Chen=1"});
  CHECK(rendered(counter.top_months(10)) == std::vector<std::string>{"2025-01=1", "2025-02=1"});
}

TEST_CASE("facet counter: equal counts are ordered by name, also across the cut") {
  Archive archive({{Facet::place, "Zagreb"}, {Facet::place, "Bergen"}, {Facet::place, "Aarhus"},
                   {Facet::place, "Oslo"}});
  archive.add({0, 1, 2, 3}, "");
  archive.add({0, 1, 2}, "");
  FacetCounter counter(archive.db(), 100);
  archive.count(counter);
  CHECK(rendered(counter.top(Facet::place, 2)) == std::vector<std::string>{"Aarhus=2", "Bergen=2"});
  CHECK(rendered(counter.top(Facet::place, 10)) ==
        std::vector<std::string>{"Aarhus=2", "Bergen=2", "Zagreb=2", "Oslo=1"});
}

TEST_CASE("facet counter: a value numbered past the recorded count or without a name still counts") {
  Archive archive({{Facet::person, "Ann Lee"}});
  archive.add({0, 7}, "");
  archive.add({7}, "");
  FacetCounter counter(archive.db(), 100);
  archive.count(counter);
  CHECK(rendered(counter.top(Facet::person, 10)) == std::vector<std::string>{"#7=2", "Ann Lee=1"});
}

TEST_CASE("facet counter: counts added from another counter are those of one counter over both") {
  Archive archive({{Facet::person, "Ann Lee"}, {Facet::person, "Bo Chen"}, {Facet::place, "Oslo"}});
  archive.add({0, 2}, "20250101000000");
  archive.add({1}, "20250201000000");
  archive.add({0, 1}, "18500301000000");
  archive.add({2}, "20250101000000");

  FacetCounter whole(archive.db(), 100);
  archive.count(whole);
  FacetCounter first(archive.db(), 100);
  FacetCounter second(archive.db(), 100);
  archive.count(first, {1, 2});
  archive.count(second, {3, 4});
  FacetCounter sum(archive.db(), 0);
  sum.add(first);
  sum.add(second);
  CHECK(sum.documents() == whole.documents());
  for (const auto facet : {Facet::person, Facet::place, Facet::organization}) {
    CHECK(rendered(sum.top(facet, 10)) == rendered(whole.top(facet, 10)));
  }
  CHECK(rendered(sum.top_months(10)) == rendered(whole.top_months(10)));
  CHECK(rendered(sum.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=2", "Bo Chen=2"});
}

namespace {

using Counted = FacetCounter::Counted;

// A person named by three copies of story "s1", once in story "s2" and in an article with no
// story; a place named by s1's last copy only; months spread over a story.
Archive story_archive() {
  Archive archive({{Facet::person, "Ann Lee"}, {Facet::place, "Oslo"}, {Facet::person, "Bo Chen"}});
  archive.add({0}, "20250301000000", "s1");
  archive.add({0}, "", "s2");
  archive.add({0}, "20250302000000", "s1");
  archive.add({0, 2}, "", "");
  archive.add({0, 1}, "20250401000000", "s1");
  archive.add({2}, "", "s2");
  return archive;
}

}  // namespace

TEST_CASE("facet counter: per story, a value counts once for each story that names it") {
  Archive archive = story_archive();
  FacetCounter counter(archive.db(), 100, Counted::stories, true);
  archive.count(counter);
  CHECK(counter.articles() == 6);
  CHECK(counter.documents() == 3);  // s1, s2 and the article without a story
  CHECK(rendered(counter.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=3", "Bo Chen=2"});
  CHECK(rendered(counter.top(Facet::place, 10)) == std::vector<std::string>{"Oslo=1"});
  // s1 falls in March and April: once in each.
  CHECK(rendered(counter.top_months(10)) == std::vector<std::string>{"2025-03=1", "2025-04=1"});
  CHECK(counter.undated() == 2);  // s2 and the article without a story

  FacetCounter articles(archive.db(), 100);
  archive.count(articles);
  CHECK(rendered(articles.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=5", "Bo Chen=2"});
}

TEST_CASE("facet counter: per story, counters of parts add up to one counter over all") {
  Archive archive = story_archive();
  FacetCounter whole(archive.db(), 100, Counted::stories, true);
  archive.count(whole);
  // Every cut, so that each story is met by one part, or by both.
  for (Xapian::docid cut = 1; cut < 6; ++cut) {
    FacetCounter first(archive.db(), 100, Counted::stories, true);
    FacetCounter second(archive.db(), 100, Counted::stories, true);
    archive.count(first, {1, cut});
    archive.count(second, {cut + 1, 6});
    FacetCounter sum(archive.db(), 0, Counted::stories, true);
    sum.add(first);
    sum.add(second);
    INFO("cut after " << cut);
    CHECK(sum.documents() == whole.documents());
    CHECK(sum.articles() == 6);
    for (const auto facet : {Facet::person, Facet::place}) {
      CHECK(rendered(sum.top(facet, 10)) == rendered(whole.top(facet, 10)));
    }
    CHECK(rendered(sum.top_months(10)) == rendered(whole.top_months(10)));
    CHECK(sum.undated() == whole.undated());
  }
}

TEST_CASE("facet counter: per story without values counts the stories alone") {
  Archive archive = story_archive();
  FacetCounter counter(archive.db(), 100, Counted::stories, false);
  archive.count(counter);
  CHECK(counter.documents() == 3);
  CHECK(counter.top(Facet::person, 10).empty());
  FacetCounter budgeted(archive.db(), 2, Counted::stories, false);
  archive.count(budgeted);
  CHECK(budgeted.articles() == 2);
  CHECK(budgeted.documents() == 2);  // s1 and s2, from the first two articles
}

TEST_CASE("facet counter: per story, story ids of any form are told apart exactly") {
  // Ids the indexer gives (hex digits), hex ids equal as numbers but not as text ("a" and
  // "0a"), and ids of other forms, which two parts meet in different orders.
  Archive archive({{Facet::person, "Ann Lee"}, {Facet::person, "Bo Chen"}});
  archive.add({0}, "20250301000000", "0a1b2c3d4e5f");
  archive.add({0}, "", "t2");
  archive.add({1}, "", "a");
  archive.add({0}, "20250302000000", "0a");
  archive.add({1}, "", "s1");
  archive.add({0, 1}, "", "s1");
  archive.add({0}, "", "t2");
  archive.add({1}, "20250401000000", "0a1b2c3d4e5f");
  FacetCounter whole(archive.db(), 100, Counted::stories, true);
  archive.count(whole);
  CHECK(whole.documents() == 5);
  CHECK(rendered(whole.top(Facet::person, 10)) == std::vector<std::string>{"Ann Lee=4", "Bo Chen=3"});
  for (Xapian::docid cut = 1; cut < 8; ++cut) {
    FacetCounter first(archive.db(), 100, Counted::stories, true);
    FacetCounter second(archive.db(), 100, Counted::stories, true);
    archive.count(first, {1, cut});
    archive.count(second, {cut + 1, 8});
    FacetCounter sum(archive.db(), 0, Counted::stories, true);
    // The second part first: its ids of other forms are numbered in another order.
    sum.add(second);
    sum.add(first);
    INFO("cut after " << cut);
    CHECK(sum.documents() == 5);
    CHECK(rendered(sum.top(Facet::person, 10)) == rendered(whole.top(Facet::person, 10)));
    CHECK(rendered(sum.top_months(10)) == rendered(whole.top_months(10)));
    CHECK(sum.undated() == whole.undated());
  }
}

namespace {

std::string printed(const char* format, int number) {
  char text[32];
  std::snprintf(text, sizeof text, format, number);
  return text;
}

// What a per-story count must give, worked out article by article: each story's values
// (and months) as sets, then each value counted once per story.
struct ExpectedStories {
  std::map<std::string, std::set<std::uint32_t>> values;  // by story
  std::map<std::string, std::set<std::string>> months;    // by story, "YYYY-MM"

  [[nodiscard]] std::vector<std::string> top(const std::vector<std::string>& names,
                                             const std::vector<Facet>& facets, Facet facet) const {
    std::map<std::uint32_t, int> counts;
    for (const auto& [story, ordinals] : values) {
      for (const auto ordinal : ordinals) {
        if (facets[ordinal] == facet) ++counts[ordinal];
      }
    }
    std::vector<std::pair<int, std::string>> order;
    for (const auto& [ordinal, count] : counts) order.emplace_back(-count, names[ordinal]);
    std::sort(order.begin(), order.end());
    std::vector<std::string> lines;
    for (const auto& [count, name] : order) lines.push_back(name + "=" + std::to_string(-count));
    return lines;
  }
  [[nodiscard]] std::vector<std::string> top_months() const {
    std::map<std::string, int> counts;
    for (const auto& [story, set] : months) {
      for (const auto& month : set) ++counts[month];
    }
    std::vector<std::string> lines;
    for (const auto& [month, count] : counts) lines.push_back(month + "=" + std::to_string(count));
    return lines;
  }
  [[nodiscard]] Xapian::doccount undated() const {
    return static_cast<Xapian::doccount>(
        std::count_if(months.begin(), months.end(), [](const auto& story) { return story.second.empty(); }));
  }
};

}  // namespace

TEST_CASE("facet counter: per story, counts over many stories are exact, whole or in parts") {
  // Stories of one to dozens of articles, interleaved, with ids of the indexer's form and of
  // others, and articles without a story; parts cut at random and added either way.
  for (const unsigned seed : {1U, 2U, 3U, 4U}) {
    std::mt19937 random(seed);
    const auto pick = [&random](int below) { return static_cast<int>(random() % static_cast<unsigned>(below)); };
    std::vector<std::pair<Facet, std::string>> table;
    std::vector<std::string> names;
    std::vector<Facet> facets;
    for (std::uint32_t ordinal = 0; ordinal < 40; ++ordinal) {
      const Facet facet = std::array{Facet::person, Facet::place, Facet::organization, Facet::source}[ordinal % 4];
      names.push_back("v" + std::to_string(ordinal));
      facets.push_back(facet);
      table.emplace_back(facet, names.back());
    }
    Archive archive(table);
    ExpectedStories expected;
    constexpr Xapian::docid kArticles = 700;
    for (Xapian::docid did = 1; did <= kArticles; ++did) {
      // A few large stories, many small ones.
      const int story_number = pick(4) == 0 ? pick(6) : pick(220);
      std::string story = story_number % 7 == 0 ? "x" + std::to_string(story_number)
                                                : printed("%x", 0x5eed0 + story_number);
      if (pick(15) == 0) story.clear();
      std::vector<std::uint32_t> ordinals;
      for (std::uint32_t ordinal = 0; ordinal < 40; ++ordinal) {
        if (pick(6) == 0) ordinals.push_back(ordinal);
      }
      const bool dated = pick(5) != 0;
      const int month = 1 + pick(12);
      const std::string date = dated ? printed("2025%02d01000000", month) : std::string();
      archive.add(ordinals, date, story);
      const std::string key = story.empty() ? "doc" + std::to_string(did) : story;
      expected.values[key].insert(ordinals.begin(), ordinals.end());
      auto& months = expected.months[key];
      if (dated) months.insert(printed("2025-%02d", month));
    }
    const auto check = [&](FacetCounter& counter) {
      CHECK(counter.documents() == expected.values.size());
      CHECK(counter.articles() == kArticles);
      for (const auto facet : {Facet::person, Facet::place, Facet::organization, Facet::source}) {
        CHECK(rendered(counter.top(facet, 100)) == expected.top(names, facets, facet));
      }
      CHECK(rendered(counter.top_months(100)) == expected.top_months());
      CHECK(counter.undated() == expected.undated());
    };
    INFO("seed " << seed);
    FacetCounter whole(archive.db(), kArticles, Counted::stories, true);
    archive.count(whole);
    check(whole);
    for (int round = 0; round < 6; ++round) {
      Xapian::docid cut1 = 1 + static_cast<Xapian::docid>(pick(kArticles - 1));
      Xapian::docid cut2 = 1 + static_cast<Xapian::docid>(pick(kArticles - 1));
      if (cut1 > cut2) std::swap(cut1, cut2);
      std::array<FacetCounter, 3> parts{FacetCounter(archive.db(), kArticles, Counted::stories, true),
                                        FacetCounter(archive.db(), kArticles, Counted::stories, true),
                                        FacetCounter(archive.db(), kArticles, Counted::stories, true)};
      archive.count(parts[0], {1, cut1});
      archive.count(parts[1], {cut1 + 1, cut2});
      archive.count(parts[2], {cut2 + 1, kArticles});
      FacetCounter sum(archive.db(), 0, Counted::stories, true);
      INFO("cuts after " << cut1 << " and " << cut2);
      // Moved in (as parallel_match adds its parts) or copied, in either order.
      if (round % 2 == 0) {
        sum.add(std::move(parts[round % 3]));
        sum.add(parts[(round + 1) % 3]);
        sum.add(std::move(parts[(round + 2) % 3]));
      } else {
        sum.add(parts[2]);
        sum.add(std::move(parts[0]));
        sum.add(parts[1]);
      }
      check(sum);
    }
  }
}
