// Text and JSON output of search results.
#include "searcher/result_printer.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace newsdex {
namespace {

using nlohmann::json;

std::string mark_highlights(std::string_view snippet, std::string_view start, std::string_view end) {
  std::string out;
  out.reserve(snippet.size() + 16);
  for (const char c : snippet) {
    if (c == kHighlightStart) {
      out += start;
    } else if (c == kHighlightEnd) {
      out += end;
    } else {
      out += c;
    }
  }
  return out;
}

json string_or_null(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

std::string join(const std::vector<std::string>& values) {
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += ", ";
    joined += value;
  }
  return joined;
}

std::string facet_heading(const std::string& name) {
  if (name == "person") return "persons";
  if (name == "organization") return "organizations";
  if (name == "place") return "places";
  if (name == "source") return "sources";
  if (name == "author") return "authors";
  return "months";
}

}  // namespace

void print_json(const SearchResults& results, std::ostream& out) {
  json hits = json::array();
  for (const auto& hit : results.hits) {
    const StoredArticle& article = hit.article;
    hits.push_back({
        {"rank", hit.rank},
        {"id", article.id},
        {"score", hit.score},
        {"title", article.title},
        {"date", article.date ? json(format_iso_date(*article.date)) : json(nullptr)},
        {"source", string_or_null(article.source)},
        {"author", string_or_null(article.author)},
        {"url", string_or_null(article.url)},
        {"path", string_or_null(article.path)},
        {"persons", article.persons},
        {"organizations", article.organizations},
        {"places", article.places},
        {"snippet", mark_highlights(hit.snippet, "**", "**")},
    });
  }
  json object = {{"query", results.query},
                 {"total", results.total},
                 {"total_exact", results.total_exact},
                 {"offset", results.offset},
                 {"results", hits}};
  if (!results.total_exact) {
    object["total_min"] = results.total_min;
    object["total_max"] = results.total_max;
  }
  if (results.has_facets) {
    json facets = json::object();
    for (const auto& [name, counts] : results.facets) {
      json list = json::array();
      for (const auto& count : counts) list.push_back({{"value", count.value}, {"count", count.count}});
      facets[name] = list;
    }
    object["facets"] = facets;
    object["facets_exact"] = results.facets_exact;
    object["facets_counted"] = results.facets_counted;
  }
  out << object.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_text(const SearchResults& results, bool bold, std::ostream& out) {
  const std::string start = bold ? "\033[1m" : "*";
  const std::string end = bold ? "\033[0m" : "*";
  out << (results.total_exact ? "" : "about ") << results.total
      << (results.total == 1 ? " article" : " articles");
  if (!results.query.empty()) out << " for \"" << results.query << '"';
  if (!results.hits.empty()) {
    out << ", showing " << results.hits.front().rank << "–" << results.hits.back().rank;
  }
  out << '\n';
  for (const auto& hit : results.hits) {
    const StoredArticle& article = hit.article;
    out << '\n' << hit.rank << ". " << (article.date ? format_iso_date(*article.date) : "(no date)");
    if (!article.source.empty()) out << "  " << article.source;
    out << '\n';
    out << "   " << (article.title.empty() ? "(untitled)" : article.title) << '\n';
    if (!hit.snippet.empty()) out << "   " << mark_highlights(hit.snippet, start, end) << '\n';
    if (!article.persons.empty()) out << "   persons: " << join(article.persons) << '\n';
  }
  if (!results.has_facets) return;
  if (!results.facets_exact) {
    out << "\n(facets counted over " << results.facets_counted << " of the matches, the earliest indexed;"
        << " raise --facet-budget for exact counts)\n";
  }
  for (const auto& [name, counts] : results.facets) {
    if (counts.empty()) continue;
    out << '\n' << facet_heading(name) << ":";
    const char* separator = " ";
    for (const auto& count : counts) {
      out << separator << count.value << " (" << count.count << ')';
      separator = ", ";
    }
    out << '\n';
  }
}

}  // namespace newsdex
