// Reading the stories articles belong to: each one's summary, and a story's articles.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/stored_article.hpp"

namespace newsdex {

// The story id of a document (Slot::story); empty when it has none.
[[nodiscard]] std::string story_id_of(const Xapian::Document& doc);

// Summaries of the stories of articles read from one database, each story read once.
class StoryReader {
 public:
  // db must outlive the reader.
  explicit StoryReader(const Xapian::Database& db) : db_(db) {}

  // The story of document did, whose stored record is article: its id, its articles (the
  // story term's frequency), their distinct sources, their first and latest dates. An
  // article without a story value is a story of one named by its own id. Throws what Xapian
  // throws.
  [[nodiscard]] ArticleStory story_of(Xapian::docid did, const StoredArticle& article);

  // Reads the summaries of the stories of documents docids (those not read yet) together,
  // in one pass over their articles' values, for story_of to answer from. Throws what
  // Xapian throws.
  void read_stories(const std::vector<Xapian::docid>& docids);

 private:
  // The story id of document did (Slot::story); empty when it has none.
  [[nodiscard]] std::string story_id(Xapian::docid did) const;
  [[nodiscard]] const std::string& source_name(std::uint32_t ordinal);

  const Xapian::Database& db_;
  std::unordered_map<std::string, ArticleStory> known_;
  std::unordered_map<std::uint32_t, std::string> source_names_;
};

// The documents of story id in time order (by their date slot; undated ones last, each group
// in docid order). Empty when no article belongs to that story.
[[nodiscard]] std::vector<Xapian::docid> story_documents(const Xapian::Database& db,
                                                         std::string_view id);

}  // namespace newsdex
