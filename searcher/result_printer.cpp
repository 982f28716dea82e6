// Text and JSON output of search results.
#include "searcher/result_printer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/article_json.hpp"
#include "searcher/article_printer.hpp"
#include "searcher/timeline_printer.hpp"

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

// mark_highlights for a terminal: the text between the marks is made terminal_safe, so that
// only the marks' own escape codes reach it.
std::string mark_highlights_safely(std::string_view snippet, std::string_view start,
                                   std::string_view end) {
  constexpr char kMarks[] = {kHighlightStart, kHighlightEnd};
  std::string out;
  out.reserve(snippet.size() + 16);
  while (!snippet.empty()) {
    const auto mark = snippet.find_first_of(std::string_view(kMarks, sizeof kMarks));
    out += terminal_safe(snippet.substr(0, mark));
    if (mark == std::string_view::npos) break;
    out += snippet[mark] == kHighlightStart ? start : end;
    snippet.remove_prefix(mark + 1);
  }
  return out;
}


// The values, each made terminal_safe, separated by commas.
std::string join_safely(const std::vector<std::string>& values) {
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += ", ";
    joined += terminal_safe(value);
  }
  return joined;
}

std::string facet_heading(const std::string& name) {
  for (const auto& field : kFacetFields) {
    if (field.json_name == name) return std::string(field.plural);
  }
  return "months";
}

json relaxation_json(const Relaxation& relaxation) {
  if (!relaxation.relaxed) return nullptr;
  return {{"words", relaxation.words},
          {"all_words", relaxation.all_words},
          {"all_words_exact", relaxation.all_words_exact},
          {"feedback_terms", relaxation.feedback_terms},
          {"note", relaxation_note(relaxation)}};
}

json explanation_json(const Explanation& explanation, const Relaxation& relaxation) {
  json terms = json::array();
  const auto part = [&explanation](double value) { return explanation.bm25_parts ? json(value) : json(nullptr); };
  for (const auto& term : explanation.terms) {
    terms.push_back({{"word", term.word}, {"wdf", term.wdf}, {"bm25", part(term.bm25)}, {"coord", part(term.coord)}});
  }
  return {{"terms", terms},
          {"words_held", explanation.words_held},
          {"words", relaxation.words},
          {"boosts", part(explanation.boosts)},
          {"model", explanation.model},
          {"relaxed", relaxation.relaxed}};
}

// "2 of 5 words: diem 4.21+0.80 (2×), buddhist 3.10+0.60; boosts 0.52"
std::string explanation_text(const Explanation& explanation, const Relaxation& relaxation) {
  std::string text = std::to_string(explanation.words_held);
  if (relaxation.words > 0) text += " of " + std::to_string(relaxation.words);
  text += explanation.words_held == 1 && relaxation.words == 0 ? " word" : " words";
  const char* separator = ": ";
  char number[64];
  for (const auto& term : explanation.terms) {
    text += separator + term.word;
    if (explanation.bm25_parts) {
      std::snprintf(number, sizeof number, " %.2f+%.2f", term.bm25, term.coord);
      text += number;
    }
    if (term.wdf > 1) text += " (" + std::to_string(term.wdf) + "×)";
    separator = ", ";
  }
  if (!explanation.bm25_parts) {
    text += "; weighed by " + explanation.model + ", whose parts are not BM25 parts";
    if (relaxation.relaxed) text += "; relaxed";
    return text;
  }
  // Recomputing the parts rounds differently from the match: hide a rounding residue.
  const double boosts = std::abs(explanation.boosts) < 0.005 ? 0.0 : explanation.boosts;
  std::snprintf(number, sizeof number, "; boosts %.2f", boosts);
  text += number;
  if (relaxation.relaxed) text += "; relaxed";
  return text;
}

// One result as --json lists it, and as --format jsonl prints it on its own line.
json hit_json(const SearchHit& hit, const Relaxation& relaxation) {
  json entry = article_json(hit.article);
  entry["rank"] = hit.rank;
  entry["score"] = hit.score;
  entry["snippet"] = mark_highlights(hit.snippet, "**", "**");

  if (hit.damaged) entry["damaged"] = true;
  if (hit.explanation) entry["explain"] = explanation_json(*hit.explanation, relaxation);
  return entry;
}

// "4 articles from 3 sources, first 1987-03-02, latest 1987-03-09; also: AP, BBC": the
// other outlets are the story's sources other than the article's own.
std::string story_text(const StoredArticle& article) {
  const ArticleStory& story = article.story;
  std::string text = story_counts_text(story);
  std::vector<std::string> others;
  for (const auto& source : story.sources) {
    if (source != article.source) others.push_back(source);
  }
  if (!others.empty()) text += "; also: " + join_safely(others);
  return text;
}

}  // namespace

void print_json_line(const SearchHit& hit, const Relaxation& relaxation, std::ostream& out) {
  out << hit_json(hit, relaxation).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_json(const SearchResults& results, std::ostream& out) {
  json hits = json::array();
  for (const auto& hit : results.hits) hits.push_back(hit_json(hit, results.relaxation));
  json object = {{"query", results.query},
                 {"total", results.total},
                 {"total_exact", results.total_exact},
                 {"counted", results.counted_stories ? "stories" : "articles"},
                 {"offset", results.offset},
                 {"relaxed", relaxation_json(results.relaxation)},
                 {"results", hits},
                 {"some_words", results.some_words}};
  if (!results.total_exact) {
    object["total_min"] = results.total_min;
    object["total_max"] = results.total_max;
  }
  object["suggestion"] = results.suggestion ? json(*results.suggestion) : json(nullptr);
  if (results.partial) {
    object["partial"] = true;
    object["unreachable"] = results.unreachable;
  }
  if (results.has_facets) {
    json facets = json::object();
    for (const auto& [name, counts] : results.facets) {
      json list = json::array();
      for (const auto& count : counts) {
        json entry = {{"value", count.value}, {"count", count.count}};
        if (count.score) {
          entry["score"] = *count.score;
          entry["archive"] = count.archive;
        }
        list.push_back(std::move(entry));
      }
      facets[name] = list;
    }
    object["facets"] = facets;
    object["facets_exact"] = results.facets_exact;
    object["facets_counted"] = results.facets_counted;
    object["facets_undated"] = results.facets_undated;
    object["facet_order"] = results.facets_significance ? "significance" : "count";
    object["facet_counts"] = results.facets_count_stories ? "stories" : "articles";
  }
  if (results.timeline) object["timeline"] = timeline_json(*results.timeline);
  out << object.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_text(const SearchResults& results, bool bold, std::ostream& out) {
  const std::string start = bold ? "\033[1m" : "*";
  const std::string end = bold ? "\033[0m" : "*";
  out << (results.total_exact ? "" : "about ") << results.total
      << (results.counted_stories ? (results.total == 1 ? " story" : " stories")
                                  : (results.total == 1 ? " article" : " articles"));
  if (!results.query.empty()) out << " for \"" << terminal_safe(results.query) << '"';
  if (!results.hits.empty()) {
    out << ", showing " << results.hits.front().rank << "–" << results.hits.back().rank;
  }
  out << '\n';
  if (results.partial) {
    out << "(partial: shards not reached, their articles left out:";
    for (const auto& name : results.unreachable) out << ' ' << terminal_safe(name);
    out << ")\n";
  }
  if (results.suggestion) out << "Did you mean: " << terminal_safe(*results.suggestion) << '\n';
  if (results.relaxation.relaxed) out << '(' << terminal_safe(relaxation_note(results.relaxation)) << ")\n";
  const std::size_t first_with_some = results.hits.size() - std::min(results.some_words, results.hits.size());
  for (const auto& hit : results.hits) {
    if (results.some_words > 0 && &hit == &results.hits[first_with_some]) {
      out << "\n(these hold some of the " << results.relaxation.words << " words, not all)\n";
    }
    const StoredArticle& article = hit.article;
    out << '\n' << hit.rank << ". " << (article.date ? format_iso_date(*article.date) : "(no date)");
    if (!article.source.empty()) out << "  " << terminal_safe(article.source);
    out << '\n';
    if (hit.damaged) {
      out << "   (damaged record: its title and text cannot be read)\n";
    } else {
      out << "   " << (article.title.empty() ? "(untitled)" : terminal_safe(article.title)) << '\n';
    }
    if (!article.copy_of.empty()) out << "   (copy of " << terminal_safe(article.copy_of) << ")\n";
    if (!hit.snippet.empty()) {
      out << "   " << mark_highlights_safely(hit.snippet, start, end) << '\n';
    }
    if (!article.persons.empty()) out << "   persons: " << join_safely(article.persons) << '\n';
    if (results.counted_stories && !article.story.id.empty()) {
      out << "   story " << terminal_safe(article.story.id) << ": " << story_text(article) << '\n';
    }
    if (hit.explanation) out << "   why: " << terminal_safe(explanation_text(*hit.explanation, results.relaxation)) << '\n';
  }
  if (results.has_facets) print_facets_text(results, out);
  if (results.timeline) print_timeline_text(*results.timeline, output_width(), out);
}

void print_facets_text(const SearchResults& results, std::ostream& out) {
  if (results.facets_significance) {
    out << "\n(facet values ranked by significance: how much more often they occur among the matches"
        << " than in the whole archive)\n";
  }
  if (results.facets_count_stories) {
    out << "\n(facet counts are stories: a value counts once per story)\n";
  } else if (results.counted_stories) {
    out << "\n(facet counts are articles: remote shards count articles, not stories)\n";
  }
  if (!results.facets_exact) {
    out << "\n(facets counted over " << results.facets_counted
        << (results.facets_count_stories ? " stories" : "") << " of the matches, the earliest indexed;"
        << " raise --facet-budget for exact counts)\n";
  }
  for (const auto& [name, counts] : results.facets) {
    if (counts.empty() && (name != "month" || results.facets_undated == 0)) continue;
    out << '\n' << facet_heading(name) << ":";
    const char* separator = " ";
    for (const auto& count : counts) {
      out << separator << terminal_safe(count.value) << " (" << count.count;
      if (count.score) out << " of " << count.archive;
      out << ')';
      separator = ", ";
    }
    if (name == "month" && results.facets_undated > 0) out << separator << "undated (" << results.facets_undated << ')';
    out << '\n';
  }
}

}  // namespace newsdex
