// Text and JSON output of one whole article (newssearch --show).
#pragma once

#include <iosfwd>
#include <string>

#include "common/stored_article.hpp"

namespace newsdex {

// One JSON object with every field: id, title, date (null without one), source, author, url,
// path (null when empty), persons, organizations, places, body, copy_of (null when the
// article copies none), damaged.
void print_article_json(const StoredArticle& article, bool damaged, std::ostream& out);

// The headline, a line of date, source and author, url and path, the entities, a copy's
// original, then the body; every field made terminal_safe.
void print_article_text(const StoredArticle& article, bool damaged, std::ostream& out);

// "4 articles from 3 sources, first 1987-03-02, latest 1987-03-09": the story's size, its
// sources when any of its articles names one, and its dates when any has one.
[[nodiscard]] std::string story_counts_text(const ArticleStory& story);

}  // namespace newsdex
