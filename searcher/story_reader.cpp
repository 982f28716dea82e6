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
  const std::string id = story_id_of(db_.get_document(did));
  if (const auto known = known_.find(id); !id.empty() && known != known_.end()) return known->second;
  const std::string term = id.empty() ? std::string() : story_term(id);
  if (id.empty() || db_.get_termfreq(term) == 0) {
    // No story recorded: the article alone is its story.
    ArticleStory alone;
    alone.id = id.empty() ? article.id : id;
    alone.articles = 1;
    if (!article.source.empty()) alone.sources.push_back(article.source);
    if (article.date) alone.first_date = alone.latest_date = format_iso_date(*article.date);
    return alone;
  }
  ArticleStory story;
  story.id = id;
  std::string first;
  std::string latest;
  std::set<std::uint32_t> sources;
  const std::size_t source_index = facet_index(Facet::source);
  for (auto posting = db_.postlist_begin(term); posting != db_.postlist_end(term); ++posting) {
    const Xapian::Document doc = db_.get_document(*posting);
    ++story.articles;
    const std::string date = doc.get_value(slot_number(Slot::date));
    if (date.size() >= 8) {
      if (first.empty() || date < first) first = date;
      if (latest.empty() || date > latest) latest = date;
    }
    const std::string facets = doc.get_value(slot_number(Slot::facets));
    std::string_view rest = facets;
    FacetEntry entry;
    while (next_facet_entry(rest, entry)) {
      if (entry.facet_index == source_index) sources.insert(entry.ordinal);
    }
  }
  story.first_date = iso_day(first);
  story.latest_date = iso_day(latest);
  for (const std::uint32_t ordinal : sources) story.sources.push_back(source_name(ordinal));
  std::sort(story.sources.begin(), story.sources.end());
  story.sources.erase(std::unique(story.sources.begin(), story.sources.end()), story.sources.end());
  known_.emplace(id, story);
  return story;
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
