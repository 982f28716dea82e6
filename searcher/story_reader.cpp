// Reading story summaries from the story slot, the story terms and each article's values.
#include "searcher/story_reader.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "common/schema.hpp"

namespace newsdex {
namespace {

// "YYYYMMDDhhmmss" (the date slot) → "YYYY-MM-DD"; empty for anything shorter.
std::string iso_day(std::string_view value) {
  if (value.size() < 8) return {};
  return std::string(value.substr(0, 4)) + '-' + std::string(value.substr(4, 2)) + '-' +
         std::string(value.substr(6, 2));
}

}  // namespace

std::string story_id_of(const Xapian::Document& doc) { return doc.get_value(slot_number(Slot::story)); }

const std::string& StoryReader::source_name(std::uint32_t ordinal) {
  auto [at, added] = source_names_.try_emplace(ordinal);
  if (added) {
    at->second = db_.get_metadata(facet_name_key(ordinal));
    if (at->second.empty()) at->second = "#" + std::to_string(ordinal);
  }
  return at->second;
}

ArticleStory StoryReader::story_of(Xapian::docid did, const StoredArticle& article) {
  const std::string id = story_id(did);
  if (!id.empty()) {
    auto known = known_.find(id);
    if (known == known_.end()) {
      read_stories({did});
      known = known_.find(id);
    }
    if (known != known_.end()) return known->second;
  }
  // No story recorded: the article alone is its story.
  ArticleStory alone;
  alone.id = id.empty() ? article.id : id;
  alone.articles = 1;
  if (!article.source.empty()) alone.sources.push_back(article.source);
  if (article.date) alone.first_date = alone.latest_date = format_iso_date(*article.date);
  return alone;
}

std::string StoryReader::story_id(Xapian::docid did) const {
  // Assumed valid: the caller has the document's docid from a match or a posting list, and
  // a lazy document reads only the one value asked for, not its entry in the termlist table.
  return story_id_of(db_.get_document(did, Xapian::DOC_ASSUME_VALID));
}

void StoryReader::read_stories(const std::vector<Xapian::docid>& docids) {
  // What is read of each story's articles, by story.
  struct Tally {
    std::string id;
    Xapian::doccount articles = 0;
    std::string first;
    std::string latest;
    std::set<std::uint32_t> sources;
  };
  std::vector<Tally> tallies;
  std::vector<std::pair<Xapian::docid, std::size_t>> members;  // (article, index in tallies)
  for (const Xapian::docid did : docids) {
    std::string id = story_id(did);
    if (id.empty() || known_.contains(id)) continue;
    if (std::any_of(tallies.begin(), tallies.end(), [&](const Tally& t) { return t.id == id; })) continue;
    const std::string term = story_term(id);
    // The story term's frequency is its article count; a story id without one is no story.
    const Xapian::doccount articles = db_.get_termfreq(term);
    if (articles == 0) continue;
    for (auto posting = db_.postlist_begin(term); posting != db_.postlist_end(term); ++posting) {
      members.emplace_back(*posting, tallies.size());
    }
    tallies.push_back({std::move(id), articles, {}, {}, {}});
  }
  if (tallies.empty()) return;
  // All the stories' articles in rising docid order, so that their dates and facets are read
  // through one value stream each: a stream reads each chunk of values once, where
  // Document::get_value looks each value up from the top.
  std::sort(members.begin(), members.end());
  const std::size_t source_index = facet_index(Facet::source);
  Xapian::ValueIterator dates = db_.valuestream_begin(slot_number(Slot::date));
  Xapian::ValueIterator facets = db_.valuestream_begin(slot_number(Slot::facets));
  const Xapian::ValueIterator end;
  // check() moves like skip_to(); past the last value no later article has one.
  const auto value_at = [&end](Xapian::ValueIterator& stream, Xapian::docid did, std::string& value) {
    if (stream == end || !stream.check(did) || stream == end || stream.get_docid() != did) return false;
    value = *stream;
    return true;
  };
  std::string value;
  for (const auto& [did, index] : members) {
    Tally& tally = tallies[index];
    if (value_at(dates, did, value) && value.size() >= 8) {
      if (tally.first.empty() || value < tally.first) tally.first = value;
      if (tally.latest.empty() || value > tally.latest) tally.latest = value;
    }
    if (value_at(facets, did, value)) {
      std::string_view rest = value;
      FacetEntry entry;
      while (next_facet_entry(rest, entry)) {
        if (entry.facet_index == source_index) tally.sources.insert(entry.ordinal);
      }
    }
  }
  for (Tally& tally : tallies) {
    ArticleStory story;
    story.id = tally.id;
    story.articles = tally.articles;
    story.first_date = iso_day(tally.first);
    story.latest_date = iso_day(tally.latest);
    for (const std::uint32_t ordinal : tally.sources) story.sources.push_back(source_name(ordinal));
    std::sort(story.sources.begin(), story.sources.end());
    story.sources.erase(std::unique(story.sources.begin(), story.sources.end()), story.sources.end());
    known_.emplace(std::move(tally.id), std::move(story));
  }
}

std::vector<Xapian::docid> story_documents(const Xapian::Database& db, std::string_view id) {
  std::vector<std::pair<std::string, Xapian::docid>> dated;
  std::vector<Xapian::docid> undated;
  const std::string term = story_term(id);
  for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
    std::string date = db.get_document(*posting).get_value(slot_number(Slot::date));
    if (date.size() >= 8) {
      dated.emplace_back(std::move(date), *posting);
    } else {
      undated.push_back(*posting);
    }
  }
  std::sort(dated.begin(), dated.end());
  std::vector<Xapian::docid> documents;
  documents.reserve(dated.size() + undated.size());
  for (const auto& [date, did] : dated) documents.push_back(did);
  documents.insert(documents.end(), undated.begin(), undated.end());
  return documents;
}

}  // namespace newsdex
