// The fields of an article as every JSON output of newssearch writes them.
#include "searcher/article_json.hpp"

#include <string>

namespace newsdex {
namespace {

nlohmann::json string_or_null(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

}  // namespace

nlohmann::json story_json(const ArticleStory& story) {
  if (story.id.empty()) return nullptr;
  return {{"id", story.id},
          {"articles", story.articles},
          {"sources", story.sources.size()},
          {"first_date", string_or_null(story.first_date)},
          {"latest_date", string_or_null(story.latest_date)}};
}

nlohmann::json article_json(const StoredArticle& article) {
  return {
      {"id", article.id},
      {"title", article.title},
      {"date", article.date ? nlohmann::json(format_iso_date(*article.date)) : nlohmann::json(nullptr)},
      {"source", string_or_null(article.source)},
      {"author", string_or_null(article.author)},
      {"url", string_or_null(article.url)},
      {"path", string_or_null(article.path)},
      {"persons", article.persons},
      {"organizations", article.organizations},
      {"places", article.places},
      {"copy_of", string_or_null(article.copy_of)},
      {"story", story_json(article.story)},
  };
}

}  // namespace newsdex
