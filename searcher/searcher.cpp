// Running a search: open, parse, match, count facets, cut snippets.
#include "searcher/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <thread>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/docid_ranges.hpp"
#include "searcher/hit_reader.hpp"
#include "searcher/matching_strategy.hpp"
#include "searcher/parallel_match.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/snippet_stemmer.hpp"
#include "searcher/spelling.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kSnippetBytes = 240;
// A match against a database the indexer keeps committing to may need to start again: this
// many times at most, about 7 s of waiting in all (see backoff).
constexpr int kAttempts = 12;
// A first build's switch-over replaces the database's files one system call at a time, and
// Xapian finds and opens them one at a time: an open that met a file just replaced succeeds
// when tried again. A database that is missing fails every time.
constexpr int kOpenAttempts = 3;

std::string unescape_html(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// Without query words there is nothing to centre a snippet on: show the article's lead.
std::string lead(std::string_view text) {
  const std::string collapsed = collapse_whitespace(text);
  if (collapsed.size() <= kSnippetBytes) return collapsed;
  std::string_view cut = truncate_utf8(collapsed, kSnippetBytes);
  if (const auto space = cut.rfind(' '); space != std::string_view::npos && space > 0) {
    cut = cut.substr(0, space);
  }
  return std::string(cut) + "…";
}

// Adjacent marked words become one marked run: "**grain corridor**", not two.
std::string join_adjacent_highlights(std::string_view text) {
  const std::string gap = {kHighlightEnd, ' ', kHighlightStart};
  std::string joined;
  joined.reserve(text.size());
  for (auto at = text.find(gap); at != std::string_view::npos; at = text.find(gap)) {
    joined.append(text.substr(0, at));
    joined += ' ';
    text.remove_prefix(at + gap.size());
  }
  joined.append(text);
  return joined;
}

// Every free-text term of the query, and what its wildcards matched in the hits, ORed: what
// snippets should mark. Each hit's terms are read on their own (read_through_commits).
Xapian::Query word_terms_query(const BuiltQuery& built, Xapian::Database& db,
                               const std::vector<Xapian::docid>& hits) {
  std::vector<std::string> terms;
  const Xapian::Query& query = built.query;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    if (is_word_term(*it)) terms.push_back(*it);
  }
  // A wildcard lists no terms; what it matched in each hit is there in the hit's terms.
  for (auto hit = hits.begin(); hit != hits.end() && !built.wildcard_prefixes.empty(); ++hit) {
    const std::size_t known = terms.size();
    read_through_commits(db, [&] {
      terms.resize(known);
      const Xapian::Document doc = db.get_document(*hit);
      for (const std::string& prefix : built.wildcard_prefixes) {
        auto term = doc.termlist_begin();
        term.skip_to(prefix);
        for (; term != doc.termlist_end() && (*term).starts_with(prefix); ++term) {
          terms.push_back(*term);
        }
      }
    });
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The query's own word terms, without those feedback added: what --explain accounts for.
std::vector<std::string> query_word_terms(const BuiltQuery& built) {
  const auto& added = built.relaxation.feedback_terms;
  std::vector<std::string> terms;
  for (auto it = built.query.get_unique_terms_begin(); it != built.query.get_unique_terms_end(); ++it) {
    if (is_word_term(*it) && std::find(added.begin(), added.end(), *it) == added.end()) {
      terms.push_back(*it);
    }
  }
  return terms;
}

SortOrder effective_sort(const SearchOptions& options, bool has_words) {
  if (options.sort) return *options.sort;
  return has_words ? SortOrder::relevance : SortOrder::newest;
}

}  // namespace

// Only a match that visits every matching article (for facets or exact counts) gains from
// the split, and only on an archive large enough to outweigh opening a handle per part; a
// long page would make the parts' candidates many.
std::size_t match_parts(const SearchOptions& options, Xapian::doccount doccount,
                        Xapian::doccount check_at_least, Xapian::doccount wanted) {
  constexpr Xapian::doccount kMostCandidatesPerPart = 1000;
  constexpr std::size_t kMostParts = 64;
  if (check_at_least <= wanted || wanted > kMostCandidatesPerPart) return 1;
  if (doccount < options.split_min_documents) return 1;
  const std::size_t threads =
      options.match_threads != 0 ? options.match_threads : std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(threads, 1, kMostParts);
}

namespace {

// Fills in the article and snippet of each hit (docids[i] is hits[i]'s document). An
// article whose stored record is damaged shows what the index holds of it, with a warning.
void read_hits(const SearchOptions& options, const BuiltQuery& built, Xapian::Database& db,
               const std::vector<Xapian::docid>& docids, SearchResults& results) {
  const std::string hi_start(1, kHighlightStart);
  const std::string hi_end(1, kHighlightEnd);
  // Xapian's snippets do not mark phrases over Z-prefixed stems, so they are cut with a query
  // of the plain word terms: every matched word is marked, phrases included.
  Xapian::MSet snippet_source;
  Xapian::Stem stemmer;
  Xapian::Query word_terms;
  std::optional<Xapian::rev> snippet_revision;
  if (built.has_words) {
    word_terms = word_terms_query(built, db, docids);
    stemmer = Xapian::Stem(new SnippetStemmer(word_terms));
  }
  for (std::size_t i = 0; i < docids.size(); ++i) {
    SearchHit& hit = results.hits[i];
    const ReadArticle read = read_through_commits(db, [&] {
      if (built.has_words && snippet_revision != db.get_revision()) {
        // Term statistics come from the revision the articles are read from.
        Xapian::Enquire words(db);
        words.set_query(word_terms);
        snippet_source = words.get_mset(0, 0);
        snippet_revision = db.get_revision();
      }
      ReadArticle article = read_stored_article(db, docids[i]);
      const std::string& text =
          article.article.body.empty() ? article.article.title : article.article.body;
      hit.snippet =
          built.has_words
              ? join_adjacent_highlights(collapse_whitespace(unescape_html(snippet_source.snippet(
                    text, kSnippetBytes, stemmer, 0, hi_start, hi_end, "…"))))
              : lead(text);
      return article;
    });
    hit.article = read.article;
    if (!read.damage.empty()) {
      hit.damaged = true;
      results.warnings.push_back("database " + options.db_path + ": the stored record of article " +
                                 (read.article.id.empty() ? "(id unreadable)" : read.article.id) +
                                 " (document " + std::to_string(docids[i]) + ") is damaged (" +
                                 read.damage + "); showing what the index holds of it");
    }
  }
}

SearchResults search_once(const SearchOptions& options, Xapian::Database& db);

// A respelling of the query (see suggest_spelling) that finds more articles than found did,
// or, when found was relaxed, that finds articles holding all its words.
std::optional<std::string> find_suggestion(const SearchOptions& options, Xapian::Database& db,
                                           const SearchResults& found) {
  if (trim(options.query).empty()) return std::nullopt;
  const auto suggested = suggest_spelling(db, options.query);
  if (!suggested) return std::nullopt;
  SearchOptions again = options;
  again.query = *suggested;
  again.suggest = false;
  again.facets = false;
  again.explain = false;
  again.limit = 1;
  again.offset = 0;
  try {
    const SearchResults respelt = search_once(again, db);
    if (found.relaxation.relaxed ? respelt.total > 0 && !respelt.relaxation.relaxed : respelt.total > found.total) {
      return suggested;
    }
  } catch (const Xapian::QueryParserError&) {
    // A respelling the query language reads differently is no suggestion.
  }
  return std::nullopt;
}

SearchResults search_once(const SearchOptions& options, Xapian::Database& db) {
  const BuiltQuery built = build_query(options, db);

  const auto configure = [&options, has_words = built.has_words](Xapian::Enquire& enquire) {
    const auto date_slot = slot_number(Slot::date);
    switch (effective_sort(options, has_words)) {
      case SortOrder::relevance:
        enquire.set_sort_by_relevance_then_value(date_slot, true);
        break;
      case SortOrder::newest:
        // Descending, undated articles (no value) come last.
        enquire.set_sort_by_value_then_relevance(date_slot, true);
        break;
      case SortOrder::oldest: {
        // Undated articles have no date value, which would sort first; they go last in
        // both directions, so they sort as a key above every date.
        auto* keys = new Xapian::MultiValueKeyMaker();
        keys->add_value(date_slot, false, std::string(1, '\xff'));
        enquire.set_sort_by_key_then_relevance(keys->release(), false);
        break;
      }
    }
    if (options.time_limit > 0) enquire.set_time_limit(options.time_limit);
    enquire.set_weighting_scheme(NewsWeight(options.ranking));
  };

  const Xapian::doccount doccount = db.get_doccount();
  // --all and filters alone count their matches exactly; facets count up to the budget.
  const bool exact_total = options.list_all || !built.has_words;
  constexpr std::size_t kMostDocuments = std::numeric_limits<Xapian::doccount>::max();
  const Xapian::doccount limit =
      options.limit == 0 ? doccount : static_cast<Xapian::doccount>(std::min(options.limit, kMostDocuments));
  const auto offset = static_cast<Xapian::doccount>(std::min(options.offset, kMostDocuments));
  // The best matches the page may show, without wrapping around for a huge --offset.
  const auto wanted = static_cast<Xapian::doccount>(std::min(std::size_t{limit} + offset, kMostDocuments));
  const auto facet_budget = static_cast<Xapian::doccount>(std::min(options.facet_budget, kMostDocuments));
  Xapian::doccount check_at_least = exact_total ? doccount : 0;
  if (options.facets) {
    check_at_least = std::max(check_at_least, std::min(doccount, std::max(facet_budget, wanted)));
  }

  SearchResults results;
  std::optional<FacetCounter> counter;
  std::optional<DocidRanges> candidates;  // the query of mset points to it
  Xapian::MSet mset;
  const std::size_t parts = match_parts(options, doccount, check_at_least, wanted);
  if (parts > 1) {
    PartedMatchRequest request{db, options.db_path, built.query, configure};
    request.parts = parts;
    request.wanted = wanted;
    request.check_at_least = check_at_least;
    if (options.facets) {
      counter.emplace(db, 0);
      request.facets = &*counter;
      request.facet_budget = facet_budget;
    }
    const PartedMatch parted = match_in_parts(request);
    results.total = parted.matches;
    results.total_exact = parted.exact;
    // Matching the query again over just the parts' best orders them as one match would.
    std::vector<DocidRanges::Range> best;
    for (const Xapian::docid did : parted.candidates) best.emplace_back(did, did);
    candidates.emplace(std::move(best));
    Xapian::Enquire enquire(db);
    configure(enquire);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, built.query, Xapian::Query(&*candidates)));
    mset = enquire.get_mset(offset, limit);
  } else {
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    configure(enquire);
    // Only with --facets: the counter sizes its counts by the archive's facet values.
    if (options.facets) {
      counter.emplace(db, facet_budget);
      enquire.add_matchspy(&*counter);
    }
    mset = enquire.get_mset(offset, limit, check_at_least);
    results.total = mset.get_matches_estimated();
    results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  }

  results.query = options.query;
  results.offset = options.offset;
  // The match is done; the rest reads the articles it chose, by docid, which stay valid from
  // one revision to the next: each read may move to the newest revision on its own.
  std::vector<Xapian::docid> docids;
  results.relaxation = built.relaxation;
  const std::vector<std::string> explained_terms =
      options.explain && built.has_words ? query_word_terms(built) : std::vector<std::string>{};
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchHit hit;
    hit.rank = it.get_rank() + 1;
    hit.score = built.has_words ? it.get_weight() : 0.0;
    docids.push_back(*it);
    if (options.explain && built.has_words) {
      hit.explanation = explain_hit(db, *it, it.get_weight(), explained_terms, options.ranking);
    }
    results.hits.push_back(std::move(hit));
  }
  read_hits(options, built, db, docids, results);
  if (counter) {
    results.has_facets = true;
    results.facets_exact = results.total_exact && counter->documents() == results.total;
    results.facets_counted = counter->documents();
    read_through_commits(db, [&] {
      results.facets.clear();
      for (const auto& field : kFacetFields) {
        results.facets.emplace_back(std::string(field.json_name),
                                    counter->top(field.facet, options.facet_limit));
      }
      results.facets.emplace_back("month", counter->top_months(options.facet_limit));
    });
  }
  // A relaxed match counts articles holding only some words: few hold them all.
  if (options.suggest && (results.total < kFewMatches || results.relaxation.relaxed)) {
    results.suggestion = find_suggestion(options, db, results);
  }
  return results;
}

// The whole search starts again after the backoff, which grows, in case commits come too
// close together for it to fit between them.
std::chrono::milliseconds backoff(int attempt) {
  constexpr std::chrono::milliseconds kFirst{20};
  constexpr std::chrono::milliseconds kLongest{1000};
  return std::min(kLongest, kFirst * (1 << std::min(attempt, 10)));
}

SearchResults search_database(const SearchOptions& options) {
  for (int attempt = 1;; ++attempt) {
    try {
      Xapian::Database db(options.db_path);
      // An empty file opens as a stub listing no database.
      if (db.size() == 0) {
        throw Xapian::DatabaseOpeningError("an empty file, not a database");
      }
      check_schema(db, options.db_path);
      return search_once(options, db);
    } catch (const Xapian::DatabaseModifiedError&) {
      // The indexer discarded the revision being matched.
      if (attempt == kAttempts) throw;
    } catch (const Xapian::DocNotFoundError&) {
      // An article matched was removed (pruned) before it could be read.
      if (attempt == kAttempts) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= kOpenAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    std::this_thread::sleep_for(backoff(attempt));
  }
}

}  // namespace

SearchResults run_search(const SearchOptions& options) {
  const std::string& path = options.db_path;
  try {
    return search_database(options);
  } catch (const Xapian::QueryParserError&) {
    throw;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw DatabaseProblem("the database " + path +
                          " kept changing faster than it could be read (an indexer commits to it "
                          "often); try again, or with a smaller --limit");
  } catch (const Xapian::DocNotFoundError&) {
    throw DatabaseProblem("articles of the database " + path +
                          " kept being removed while they were read; try again");
  } catch (const Xapian::DatabaseOpeningError& error) {
    throw DatabaseProblem("cannot open the database " + path + ": " + error.get_msg());
  } catch (const Xapian::DatabaseCorruptError& error) {
    throw DatabaseProblem("the database " + path + " is damaged: " + error.get_msg() +
                          " (xapian-check " + path + " tells more)");
  } catch (const Xapian::Error& error) {
    throw DatabaseProblem("cannot read the database " + path + ": " + error.get_description());
  }
}

}  // namespace newsdex
