// The fields of an article as every JSON output of newssearch writes them.
#pragma once

#include <nlohmann/json.hpp>

#include "common/stored_article.hpp"

namespace newsdex {

// id, title, date (YYYY-MM-DD), source, author, url, path, persons, organizations, places,
// copy_of and story (story_json); a text field that is empty, and a missing date, are null.
[[nodiscard]] nlohmann::json article_json(const StoredArticle& article);

// {"id", "articles", "sources" (how many distinct), "first_date", "latest_date"}, the dates
// null when no article of the story has one; null for a story not read (empty id).
[[nodiscard]] nlohmann::json story_json(const ArticleStory& story);

}  // namespace newsdex
