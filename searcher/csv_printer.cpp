// CSV output of search results.
#include "searcher/csv_printer.hpp"

#include <charconv>
#include <ostream>
#include <vector>

#include "common/text.hpp"

namespace newsdex {
namespace {

constexpr std::string_view kRowEnd = "\r\n";
constexpr std::string_view kValueSeparator = "; ";

// Stored text is valid UTF-8 already; a damaged record's stand-ins come from terms, which
// may not be.
std::string valid_text(std::string_view text) {
  return is_valid_utf8(text) ? std::string(text) : repair_utf8(text).text;
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) {
    if (!text.empty()) text += kValueSeparator;
    text += value;
  }
  return text;
}

std::string shortest_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string csv_field(std::string_view value) {
  const std::string text = valid_text(value);
  const bool quoted = text.find_first_of(",\"\r\n") != std::string::npos ||
                      (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quoted) return text;
  std::string field = "\"";
  for (const char c : text) {
    if (c == '"') field += '"';
    field += c;
  }
  field += '"';
  return field;
}

void print_csv_header(std::ostream& out) {
  out << "id,date,source,author,title,url,path,persons,organizations,places,score" << kRowEnd;
}

void print_csv_row(const SearchHit& hit, std::ostream& out) {
  const StoredArticle& article = hit.article;
  out << csv_field(article.id) << ',' << (article.date ? format_iso_date(*article.date) : "") << ','
      << csv_field(article.source) << ',' << csv_field(article.author) << ','
      << csv_field(article.title) << ',' << csv_field(article.url) << ','
      << csv_field(article.path) << ',' << csv_field(joined(article.persons)) << ','
      << csv_field(joined(article.organizations)) << ',' << csv_field(joined(article.places))
      << ',' << shortest_number(hit.score) << kRowEnd;
}

}  // namespace newsdex
