// What a search result shows of an article, stored with each document.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace newsdex {

// The story an article belongs to (the articles reporting one event), as results show it.
// Not part of the stored record: the searcher reads it from the index (Slot::story and the
// story's term).
struct ArticleStory {
  std::string id;              // equal for all articles of the story
  std::size_t articles = 0;    // the story's articles in the whole archive
  std::vector<std::string> sources;  // the distinct sources among them, by name
  std::string first_date;      // the earliest of their dates, "YYYY-MM-DD"; empty if none has one
  std::string latest_date;     // the latest, likewise
};

// An article as stored in the index: its fields, the entities found in it and the body
// text that snippets are cut from.
struct StoredArticle {
  std::string id;
  std::string title;
  std::string body;
  std::string author;
  std::string source;
  std::string url;
  std::string path;
  std::optional<DateTime> date;
  std::vector<std::string> persons;
  std::vector<std::string> organizations;
  std::vector<std::string> places;
  // Not part of the stored record: the shown id of the earliest article whose text this one
  // copies, else empty. Read from the index beside the record (Slot::copy_of).
  std::string copy_of;
  ArticleStory story;  // id empty until the searcher reads it
};

// Encodes the document data as a compact JSON object with keys
// id, title, date ("YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss", absent without a date), author,
// source, url, path, persons, organizations, places, body. Empty fields are left out.
[[nodiscard]] std::string encode_stored_article(const StoredArticle& article);

// Decodes document data written by encode_stored_article. Missing keys stay empty; throws
// std::runtime_error when the data is not such a JSON object.
[[nodiscard]] StoredArticle decode_stored_article(std::string_view data);

// The form the index keeps (Slot::article): encode_stored_article's JSON as one zstd frame.
[[nodiscard]] std::string pack_stored_article(const StoredArticle& article);

// Reads what pack_stored_article wrote. Throws std::runtime_error when packed is not a zstd
// frame holding such a JSON object.
[[nodiscard]] StoredArticle unpack_stored_article(std::string_view packed);

}  // namespace newsdex
