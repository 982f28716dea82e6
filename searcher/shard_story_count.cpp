// Counting stories shard by shard: story ids by ValueCountMatchSpy, facets by FacetCounter.
#include "searcher/shard_story_count.hpp"

#include <limits>
#include <unordered_set>

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

ShardStories stories_of_shard(Xapian::Database& shard, const std::string& serialised_query, double time_limit) {
  Xapian::ValueCountMatchSpy spy(slot_number(Slot::story));
  const Xapian::MSet mset = count_shard_matches(shard, serialised_query, time_limit, spy);
  ShardStories counted;
  counted.articles = spy.get_total();
  counted.exact = counted_every_match(mset, counted.articles);
  // The spy counts only the articles that have a story id.
  Xapian::doccount with_id = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    counted.ids.push_back(*it);
    with_id += it.get_termfreq();
  }
  counted.without_id = counted.articles - with_id;
  return counted;
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
  const Xapian::MSet mset = count_shard_matches(shard, serialised_query, time_limit, counter);
  ShardCounts counts;
  // The counter counts what it was shown as its values are asked for: the documents last.
  for (const auto& field : kFacetFields) counts.values[facet_index(field.facet)] = counter.at_least(field.facet, 1);
  counts.months = counter.top_months(kAllValues);
  counts.undated = counter.undated();
  counts.documents = counter.documents();
  counts.exact = counted_every_match(mset, counter.articles());
  return counts;
}

}  // namespace

ShardStoryCount count_shard_stories(std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                    double time_limit) {
  std::vector<ShardStories> all = count_each_shard(shards, query, time_limit, stories_of_shard);
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
  const std::vector<ShardCounts> all = count_each_shard(shards, query, time_limit, facets_of_shard);
  for (const ShardCounts& counts : all) {
    documents_ += counts.documents;
    undated_ += counts.undated;
    exact_ = exact_ && counts.exact;
    for (const FacetCount& month : counts.months) add_month(month.value, month.count);
    for (std::size_t facet = 0; facet < counts.values.size(); ++facet) {
      for (const FacetCount& count : counts.values[facet]) add(facet, count.value, count.count);
    }
  }
}

}  // namespace newsdex
