// Reading one article back by its shown id, and the articles related to it.
#include "searcher/article_lookup.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/hit_reader.hpp"
#include "searcher/related_ranker.hpp"
#include "searcher/story_reader.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kLeadBytes = 240;
// Words of the expand set that describe an article: enough to find its story, few enough
// that its incidental words do not.
constexpr Xapian::termcount kExpandTerms = 30;
// Candidates the query brings back to rank by their whole text (RelatedRanker), at least:
// enough that the reports of the article's event are among them.
constexpr Xapian::doccount kRankedCandidates = 100;

void add_found(const Xapian::Database& db, Xapian::docid did, std::string_view id,
               std::vector<FoundArticle>& found) {
  for (const auto& known : found) {
    if (known.did == did) return;
  }
  ReadArticle read = read_stored_article(db, did);
  if (read.article.id != id) return;

  found.push_back({did, std::move(read.article), !read.damage.empty()});
}

std::string lead(std::string_view text) {
  const std::string collapsed = collapse_whitespace(text);
  if (collapsed.size() <= kLeadBytes) return collapsed;
  std::string_view cut = truncate_utf8(collapsed, kLeadBytes);
  if (const auto space = cut.rfind(' '); space != std::string_view::npos && space > 0) {
    cut = cut.substr(0, space);
  }
  return std::string(cut) + "…";
}

// Body and title stems: what the expand set may choose from. Field and filter terms repeat
// them or are weighed in apart (entities).
struct WordTerms : Xapian::ExpandDecider {
  bool operator()(const std::string& term) const override {
    return term.size() > kStemPrefix.size() && term.starts_with(kStemPrefix) &&
           !(term[1] >= 'A' && term[1] <= 'Z');
  }
};

template <typename Run>
auto with_database(const std::string& path, Run&& run) -> decltype(run(std::declval<Xapian::Database&>())) {
  try {
    Xapian::Database db(path);
    if (db.size() == 0) throw Xapian::DatabaseOpeningError("an empty file, not a database");
    check_schema(db, path);
    return run(db);
  } catch (const Xapian::DatabaseOpeningError& error) {
    throw DatabaseProblem("cannot open the database " + path + ": " + error.get_msg());
  } catch (const Xapian::DatabaseCorruptError& error) {
    throw DatabaseProblem("the database " + path + " is damaged: " + error.get_msg() +
                          " (xapian-check " + path + " tells more)");
  } catch (const Xapian::DatabaseModifiedError&) {
    throw DatabaseProblem("the database " + path + " changed while it was read; try again");
  } catch (const Xapian::Error& error) {
    throw DatabaseProblem("cannot read the database " + path + ": " + error.get_description());
  }
}

FoundArticle the_article(const Xapian::Database& db, std::string_view id) {
  std::vector<FoundArticle> found = find_articles(db, id);
  if (found.empty()) throw ArticleNotFound("no article has the id '" + std::string(id) + "'");
  if (found.size() > 1) {
    std::vector<std::string> forms;
    for (const auto& one : found) forms.push_back(one.article.path + "#" + one.article.id);
    throw AmbiguousId(std::to_string(found.size()) + " articles have the id '" + std::string(id) +
                          "'; name one as PATH#ID",
                      std::move(forms));
  }
  return std::move(found.front());
}

std::string id_term_of(const Xapian::Document& doc) {
  auto term = doc.termlist_begin();
  term.skip_to(std::string(kIdPrefix));
  if (term == doc.termlist_end() || !(*term).starts_with(kIdPrefix)) return {};
  return *term;
}

}  // namespace

std::vector<FoundArticle> find_articles(const Xapian::Database& db, std::string_view id) {
  std::vector<FoundArticle> found;
  if (id.empty()) return found;
  const std::string term = shown_id_term(id);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    add_found(db, *it, id, found);
  }
  if (found.empty()) {
    // "PATH#ID": the article with id ID read from PATH.
    const std::size_t hash = id.rfind('#');
    if (hash != std::string_view::npos && hash > 0 && hash + 1 < id.size()) {
      std::vector<FoundArticle> in_file = find_articles(db, id.substr(hash + 1));
      for (auto& one : in_file) {
        if (one.article.path == id.substr(0, hash)) found.push_back(std::move(one));
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.did < b.did; });
  return found;
}

FoundArticle show_article(const std::string& db_path, std::string_view id) {
  return with_database(db_path, [&](Xapian::Database& db) {
    FoundArticle found = the_article(db, id);
    StoryReader stories(db);
    found.article.story = stories.story_of(found.did, found.article);
    return found;
  });
}

SearchResults list_story(const std::string& db_path, std::string_view id, std::size_t limit) {
  return with_database(db_path, [&](Xapian::Database& db) {
    std::vector<Xapian::docid> documents = story_documents(db, id);
    if (documents.empty()) {
      // An article without a story value is a story of one named by its own id.
      for (const FoundArticle& found : find_articles(db, id)) {
        if (story_id_of(db.get_document(found.did)).empty()) documents.push_back(found.did);
      }
      if (documents.size() != 1) documents.clear();
    }
    if (documents.empty()) throw ArticleNotFound("no story has the id '" + std::string(id) + "'");
    SearchResults results;
    results.query = "story " + std::string(id);
    results.total = static_cast<Xapian::doccount>(documents.size());
    results.total_exact = true;
    results.total_min = results.total_max = results.total;
    if (limit != 0 && documents.size() > limit) documents.resize(limit);
    StoryReader stories(db);
    for (const Xapian::docid did : documents) {
      ReadArticle read = read_stored_article(db, did);
      SearchHit hit;
      hit.rank = results.hits.size() + 1;
      hit.snippet = lead(read.article.body.empty() ? read.article.title : read.article.body);
      hit.damaged = !read.damage.empty();
      hit.article = std::move(read.article);
      hit.article.story = stories.story_of(did, hit.article);
      results.hits.push_back(std::move(hit));
    }
    return results;
  });
}

SearchResults like_article(const std::string& db_path, std::string_view id, std::size_t limit) {
  return with_database(db_path, [&](Xapian::Database& db) {
    const FoundArticle article = the_article(db, id);
    const Xapian::Document doc = db.get_document(article.did);
    Xapian::Enquire enquire(db);
    Xapian::RSet relevant;
    relevant.add_document(article.did);
    const WordTerms words;
    const Xapian::ESet expand = enquire.get_eset(kExpandTerms, relevant, &words);
    std::vector<Xapian::Query> parts;
    const double top_weight = expand.empty() ? 1.0 : expand.begin().get_weight();
    for (auto term = expand.begin(); term != expand.end(); ++term) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*term),
                         term.get_weight() / top_weight);
    }
    // Shared persons, organizations and places count as much as a word of the same rarity:
    // filter terms carry no weight of their own, so each gets a fixed one, its idf.
    const double articles = std::max<double>(db.get_doccount(), 1);
    for (const auto& field : kFacetFields) {
      if (field.facet == Facet::source || field.facet == Facet::author) continue;
      const std::string prefix(field.term_prefix);
      for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        if (!(*term).starts_with(prefix)) continue;
        if (field.facet == Facet::person && (*term).starts_with(kPersonSurnamePrefix)) continue;
        const double idf = std::log(1 + articles / std::max<double>(db.get_termfreq(*term), 1));
        parts.emplace_back(Xapian::Query::OP_FILTER,
                           Xapian::Query((new Xapian::FixedWeightPostingSource(idf))->release()),
                           Xapian::Query(*term));
      }
    }
    const std::string own_term = id_term_of(doc);
    const std::string original_term = doc.get_value(slot_number(Slot::copy_of));
    // The article itself, its copies and, for a copy, its original and that one's copies.
    std::vector<Xapian::Query> same_text{Xapian::Query(own_term), Xapian::Query(copy_term(own_term))};
    if (!original_term.empty()) {
      same_text.emplace_back(original_term);
      same_text.emplace_back(copy_term(original_term));
    }
    const Xapian::Query related(Xapian::Query::OP_AND_NOT,
                                Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                                Xapian::Query(Xapian::Query::OP_OR, same_text.begin(), same_text.end()));
    SearchResults results;
    results.query = "like " + article.article.id;
    // The query finds candidates; each is then ranked by its whole text's similarity to the
    // article (RelatedRanker): first those that may report the article's event, then the
    // others (weakly related, or dated too far from it); copies among them show once: the
    // first ranked of each text.
    const Xapian::doccount wanted = limit == 0 ? db.get_doccount() : static_cast<Xapian::doccount>(limit);
    const Xapian::doccount asked =
        std::min(db.get_doccount(), std::max<Xapian::doccount>(wanted * 3 + 10, kRankedCandidates));
    enquire.set_query(related);
    const Xapian::MSet matches = enquire.get_mset(0, asked);
    RelatedRanker ranker(db, doc);
    struct Candidate {
      Xapian::MSetIterator match;
      bool same_event;
      double score;
    };
    std::vector<Candidate> candidates;
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      const Xapian::Document found = match.get_document();
      const double score = ranker.score(found);
      candidates.push_back({match, ranker.may_report_event(found, score), score});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      if (a.same_event != b.same_event) return a.same_event;
      return a.score > b.score;
    });
    std::set<std::string> texts;
    StoryReader story_reader(db);
    for (const Candidate& candidate : candidates) {
      if (results.hits.size() >= wanted) break;
      const Xapian::Document found = candidate.match.get_document();
      const std::string copy_of = found.get_value(slot_number(Slot::copy_of));
      if (!texts.insert(copy_of.empty() ? id_term_of(found) : copy_of).second) continue;
      ReadArticle read = read_stored_article(db, *candidate.match);
      SearchHit hit;
      hit.rank = results.hits.size() + 1;
      hit.score = candidate.score;
      hit.snippet = lead(read.article.body);
      hit.damaged = !read.damage.empty();
      hit.article = std::move(read.article);
      hit.article.story = story_reader.story_of(*candidate.match, hit.article);
      results.hits.push_back(std::move(hit));
    }
    results.total = static_cast<Xapian::doccount>(results.hits.size());
    results.total_exact = matches.size() < asked;
    if (!results.total_exact) results.total = matches.get_matches_estimated();
    return results;
  });
}

}  // namespace newsdex
