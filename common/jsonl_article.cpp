// Parser for one JSON Lines record holding an article.
#include "common/jsonl_article.hpp"

#include "common/text.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace newsdex {
namespace {

using nlohmann::json;

// nlohmann's DOM is recursive in places; records this deep are never articles.
constexpr std::size_t kMaxDepth = 64;

constexpr std::array<std::string_view, 2> kTitleKeys = {"title", "headline"};
constexpr std::array<std::string_view, 3> kBodyKeys = {"body", "text", "content"};
constexpr std::array<std::string_view, 4> kDateKeys = {"date", "published", "published_at",
                                                       "pubDate"};
constexpr std::array<std::string_view, 3> kAuthorKeys = {"author", "authors", "byline"};
constexpr std::array<std::string_view, 3> kSourceKeys = {"source", "publisher", "site"};
constexpr std::array<std::string_view, 2> kUrlKeys = {"url", "link"};
constexpr std::array<std::string_view, 2> kIdKeys = {"id", "guid"};

std::string trimmed(std::string_view text) { return std::string(trim(text)); }

// Bracket depth outside strings, checked before nlohmann ever sees the line.
bool nested_too_deeply(std::string_view line) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : line) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

// Only used once parse() has failed, to say where: it records the 1-based byte at which
// the parser gave up (for a bad literal that is past its first letter).
class ErrorLocator final : public nlohmann::json_sax<json> {
 public:
  std::size_t position = 0;

  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_object(std::size_t /*elements*/) override { return true; }
  bool key(string_t& /*value*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*elements*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    position = at;
    return false;
  }
};

std::string invalid_json_error(std::string_view line) {
  ErrorLocator locator;
  json::sax_parse(line, &locator);
  return "invalid JSON at byte " + std::to_string(locator.position);
}

std::string type_error(std::string_view key, std::string_view expected) {
  return "\"" + std::string(key) + "\" must be " + std::string(expected);
}

// Reads one field from the first of keys holding a non-empty value. Every present key is
// type-checked, even one that loses, so a malformed record is reported rather than half read.
template <std::size_t N, typename Convert>
std::optional<std::string> read_field(const json& object,
                                      const std::array<std::string_view, N>& keys,
                                      std::string& value, Convert convert) {
  for (const std::string_view key : keys) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) continue;
    std::optional<std::string> converted = convert(*it);
    if (!converted) return std::string(key);
    if (value.empty()) value = std::move(*converted);
  }
  return std::nullopt;
}

// JSON escapes (\f, \u0000, \u001b...) decode to control characters that repair_utf8, run
// on the raw line, never saw; they are dropped the same way (all but tab, line feed and
// carriage return), so no escape sequence reaches a terminal or a term. Decoded strings are
// valid UTF-8, in which a byte below 0x80 is always a whole character.
std::string decoded_text(const json& value) {
  const auto& text = value.get_ref<const std::string&>();
  std::string kept;
  kept.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) continue;
    kept += c;
  }
  return trimmed(kept);
}

std::optional<std::string> as_string(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return decoded_text(value);
}

std::optional<std::string> as_author(const json& value) {
  if (value.is_string()) {
    std::string author = decoded_text(value);
    // Bylines often arrive as "By Jane Doe"; the name is what gets indexed.
    if (author.size() > 3 && (author.starts_with("By ") || author.starts_with("by "))) {
      author = trimmed(std::string_view(author).substr(3));
    }
    return author;
  }
  if (!value.is_array()) return std::nullopt;
  std::string joined;
  for (const json& element : value) {
    const auto name = as_author(element);
    if (!name || !element.is_string()) return std::nullopt;
    if (name->empty()) continue;
    if (!joined.empty()) joined += ", ";
    joined += *name;
  }
  return joined;
}

std::optional<std::string> as_source(const json& value) {
  if (value.is_object()) {
    const auto name = value.find("name");
    if (name == value.end()) return std::nullopt;
    return as_string(*name);
  }
  return as_string(value);
}

std::optional<std::string> as_id(const json& value) {
  if (value.is_number_integer()) return value.dump();
  return as_string(value);
}

// A date key's value as a date: a string in any form parse_date reads, or a number, taken as
// YYYYMMDD when it has 8 digits and as a Unix time (see date_from_unix_time) otherwise.
std::optional<DateTime> date_of(const json& value) {
  if (value.is_string()) return parse_date(value.get_ref<const std::string&>());
  if (value.is_number_integer()) return parse_date(value.dump());
  if (value.is_number_float()) return date_from_unix_time(value.get<double>());
  return std::nullopt;
}

// The first date key whose value reads as a date. A value of any other kind or type costs
// the article only its date: raw_date keeps the first one, for the warning.
void read_date(const json& object, Article& article) {
  for (const std::string_view key : kDateKeys) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) continue;
    if (const auto date = date_of(*it)) {
      article.date = date;
      article.raw_date.clear();
      return;
    }
    if (!article.raw_date.empty()) continue;
    article.raw_date = it->is_string() ? decoded_text(*it) : it->dump();
  }
}

std::optional<std::string> read_all(const json& object, Article& article) {
  const auto text = [](const json& value) { return as_string(value); };
  constexpr std::string_view kString = "a string";
  if (auto bad = read_field(object, kTitleKeys, article.title, text))
    return type_error(*bad, kString);
  if (auto bad = read_field(object, kBodyKeys, article.body, text))
    return type_error(*bad, kString);
  if (auto bad = read_field(object, kUrlKeys, article.url, text)) return type_error(*bad, kString);
  if (auto bad = read_field(object, kAuthorKeys, article.author, as_author)) {
    return type_error(*bad, "a string or an array of strings");
  }
  if (auto bad = read_field(object, kSourceKeys, article.source, as_source)) {
    return type_error(*bad, "a string or an object with a string \"name\"");
  }
  if (auto bad = read_field(object, kIdKeys, article.id, as_id)) {
    return type_error(*bad, "a string or an integer");
  }
  return std::nullopt;
}

}  // namespace

ArticleParse parse_json_article(std::string_view line) {
  if (trimmed(line).empty()) return {std::nullopt, "empty line"};
  if (nested_too_deeply(line)) {
    return {std::nullopt, "nested deeper than " + std::to_string(kMaxDepth) + " levels"};
  }
  const json record = json::parse(line, nullptr, false);
  if (record.is_discarded()) return {std::nullopt, invalid_json_error(line)};
  if (!record.is_object()) return {std::nullopt, "expected a JSON object"};

  Article article;
  if (auto error = read_all(record, article)) return {std::nullopt, std::move(*error)};
  if (article.title.empty() && article.body.empty()) return {std::nullopt, "no title or body", true};
  read_date(record, article);
  return {std::move(article), {}};
}

}  // namespace newsdex
