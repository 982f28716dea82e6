// The fields of an article as every JSON output of newssearch writes them.
#pragma once

#include <nlohmann/json.hpp>

#include "common/stored_article.hpp"

namespace newsdex {

// id, title, date (YYYY-MM-DD), source, author, url, path, persons, organizations, places and
// copy_of; a text field that is empty, and a missing date, are null.
[[nodiscard]] nlohmann::json article_json(const StoredArticle& article);

}  // namespace newsdex
