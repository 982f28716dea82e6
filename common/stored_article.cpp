// JSON encoding of the document data.
#include "common/stored_article.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace newsdex {
namespace {

using nlohmann::json;

void put(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

void put(json& object, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) object[key] = values;
}

void get(const json& object, const char* key, std::string& value) {
  const auto it = object.find(key);
  if (it != object.end() && it->is_string()) value = it->get<std::string>();
}

void get(const json& object, const char* key, std::vector<std::string>& values) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return;
  for (const auto& item : *it) {
    if (item.is_string()) values.push_back(item.get<std::string>());
  }
}

}  // namespace

std::string encode_stored_article(const StoredArticle& article) {
  json object = json::object();
  put(object, "id", article.id);
  put(object, "title", article.title);
  if (article.date) object["date"] = format_iso_datetime(*article.date);
  put(object, "author", article.author);
  put(object, "source", article.source);
  put(object, "url", article.url);
  put(object, "path", article.path);
  put(object, "persons", article.persons);
  put(object, "organizations", article.organizations);
  put(object, "places", article.places);
  put(object, "body", article.body);
  // Input text is repaired to valid UTF-8 before indexing; "replace" keeps a stray invalid
  // byte from failing the whole document all the same.
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

StoredArticle decode_stored_article(std::string_view data) {
  const json object = json::parse(data, nullptr, false);
  if (object.is_discarded() || !object.is_object()) {
    throw std::runtime_error("document data is not a Newsdex article record");
  }
  StoredArticle article;
  get(object, "id", article.id);
  get(object, "title", article.title);
  std::string date;
  get(object, "date", date);
  if (!date.empty()) article.date = parse_date(date);
  get(object, "author", article.author);
  get(object, "source", article.source);
  get(object, "url", article.url);
  get(object, "path", article.path);
  get(object, "persons", article.persons);
  get(object, "organizations", article.organizations);
  get(object, "places", article.places);
  get(object, "body", article.body);
  return article;
}

}  // namespace newsdex
