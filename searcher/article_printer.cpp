// Text and JSON output of one whole article.
#include "searcher/article_printer.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "searcher/article_json.hpp"

namespace newsdex {
namespace {

using nlohmann::json;

void print_list(const char* name, const std::vector<std::string>& values, std::ostream& out) {
  if (values.empty()) return;
  out << name << ": ";
  const char* separator = "";
  for (const auto& value : values) {
    out << separator << terminal_safe(value);
    separator = ", ";
  }
  out << '\n';
}

}  // namespace

void print_article_json(const StoredArticle& article, bool damaged, std::ostream& out) {
  json object = article_json(article);
  object["body"] = article.body;
  object["damaged"] = damaged;

  out << object.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

std::string story_counts_text(const ArticleStory& story) {
  std::string text = std::to_string(story.articles) + (story.articles == 1 ? " article" : " articles");
  // Articles without a source are still counted; "from 0 sources" would say there were none.
  if (!story.sources.empty()) {
    text += " from " + std::to_string(story.sources.size()) + (story.sources.size() == 1 ? " source" : " sources");
  }
  if (!story.first_date.empty()) text += ", first " + story.first_date + ", latest " + story.latest_date;
  return text;
}

void print_article_text(const StoredArticle& article, bool damaged, std::ostream& out) {
  out << (article.title.empty() ? "(untitled)" : terminal_safe(article.title)) << '\n';
  out << (article.date ? format_iso_date(*article.date) : "(no date)");
  if (!article.source.empty()) out << "  " << terminal_safe(article.source);
  if (!article.author.empty()) out << "  by " << terminal_safe(article.author);
  out << '\n';
  out << "id: " << terminal_safe(article.id) << '\n';
  if (!article.url.empty()) out << "url: " << terminal_safe(article.url) << '\n';
  if (!article.path.empty()) out << "path: " << terminal_safe(article.path) << '\n';
  print_list("persons", article.persons, out);
  print_list("organizations", article.organizations, out);
  print_list("places", article.places, out);
  if (!article.copy_of.empty()) out << "copy of: " << terminal_safe(article.copy_of) << '\n';
  if (!article.story.id.empty()) {
    const ArticleStory& story = article.story;
    out << "story: " << terminal_safe(story.id) << " (" << story_counts_text(story) << ")\n";
  }
  if (damaged) {
    out << "\n(damaged record: its title and text cannot be read)\n";
    return;
  }
  // The body keeps its paragraphs: line breaks pass, other control bytes do not.
  out << '\n';
  std::string_view body = article.body;
  while (!body.empty()) {
    const auto newline = body.find('\n');
    out << terminal_safe(body.substr(0, newline)) << '\n';
    if (newline == std::string_view::npos) break;
    body.remove_prefix(newline + 1);
  }
}

}  // namespace newsdex
