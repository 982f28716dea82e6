// Running a search: open, parse, match, count facets, cut snippets.
#include "searcher/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
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
#include "searcher/seen_docids.hpp"
#include "searcher/shard_facets.hpp"
#include "searcher/shard_story_count.hpp"
#include "searcher/shards.hpp"
#include "searcher/significance.hpp"
#include "searcher/snippet_stemmer.hpp"
#include "searcher/spelling.hpp"
#include "searcher/story_reader.hpp"

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

// The longest page a match in parts finds the best of: each part's best are candidates.
constexpr Xapian::doccount kMostCandidatesPerPart = 1000;

// How many matches the match must see before it may stop counting. Every one, so that the
// total does not depend on the page: for most queries that costs a fraction of a
// millisecond more than Xapian's estimate (bench/README.md, "Exact totals"). Only a budget
// stops it sooner:
// --facet-budget for a ranked search with facets (which may then stop at the budget, as
// facets do) and the count budget; --time-limit stops it, in Xapian, when the time runs out.
// A page is found whatever the budget, so the count never stops before the page's end
// (wanted, the offset plus the limit).
Xapian::doccount matches_to_count(const SearchOptions& options, Xapian::doccount doccount,
                                  bool has_words, Xapian::doccount wanted) {
  Xapian::doccount check_at_least = doccount;
  const auto budgeted = [&](std::size_t budget) {
    const std::size_t at_least = std::max<std::size_t>(budget, wanted);
    check_at_least = static_cast<Xapian::doccount>(std::min<std::size_t>(check_at_least, at_least));
  };
  // --all and filters alone keep their exact count whatever the facet budget.
  if (options.facets && has_words && !options.list_all) budgeted(options.facet_budget);
  if (options.count_budget != 0) budgeted(options.count_budget);
  return check_at_least;
}

// What a match told of its count: Xapian's estimate and bounds (summed over the parts of a
// split match).
struct MatchCount {
  Xapian::doccount estimated = 0;
  Xapian::doccount lower = 0;
  Xapian::doccount upper = 0;
};

// The page a match returned: the hits from offset, at most limit of them.
struct PageSeen {
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 0;
  Xapian::doccount hits = 0;
};

// Sets the total and its bounds so that none contradicts a page: a user who pages on finds
// at least total_min articles, and a page cut short by the end of the matches fixes the
// count (Xapian's time limit stops counting, never the search for a page's best).
void set_total(const MatchCount& count, const PageSeen& page, SearchResults& results) {
  // The rank of the page's last hit; an empty page shows none.
  const Xapian::doccount shown_to = page.hits == 0 ? 0 : page.offset + page.hits;
  Xapian::doccount lower = std::max(count.lower, shown_to);
  Xapian::doccount upper = std::max(count.upper, lower);
  if (page.hits < page.limit) {
    // Fewer hits than asked for: no match follows them. A page that is empty from its
    // offset on says only that no more than offset articles match.
    upper = std::max(lower, std::min(upper, page.offset + page.hits));
    if (page.hits > 0 || page.offset == 0) lower = upper;
  }
  results.total_min = lower;
  results.total_max = upper;
  results.total = std::clamp(count.estimated, lower, upper);
  results.total_exact = lower == upper;
}

// The count of stories, from the articles' count and the stories a per-story counter saw:
// exact when it saw every matching article, else those it saw at least, at most as many as
// articles match, estimated at the rate of stories per article it saw.
MatchCount story_count(const MatchCount& articles, const FacetCounter& counter) {
  const Xapian::doccount seen = counter.documents();
  if (articles.lower == articles.upper && counter.articles() == articles.lower) return {seen, seen, seen};
  const double rate = counter.articles() == 0 ? 1.0 : static_cast<double>(seen) / counter.articles();
  const auto estimated = static_cast<Xapian::doccount>(std::llround(articles.estimated * rate));
  return {std::max(estimated, seen), seen, std::max(articles.upper, seen)};
}

}  // namespace

// Only a match that visits every matching article (for facets or exact counts) gains from
// the split, and only on an archive large enough to outweigh opening a handle per part; a
// long page would make the parts' candidates many.
std::size_t match_parts(const SearchOptions& options, Xapian::doccount doccount,
                        Xapian::doccount check_at_least, Xapian::doccount wanted) {
  constexpr std::size_t kMostParts = 64;
  if (check_at_least <= wanted || wanted > kMostCandidatesPerPart) return 1;
  if (doccount < options.split_min_documents) return 1;
  const std::size_t threads =
      options.match_threads != 0 ? options.match_threads : std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(threads, 1, kMostParts);
}

namespace {

// Reads the article and cuts the snippet of hits, one at a time. An article whose stored
// record is damaged shows what the index holds of it, with a warning.
class HitFiller {
 public:
  // docids: every hit that will be filled, whose wildcard matches the snippets mark.
  HitFiller(const SearchOptions& options, const BuiltQuery& built, Xapian::Database& db,
            const std::vector<Xapian::docid>& docids)
      : options_(options), built_(built), db_(db), stories_(db) {
    if (built.has_words) {
      word_terms_ = word_terms_query(built, db, docids);
      stemmer_ = Xapian::Stem(new SnippetStemmer(word_terms_));
    }
  }

  // Reads the summaries of the stories of docids together (StoryReader::read_stories)
  // before fill reads them one by one: a page of distinct stories costs one pass over
  // their articles' values instead of one per story.
  void read_stories(const std::vector<Xapian::docid>& docids) {
    read_through_commits(db_, [&] {
      stories_.read_stories(docids);
      return 0;
    });
  }

  // Fills hit.article, hit.snippet and hit.damaged from document did.
  void fill(Xapian::docid did, SearchHit& hit, std::vector<std::string>& warnings) {
    const ReadArticle read = read_through_commits(db_, [&] {
      // Shards have no one revision: their statistics are read once.
      const Xapian::rev revision = db_.size() == 1 ? db_.get_revision() : 0;
      if (built_.has_words && snippet_revision_ != revision) {
        // Term statistics come from the revision the articles are read from.
        Xapian::Enquire words(db_);
        words.set_query(word_terms_);
        snippet_source_ = words.get_mset(0, 0);
        snippet_revision_ = revision;
      }
      ReadArticle article = read_stored_article(db_, did);
      // A block overwritten by a commit since can read as damaged before Xapian notices the
      // revision is gone: read it again on the newest revision, and call it damaged only
      // when the database has not moved on.
      if (!article.damage.empty() && db_.reopen()) {
        throw Xapian::DatabaseModifiedError("the database moved on while an article was read");
      }
      const std::string& text =
          article.article.body.empty() ? article.article.title : article.article.body;
      hit.snippet =
          built_.has_words
              ? join_adjacent_highlights(collapse_whitespace(unescape_html(snippet_source_.snippet(
                    text, kSnippetBytes, stemmer_, 0, hi_start_, hi_end_, "…"))))
              : lead(text);
      article.article.story = stories_.story_of(did, article.article);
      return article;
    });
    hit.article = read.article;
    if (!read.damage.empty()) {
      hit.damaged = true;
      warnings.push_back("database " + options_.db_path + ": the stored record of article " +
                         (read.article.id.empty() ? "(id unreadable)" : read.article.id) +
                         " (document " + std::to_string(did) + ") is damaged (" + read.damage +
                         "); showing what the index holds of it");
    }
  }

 private:
  const SearchOptions& options_;
  const BuiltQuery& built_;
  Xapian::Database& db_;
  StoryReader stories_;
  const std::string hi_start_ = std::string(1, kHighlightStart);
  const std::string hi_end_ = std::string(1, kHighlightEnd);
  // Xapian's snippets do not mark phrases over Z-prefixed stems, so they are cut with a query
  // of the plain word terms: every matched word is marked, phrases included.
  Xapian::MSet snippet_source_;
  Xapian::Stem stemmer_;
  Xapian::Query word_terms_;
  std::optional<Xapian::rev> snippet_revision_;
};

// Fills in the article and snippet of each hit (docids[i] is hits[i]'s document).
void read_hits(const SearchOptions& options, const BuiltQuery& built, Xapian::Database& db,
               const std::vector<Xapian::docid>& docids, SearchResults& results) {
  HitFiller filler(options, built, db, docids);
  filler.read_stories(docids);
  for (std::size_t i = 0; i < docids.size(); ++i) {
    filler.fill(docids[i], results.hits[i], results.warnings);
  }
}

// How a streamed list longer than a page is fetched: page by page, each page the best
// matches not yet handed over (SeenDocids), so that no more than a page of matches is held.
struct PagedStream {
  Xapian::Query query;
  std::function<void(Xapian::Enquire&)> configure;
  Xapian::doccount offset = 0;  // matches skipped before the first handed over
  Xapian::doccount limit = 0;   // matches handed over at most
  Xapian::doccount page = 0;    // matches per page; the first page (mset) is one too
};

// Hands the hits of mset to sink one by one, each read just before, and leaves mset empty.
// Only the docids and weights are kept: the MSet's items take several times their memory,
// and no article is held past its turn. With paged, mset is the first page (from rank 1) and
// the next pages are fetched as the previous one runs out. started is set once the sink has
// had a hit, after which the search cannot start again without repeating it.
void stream_hits(const SearchOptions& options, const BuiltQuery& built, Xapian::Database& db,
                 Xapian::MSet& mset, SearchResults& results, const HitSink& sink, bool& started,
                 const std::optional<PagedStream>& paged) {
  const bool explain = options.explain && built.has_words;
  const std::vector<std::string> explained_terms =
      explain ? query_word_terms(built) : std::vector<std::string>{};
  std::optional<SeenDocids> seen;
  if (paged) seen.emplace(db.get_lastdocid());
  Xapian::doccount to_skip = paged ? paged->offset : 0;
  Xapian::doccount to_hand = paged ? paged->limit : mset.size();
  std::size_t rank = mset.get_firstitem() + 1;
  for (;;) {
    std::vector<Xapian::docid> docids;
    std::vector<double> weights;
    docids.reserve(mset.size());
    weights.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      docids.push_back(*it);
      weights.push_back(it.get_weight());
    }
    mset = Xapian::MSet();
    const bool last_page = !paged || docids.size() < paged->page;
    HitFiller filler(options, built, db, docids);
    for (std::size_t i = 0; i < docids.size() && to_hand > 0; ++i, ++rank) {
      if (seen) seen->add(docids[i]);
      if (to_skip > 0) {
        --to_skip;
        continue;
      }
      --to_hand;
      SearchHit hit;
      hit.rank = rank;
      hit.score = built.has_words ? weights[i] : 0.0;
      try {
        if (explain) {
          hit.explanation = read_through_commits(db, [&] {
            return explain_hit(db, docids[i], weights[i], explained_terms, options.ranking);
          });
        }
        filler.fill(docids[i], hit, results.warnings);
      } catch (const Xapian::DocNotFoundError&) {
        if (!started) throw;
        results.warnings.push_back("database " + options.db_path + ": document " +
                                   std::to_string(docids[i]) +
                                   " was removed before it could be read; left out");
        continue;
      }
      started = true;
      sink(results, hit);
    }
    if (last_page || to_hand == 0) return;
    // The pages already handed over stay handed over: a page that loses its revision is
    // fetched again from the newest one, whose best not yet seen continue the list.
    for (int attempt = 1;; ++attempt) {
      try {
        Xapian::Enquire enquire(db);
        enquire.set_query(paged->query);
        paged->configure(enquire);
        mset = enquire.get_mset(0, paged->page, 0, nullptr, &*seen);
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kAttempts) throw;
        db.reopen();
      }
    }
  }
}

SearchResults search_once(const SearchOptions& options, Xapian::Database& db, const HitSink* sink,
                          bool& started, ShardSet* shards);

// A filter value (--person, --org, --place) as the query language writes it.
std::string as_query_field(std::string_view field, const std::string& value) {
  const bool quoted = value.find_first_of(" \t") != std::string::npos;
  return std::string(field) + ":" + (quoted ? '"' + value + '"' : value);
}

// A respelling of the query and of its --person, --org and --place values (see
// suggest_spelling) that finds more articles than found did, or, when found was relaxed,
// that finds articles holding all its words. Respelt filter values are shown as the query
// language writes them (person:greenspan), after the query words.
std::optional<std::string> find_suggestion(const SearchOptions& options, Xapian::Database& db,
                                           const SearchResults& found, ShardSet* shards) {
  SearchOptions again = options;
  std::string suggested = options.query;
  bool changed = false;
  if (!trim(options.query).empty()) {
    if (auto respelt = suggest_spelling(db, options.query)) {
      suggested = again.query = std::move(*respelt);
      changed = true;
    }
  }
  const auto respell = [&](std::string_view field, std::vector<std::string>& values) {
    const auto facet = field == "person" ? Facet::person : field == "org" ? Facet::organization : Facet::place;
    for (std::string& value : values) {
      auto respelt = suggest_spelling(db, value, facet);
      if (!respelt) continue;
      value = std::move(*respelt);
      if (!suggested.empty()) suggested += ' ';
      suggested += as_query_field(field, value);
      changed = true;
    }
  };
  respell("person", again.persons);
  respell("org", again.organizations);
  respell("place", again.places);
  if (!changed) return std::nullopt;
  again.suggest = false;
  again.timeline.reset();
  again.facets = false;
  again.explain = false;
  again.limit = 1;
  again.offset = 0;
  try {
    bool started = false;
    const SearchResults respelt = search_once(again, db, nullptr, started, shards);
    if (found.relaxation.relaxed ? respelt.total > 0 && !respelt.relaxation.relaxed : respelt.total > found.total) {
      return suggested;
    }
  } catch (const Xapian::QueryParserError&) {
    // A respelling the query language reads differently is no suggestion.
  }
  return std::nullopt;
}

// With a sink, the hits go to it (stream_hits) instead of into the results. With shards, db
// is all of them: ranked with global statistics by Xapian, counted shard by shard.
SearchResults search_once(const SearchOptions& options, Xapian::Database& db, const HitSink* sink,
                          bool& started, ShardSet* shards) {
  const BuiltQuery built = build_query(options, db);

  const bool remote = shards != nullptr && shards->remote;
  // Stories are counted by a spy of our own, which shards (whose facet ordinals differ, and
  // which may be remote) do not run: over shards, stories are counted shard by shard
  // instead (shard_story_count.hpp), after the match.
  const bool stories = options.collapse && shards == nullptr;
  const bool shard_stories = options.collapse && shards != nullptr;
  const auto configure = [&options, has_words = built.has_words, remote](Xapian::Enquire& enquire) {
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
        if (remote) {
          // A remote shard runs no KeyMaker: undated articles (no value) come first.
          enquire.set_sort_by_value_then_relevance(date_slot, false);
          break;
        }
        // Undated articles have no date value, which would sort first; they go last in
        // both directions, so they sort as a key above every date.
        auto* keys = new Xapian::MultiValueKeyMaker();
        keys->add_value(date_slot, false, std::string(1, '\xff'));
        enquire.set_sort_by_key_then_relevance(keys->release(), false);
        break;
      }
    }
    if (options.time_limit > 0) enquire.set_time_limit(options.time_limit);
    enquire.set_weighting_scheme(*make_weight(options.ranking));
    // An article without a story value is not collapsed: a story of its own.
    if (options.collapse) enquire.set_collapse_key(slot_number(Slot::story));
  };

  const Xapian::doccount doccount = db.get_doccount();
  constexpr std::size_t kMostDocuments = std::numeric_limits<Xapian::doccount>::max();
  // --count shows no results; get_mset(offset, 0) still counts.
  const Xapian::doccount limit =
      options.count_only ? 0
      : options.limit == 0 ? doccount : static_cast<Xapian::doccount>(std::min(options.limit, kMostDocuments));
  const auto offset = static_cast<Xapian::doccount>(std::min(options.offset, kMostDocuments));
  // The best matches the page may show, without wrapping around for a huge --offset.
  const auto wanted = static_cast<Xapian::doccount>(std::min(std::size_t{limit} + offset, kMostDocuments));
  const auto facet_budget = static_cast<Xapian::doccount>(std::min(options.facet_budget, kMostDocuments));
  const Xapian::doccount check_at_least = matches_to_count(options, doccount, built.has_words, wanted);

  SearchResults results;
  MatchCount count;
  std::optional<FacetCounter> counter;
  std::optional<DocidRanges> candidates;  // the query of mset points to it
  Xapian::MSet mset;
  std::optional<PagedStream> paged;
  // Shards are matched side by side by Xapian; the split's filter is a PostingSource of our
  // own, which a remote shard cannot run.
  std::size_t parts = shards ? 1 : match_parts(options, doccount, check_at_least, wanted);
  if (parts > 1 && !options.facets) {
    // Xapian's bound from the terms' frequencies, read without visiting a match.
    Xapian::Enquire guess(db);
    guess.set_query(built.query);
    if (guess.get_mset(0, 0).get_matches_upper_bound() < options.split_min_matches) parts = 1;
  }
  const bool by_relevance = effective_sort(options, built.has_words) == SortOrder::relevance;
  // A search ranked by relevance counts its matches apart, as the parts of a split search
  // do (parallel_match.hpp): weighing every match costs more than counting under BoolWeight
  // and ranking in a match that skips what cannot reach the page (bench/README.md, "Exact
  // totals"). A long page, or a sort by date, visits every match anyway.
  // So does a search counting stories that one match would not see whole: Xapian's bounds
  // on the articles a collapsing match saw stay apart even when it saw every one, which would
  // make an exact count of stories look like an estimate; a count that does not collapse has
  // exact ones. A match asked to check every document shows each match to its spies before
  // collapsing (Xapian 1.4 stops showing them only once check_at_least are kept, or when its
  // time limit runs out), so its own per-story counter tells whether it saw them all.
  const bool one_match_sees_all = stories && check_at_least >= doccount;
  const bool count_apart = !shards && ((stories && !one_match_sees_all) || (!options.facets && by_relevance)) &&
                           check_at_least > wanted && wanted <= kMostCandidatesPerPart;
  // Per story, a counter counts the stories (and their facets) whether or not facets are
  // asked for: Xapian's collapsed counts are estimates, and a match in parts would count a
  // story met by two parts twice.
  const auto counted = stories ? FacetCounter::Counted::stories : FacetCounter::Counted::articles;
  const Xapian::doccount counter_budget = options.facets ? facet_budget : check_at_least;
  if (parts > 1 || count_apart) {
    PartedMatchRequest request{db, options.db_path, built.query, configure};
    request.parts = parts;
    request.by_relevance = by_relevance;
    request.wanted = wanted;
    request.check_at_least = check_at_least;
    if (options.facets || stories) {
      counter.emplace(db, 0, counted, options.facets);
      request.facets = &*counter;
      request.facet_budget = counter_budget;
    }
    const PartedMatch parted = match_in_parts(request);
    count = {parted.matches, parted.matches_lower, parted.matches_upper};
    if (stories) count = story_count(count, *counter);
    // Matching the query again over just the parts' best orders them as one match would.
    std::vector<DocidRanges::Range> best;
    for (const Xapian::docid did : parted.candidates) best.emplace_back(did, did);
    candidates.emplace(std::move(best));
    Xapian::Enquire enquire(db);
    configure(enquire);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, built.query, Xapian::Query(&*candidates)));
    mset = enquire.get_mset(offset, limit);
  } else {
    // A streamed list longer than a page is fetched page by page (stream_hits); Xapian's
    // remote backend runs no match decider, and a page of stories would need the stories
    // seen as well as the articles.
    if (sink && !remote && !options.collapse && options.stream_page > 0 &&
        wanted > options.stream_page) {
      paged = PagedStream{built.query, configure, offset, limit,
                          static_cast<Xapian::doccount>(options.stream_page)};
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    configure(enquire);
    // Only with --facets or per story: the counter sizes its counts by the archive's facet
    // values. Shards count their facets themselves (below).
    if ((options.facets || stories) && !shards) {
      counter.emplace(db, counter_budget, counted, options.facets);
      enquire.add_matchspy(&*counter);
    }
    const auto started_at = std::chrono::steady_clock::now();
    mset = paged ? enquire.get_mset(0, paged->page, check_at_least)
                 : enquire.get_mset(offset, limit, check_at_least);
    // A match that took less than the time limit cannot have run out of it.
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started_at;
    const bool in_time = options.time_limit <= 0 || took.count() < options.time_limit;
    count = {mset.get_matches_estimated(), mset.get_matches_lower_bound(),
             mset.get_matches_upper_bound()};
    if (stories && one_match_sees_all && in_time && counter->articles() < counter_budget) {
      // Every match was counted, the counter's budget short of running out.
      count = {counter->documents(), counter->documents(), counter->documents()};
    } else if (stories) {
      count = story_count({mset.get_uncollapsed_matches_estimated(), mset.get_uncollapsed_matches_lower_bound(),
                           mset.get_uncollapsed_matches_upper_bound()},
                          *counter);
    }
  }
  set_total(count, paged ? PageSeen{0, paged->page, mset.size()} : PageSeen{offset, limit, mset.size()},
            results);

  results.query = options.query;
  results.offset = options.offset;
  results.counted_stories = stories || shard_stories;
  results.facets_count_stories = stories;
  // The match is done; the rest reads the articles it chose, by docid, which stay valid from
  // one revision to the next: each read may move to the newest revision on its own.
  std::vector<Xapian::docid> docids;
  results.relaxation = built.relaxation;
  if (sink) stream_hits(options, built, db, mset, results, *sink, started, paged);
  const std::vector<std::string> explained_terms =
      options.explain && built.has_words ? query_word_terms(built) : std::vector<std::string>{};
  const auto add_hits = [&](const Xapian::MSet& hits, Xapian::doccount ranked_before) {
    for (auto it = hits.begin(); it != hits.end(); ++it) {
      SearchHit hit;
      hit.rank = ranked_before + it.get_rank() + 1;
      hit.score = built.has_words ? it.get_weight() : 0.0;
      docids.push_back(*it);
      if (options.explain && built.has_words) {
        hit.explanation = explain_hit(db, *it, it.get_weight(), explained_terms, options.ranking);
      }
      results.hits.push_back(std::move(hit));
    }
  };
  add_hits(mset, 0);
  // The page where a short query's articles with every word end goes on with those holding
  // some of the words, ranked among themselves; the count stays the former's, and a page
  // past them stays empty, as total promises. Not for exports, --limit 0, stories or a sort
  // by date, which list exactly the articles counted.
  if (!built.relaxation.rest.empty() && !sink && options.limit != 0 && !options.collapse && by_relevance &&
      results.total_exact && !mset.empty() && mset.size() < limit) {
    Xapian::Enquire enquire(db);
    enquire.set_query(built.relaxation.rest);
    configure(enquire);
    const Xapian::MSet rest = enquire.get_mset(0, limit - mset.size());
    add_hits(rest, results.total);
    results.some_words = rest.size();
  }
  read_hits(options, built, db, docids, results);
  // Over shards the facets (and with --collapse the stories) are counted where the shards are.
  const auto show_facets = [&](const auto& counts) {
    results.has_facets = true;
    results.facets_counted = counts.documents();
    for (const auto& field : kFacetFields) {
      results.facets.emplace_back(
          std::string(field.json_name),
          options.facet_order == FacetOrder::significance
              ? rank_by_significance(counts.at_least(field.facet, static_cast<Xapian::doccount>(
                                                         options.facet_min_count)),
                                     field.facet, db, counts.documents(), options.facet_limit)
              : counts.top(field.facet, options.facet_limit));
    }
    results.facets.emplace_back("month", counts.top_months(options.facet_limit));
    results.facets_undated = counts.undated();
    results.facets_significance = options.facet_order == FacetOrder::significance;
  };
  if (shard_stories) {
    const ShardStoryCount story_total = count_shard_stories(shards->shards, built.query, options.time_limit);
    // The shards visited every match: the distinct stories are the exact total.
    if (story_total.exact) {
      results.total = results.total_min = results.total_max = story_total.stories;
      results.total_exact = true;
    }
  }
  if (options.facets && shard_stories && !remote) {
    // Local shards run the single database's counter per story; stories do not span the
    // shards newsindex --shard-by writes, so the counts add.
    const ShardStoryFacets story_counts(shards->shards, built.query, options.time_limit);
    show_facets(story_counts);
    results.facets_count_stories = true;
    results.facets_exact =
        results.total_exact && story_counts.exact() && story_counts.documents() == results.total;
  } else if (options.facets && shards) {
    const ShardFacets shard_counts(shards->shards, built.query, options.time_limit);
    if (shard_stories) {
      // Remote shards run only Xapian's own spies, which count articles: the facets count
      // articles (facet_counts says so), every matching one when exact.
      show_facets(shard_counts);
      results.facets_exact = shard_counts.exact();
    } else {
      // The shards visited every match: their count is the exact total, whatever the budget.
      if (shard_counts.exact()) {
        results.total = results.total_min = results.total_max = shard_counts.documents();
        results.total_exact = true;
      }
      show_facets(shard_counts);
      results.facets_exact = results.total_exact && shard_counts.exact() &&
                             shard_counts.documents() == results.total;
    }
  }
  if (counter && options.facets) {
    results.has_facets = true;
    results.facets_exact = results.total_exact && counter->documents() == results.total;
    results.facets_counted = counter->documents();
    read_through_commits(db, [&] {
      results.facets.clear();
      for (const auto& field : kFacetFields) {
        results.facets.emplace_back(
            std::string(field.json_name),
            options.facet_order == FacetOrder::significance
                ? rank_by_significance(counter->at_least(field.facet, static_cast<Xapian::doccount>(
                                                             options.facet_min_count)),
                                       field.facet, db, counter->documents(), options.facet_limit)
                : counter->top(field.facet, options.facet_limit));
      }
      results.facets.emplace_back("month", counter->top_months(options.facet_limit));
    });
    results.facets_undated = counter->undated();
    results.facets_significance = options.facet_order == FacetOrder::significance;
  }
  if (options.timeline) {
    TimelineRequest request;
    request.unit = *options.timeline;
    request.normalize = options.normalize;
    request.time_limit = options.time_limit;
    request.remote = remote;
    request.stories = stories || shard_stories;
    if (!shards) {
      request.parts = match_parts(options, doccount, doccount, 0);
      request.db_path = options.db_path;
    }
    results.timeline = count_timeline(db, built.query, request);
    // The timeline visits every match: its count is the exact total, when it counts what
    // the total counts (over remote shards it counts articles, and says so).
    if (results.timeline->exact && results.timeline->stories == results.counted_stories) {
      results.total = results.timeline->counted;
      results.total_exact = true;
    }
  }
  // A relaxed match counts articles holding only some words: few hold them all.
  if (options.suggest && (results.total < kFewMatches || results.relaxation.relaxed)) {
    results.suggestion = find_suggestion(options, db, results, shards);
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

// Once a sink has had a hit (started), a failure ends the search instead of starting it again.
SearchResults search_database(const SearchOptions& options, const HitSink* sink) {
  bool started = false;
  const auto specs = read_stub(options.db_path);
  const bool sharded = specs && needs_shard_search(*specs);
  Xapian::rev revision_read = 0;  // of a single database, once opened; 0 before
  for (int attempt = 1;; ++attempt) {
    revision_read = 0;
    try {
      if (sharded) {
        ShardSet shards = open_shards(*specs, options.shard_timeout, options.allow_partial);
        for (std::size_t i = 0; i < shards.shards.size(); ++i) {
          check_schema(shards.shards[i], shards.names[i]);
        }
        SearchResults results = search_once(options, shards.all, sink, started, &shards);
        results.unreachable = shards.unreachable;
        results.partial = !results.unreachable.empty();
        return results;
      }
      Xapian::Database db(options.db_path);
      // An empty file opens as a stub listing no database.
      if (db.size() == 0) {
        throw Xapian::DatabaseOpeningError("an empty file, not a database");
      }
      // More than one database here is a stub read_stub could not follow: searching it as
      // one database would mix the shards' facet numberings.
      if (db.size() > 1) {
        throw DatabaseProblem("cannot search " + options.db_path +
                              ": a stub whose lines are not all \"auto PATH\" or \"remote HOST:PORT\"");
      }
      check_schema(db, options.db_path);
      revision_read = db.get_revision();
      return search_once(options, db, sink, started, nullptr);
    } catch (const Xapian::DatabaseCorruptError&) {
      // A block of the revision being read, overwritten by a commit since, can read as
      // damaged before Xapian notices the revision is gone: damage only if the database has
      // not moved on.
      if (revision_read == 0 || attempt == kAttempts || started ||
          Xapian::Database(options.db_path).get_revision() == revision_read) {
        throw;
      }
    } catch (const Xapian::DatabaseModifiedError&) {
      // The indexer discarded the revision being matched.
      if (attempt == kAttempts || started) throw;
    } catch (const Xapian::DocNotFoundError&) {
      // An article matched was removed (pruned) before it could be read.
      if (attempt == kAttempts || started) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= kOpenAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    } catch (const Xapian::NetworkError&) {
      // A shard stopped answering: opening the shards again names it, or leaves it out.
      if (attempt >= kOpenAttempts || started) throw;
      continue;
    }
    std::this_thread::sleep_for(backoff(attempt));
  }
}

// Runs the search, with its Xapian errors told as DatabaseProblem.
SearchResults search_with(const SearchOptions& options, const HitSink* sink) {
  const std::string& path = options.db_path;
  try {
    return search_database(options, sink);
  } catch (const Xapian::QueryParserError&) {
    throw;
  } catch (const Xapian::NetworkError& error) {
    throw ShardUnreachable("a shard of " + path + " stopped answering: " + error.get_msg());
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

}  // namespace

SearchResults run_search(const SearchOptions& options) { return search_with(options, nullptr); }

SearchResults run_search(const SearchOptions& options, const HitSink& sink) {
  return search_with(options, &sink);
}

}  // namespace newsdex
