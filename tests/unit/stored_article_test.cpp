// Unit tests for the document data: encoding and decoding stored articles.
#include "common/stored_article.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

using namespace newsdex;

TEST_CASE("stored article: every field survives encoding and decoding") {
  StoredArticle article;
  article.id = "a-1";
  article.title = "Talks \"resume\" in Zürich";
  article.body = "Line one.\nLine two\twith a tab and \\ a backslash.";
  article.author = "Ann Lee, Bo Chen";
  article.source = "Harbor Daily";
  article.url = "https://example.org/a-1";
  article.path = "/data/a-1.txt";
  article.date = parse_date("2025-03-04T05:06:07");
  article.persons = {"Ann Lee", "Bo Chen"};
  article.organizations = {"NATO"};
  article.places = {"Zürich", "Switzerland"};

  const StoredArticle decoded = decode_stored_article(encode_stored_article(article));
  CHECK(decoded.id == article.id);
  CHECK(decoded.title == article.title);
  CHECK(decoded.body == article.body);
  CHECK(decoded.author == article.author);
  CHECK(decoded.source == article.source);
  CHECK(decoded.url == article.url);
  CHECK(decoded.path == article.path);
  REQUIRE(decoded.date.has_value());
  CHECK(format_iso_datetime(*decoded.date) == "2025-03-04T05:06:07");
  CHECK(decoded.persons == article.persons);
  CHECK(decoded.organizations == article.organizations);
  CHECK(decoded.places == article.places);
}

TEST_CASE("stored article: empty fields are left out and come back empty") {
  StoredArticle article;
  article.id = "only-id";
  const std::string data = encode_stored_article(article);
  CHECK(data == R"({"id":"only-id"})");
  const StoredArticle decoded = decode_stored_article(data);
  CHECK(decoded.id == "only-id");
  CHECK(decoded.title.empty());
  CHECK(!decoded.date.has_value());
  CHECK(decoded.persons.empty());
}

TEST_CASE("stored article: unknown keys and values of the wrong type are ignored") {
  const StoredArticle decoded = decode_stored_article(
      R"({"id":"x","extra":{"title":"nested","persons":["no"]},"title":7,"persons":{"a":"b"},)"
      R"("places":["Oslo",3,["Deep"],{"k":"v"},"Bergen"],"body":"text","flag":true,"none":null})");
  CHECK(decoded.id == "x");
  CHECK(decoded.title.empty());
  CHECK(decoded.persons.empty());
  CHECK(decoded.places == std::vector<std::string>{"Oslo", "Bergen"});
  CHECK(decoded.body == "text");
}

TEST_CASE("stored article: data that is not a JSON object is refused") {
  CHECK_THROWS_AS(decode_stored_article(""), std::runtime_error);
  CHECK_THROWS_AS(decode_stored_article("[1,2]"), std::runtime_error);
  CHECK_THROWS_AS(decode_stored_article("\"text\""), std::runtime_error);
  CHECK_THROWS_AS(decode_stored_article(R"({"id":"x")"), std::runtime_error);
  CHECK_THROWS_AS(decode_stored_article(R"({"id":"x"} trailing)"), std::runtime_error);
}

TEST_CASE("stored article: packing compresses the record and unpacking restores it") {
  StoredArticle article;
  article.id = "long-1";
  article.title = "Ministers meet again";
  for (int i = 0; i < 200; ++i) article.body += "The ministers met again on Tuesday. ";
  article.places = {"Oslo"};

  const std::string packed = pack_stored_article(article);
  CHECK(packed.size() < encode_stored_article(article).size() / 4);
  const StoredArticle unpacked = unpack_stored_article(packed);
  CHECK(unpacked.id == article.id);
  CHECK(unpacked.title == article.title);
  CHECK(unpacked.body == article.body);
  CHECK(unpacked.places == article.places);
}

TEST_CASE("stored article: a packed record that is damaged or not one is refused") {
  StoredArticle article;
  article.id = "a-2";
  article.body = "Some text to compress, some text to compress.";
  const std::string packed = pack_stored_article(article);

  CHECK_THROWS_AS(unpack_stored_article(""), std::runtime_error);
  CHECK_THROWS_AS(unpack_stored_article(encode_stored_article(article)), std::runtime_error);
  CHECK_THROWS_AS(unpack_stored_article(packed.substr(0, packed.size() - 3)), std::runtime_error);
  std::string flipped = packed;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
  CHECK_THROWS_AS(unpack_stored_article(flipped), std::runtime_error);
}

// What nlohmann writes for the article: the encoder's output must match it byte for byte.
std::string nlohmann_encoding(const StoredArticle& article) {
  nlohmann::json object = nlohmann::json::object();
  const auto put = [&](const char* key, const auto& value) {
    if (!value.empty()) object[key] = value;
  };
  put("id", article.id);
  put("title", article.title);
  if (article.date) object["date"] = format_iso_datetime(*article.date);
  put("author", article.author);
  put("source", article.source);
  put("url", article.url);
  put("path", article.path);
  put("persons", article.persons);
  put("organizations", article.organizations);
  put("places", article.places);
  put("body", article.body);
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST_CASE("stored article: the encoding is the JSON nlohmann writes, escapes included") {
  std::string every_ascii;
  for (int c = 1; c < 0x80; ++c) every_ascii += static_cast<char>(c);
  StoredArticle article;
  article.id = "esc-1";
  article.title = "Quote \" and backslash \\ and / slash";
  article.body = every_ascii + " Zürich, 東京, emoji 😀\n\tend\x7f";
  article.author = "Ann \"The Pen\" Lee";
  article.url = "https://example.org/a?b=1&c=2";
  article.date = parse_date("2024-02-29");
  article.persons = {"Björk Guðmundsdóttir", "Line\nBreak"};
  article.places = {"Oslo"};
  CHECK(encode_stored_article(article) == nlohmann_encoding(article));

  StoredArticle sparse;
  sparse.id = "esc-2";
  sparse.organizations = {"NATO", ""};
  CHECK(encode_stored_article(sparse) == nlohmann_encoding(sparse));
}

TEST_CASE("stored article: invalid UTF-8 is stored as U+FFFD") {
  StoredArticle article;
  article.id = "bad-1";
  article.title = "Price \xa3 5";
  const std::string data = encode_stored_article(article);
  CHECK(data == nlohmann_encoding(article));
  CHECK(decode_stored_article(data).title == "Price \xef\xbf\xbd 5");
}
