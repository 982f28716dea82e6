// Counting stories shard by shard: story ids by ValueCountMatchSpy, facets by FacetCounter.
#include "searcher/shard_story_count.hpp"

#include <algorithm>
#include <future>
#include <limits>
#include <unordered_set>

#include "common/text.hpp"

namespace newsdex {
namespace {

// Every month a counter can hold: a timeline of them all is far below this.
constexpr std::size_t kAllValues = std::numeric_limits<std::size_t>::max();

struct ShardStories {
  std::vector<std::string> ids;
  Xapian::doccount without_id = 0;
  Xapian::doccount articles = 0;
  bool exact = true;
};

// The enquire every shard's count runs: every match, in docid order, unweighted.
Xapian::MSet count_matches(Xapian::Database& shard, const std::string& serialised_query, double time_limit,
                           Xapian::MatchSpy& spy) {
  Xapian::Enquire enquire(shard);
  enquire.set_query(Xapian::Query::unserialise(serialised_query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (time_limit > 0) enquire.set_time_limit(time_limit);
  enquire.add_matchspy(&spy);
  return enquire.get_mset(0, 0, shard.get_doccount());
}

ShardStories stories_of_shard(Xapian::Database& shard, const std::string& serialised_query, double time_limit) {
  Xapian::ValueCountMatchSpy spy(slot_number(Slot::story));
  const Xapian::MSet mset = count_matches(shard, serialised_query, time_limit, spy);
  ShardStories counted;
  counted.articles = spy.get_total();
  counted.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
                  counted.articles == mset.get_matches_lower_bound();
  // The spy counts only the articles that have a story id.
  Xapian::doccount with_id = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    counted.ids.push_back(*it);
    with_id += it.get_termfreq();
  }
  counted.without_id = counted.articles - with_id;
  return counted;
}

// Most frequent first, then by value.
void order_and_cut(std::vector<FacetCount>& counts, std::size_t limit) {
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (counts.size() > limit) counts.resize(limit);
}

// One shard's counts per story, its ordinals already named.
struct ShardCounts {
  std::array<std::vector<FacetCount>, kFacetFields.size()> values;
  std::vector<FacetCount> months;
  Xapian::doccount documents = 0;
  Xapian::doccount undated = 0;
  bool exact = true;
};

ShardCounts facets_of_shard(Xapian::Database& shard, const std::string& serialised_query, double time_limit) {
  // Every match is counted, as over articles (ShardFacets).
  FacetCounter counter(shard, std::numeric_limits<Xapian::doccount>::max(), FacetCounter::Counted::stories, true);
  const Xapian::MSet mset = count_matches(shard, serialised_query, time_limit, counter);
  ShardCounts counts;
  // The counter counts what it was shown as its values are asked for: the documents last.
  for (const auto& field : kFacetFields) counts.values[facet_index(field.facet)] = counter.at_least(field.facet, 1);
  counts.months = counter.top_months(kAllValues);
  counts.undated = counter.undated();
  counts.documents = counter.documents();
  counts.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
                 counter.articles() == mset.get_matches_lower_bound();
  return counts;
}

}  // namespace

ShardStoryCount count_shard_stories(std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                    double time_limit) {
  // Xapian's reference counts are not atomic: each thread builds its own query.
  const std::string serialised = query.serialise();
  std::vector<std::future<ShardStories>> counting;
  for (Xapian::Database& shard : shards) {
    counting.push_back(std::async(std::launch::async, [&shard, &serialised, time_limit] {
      return stories_of_shard(shard, serialised, time_limit);
    }));
  }
  std::vector<ShardStories> all;
  for (auto& shard : counting) all.push_back(shard.get());
  ShardStoryCount count;
  std::unordered_set<std::string> ids;
  for (ShardStories& shard : all) {
    count.articles += shard.articles;
    count.stories += shard.without_id;
    count.exact = count.exact && shard.exact;
    for (std::string& id : shard.ids) ids.insert(std::move(id));
  }
  count.stories += static_cast<Xapian::doccount>(ids.size());
  return count;
}

ShardStoryFacets::ShardStoryFacets(std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                   double time_limit) {
  const std::string serialised = query.serialise();
  std::vector<std::future<ShardCounts>> counting;
  for (Xapian::Database& shard : shards) {
    counting.push_back(std::async(std::launch::async, [&shard, &serialised, time_limit] {
      return facets_of_shard(shard, serialised, time_limit);
    }));
  }
  std::vector<ShardCounts> all;
  for (auto& shard : counting) all.push_back(shard.get());
  for (const ShardCounts& counts : all) {
    documents_ += counts.documents;
    undated_ += counts.undated;
    exact_ = exact_ && counts.exact;
    for (const FacetCount& month : counts.months) months_[month.value] += month.count;
    for (std::size_t facet = 0; facet < counts.values.size(); ++facet) {
      for (const FacetCount& count : counts.values[facet]) {
        Value& value = values_[facet][fold_case(count.value)];
        if (value.name.empty()) value.name = count.value;
        value.count += count.count;
      }
    }
  }
}

std::vector<FacetCount> ShardStoryFacets::at_least(Facet facet, Xapian::doccount min_count) const {
  std::vector<FacetCount> result;
  for (const auto& [key, value] : values_[facet_index(facet)]) {
    if (value.count >= min_count) result.push_back({value.name, value.count, 0, std::nullopt});
  }
  return result;
}

std::vector<FacetCount> ShardStoryFacets::top(Facet facet, std::size_t limit) const {
  std::vector<FacetCount> result = at_least(facet, 1);
  order_and_cut(result, limit);
  return result;
}

std::vector<FacetCount> ShardStoryFacets::top_months(std::size_t limit) const {
  std::vector<FacetCount> result;
  for (const auto& [month, count] : months_) result.push_back({month, count, 0, std::nullopt});
  order_and_cut(result, limit);
  std::sort(result.begin(), result.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
  return result;
}

}  // namespace newsdex
