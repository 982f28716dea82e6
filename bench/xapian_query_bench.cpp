// Times plain Xapian (QueryParser + Enquire, database opened once) over the index that
// bench/scriptindex.script builds, so Newsdex can be compared with "Xapian as a peer".
//
// The work per query mirrors run_search: parse, filter, rank top 10, read each hit's
// stored data and cut a snippet with MSet::snippet, and with facets count people, places
// and months over every match. Like Newsdex it asks for exact counts only when facets are
// wanted or there are no words (then results are newest first).
//
// Index layout (see scriptindex.script): title as S and unprefixed (weight 3), body
// unprefixed; XP:/XPN:/XL: person, person-surname, place terms; slot 0 date
// YYYYMMDDhhmmss; slot 1 people and slot 3 places, '|'-joined.
//
// usage: xapian_query_bench DB QUERIES [PASSES]
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "driver_io.hpp"

namespace {

constexpr Xapian::valueno kDateSlot = 0;
constexpr Xapian::valueno kPeopleSlot = 1;
constexpr Xapian::valueno kPlacesSlot = 3;
constexpr std::size_t kFacetLimit = 10;

// Counts '|'-separated values of the people and places slots and the month of the date.
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    count_list(doc.get_value(kPeopleSlot), people_);
    count_list(doc.get_value(kPlacesSlot), places_);
    const std::string date = doc.get_value(kDateSlot);
    if (date.size() >= 6) ++months_[date.substr(0, 6)];
  }

  // Top values per facet, as a results page would show them; returns how many were kept
  // so the work cannot be optimised away.
  std::size_t top() const { return top_of(people_) + top_of(places_) + top_of(months_); }

 private:
  using Counts = std::unordered_map<std::string, Xapian::doccount>;

  static void count_list(std::string_view list, Counts& counts) {
    while (!list.empty()) {
      const auto bar = list.find('|');
      const auto item = list.substr(0, bar);
      if (!item.empty()) ++counts[std::string(item)];
      if (bar == std::string_view::npos) break;
      list.remove_prefix(bar + 1);
    }
  }

  static std::size_t top_of(const Counts& counts) {
    std::vector<std::pair<std::string, Xapian::doccount>> items(counts.begin(), counts.end());
    const auto n = std::min(kFacetLimit, items.size());
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(n), items.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second; });
    return n;
  }

  Counts people_, places_, months_;
};

std::string compact_date(const std::string& iso) {  // "1987-03-01" → "19870301"
  std::string out;
  for (char c : iso) {
    if (c != '-') out += c;
  }
  return out;
}

// The text after "body=" in scriptindex's document data ("name=value" lines).
std::string body_of(const std::string& data) {
  const auto pos = data.find("body=");
  return pos == std::string::npos ? data : data.substr(pos + 5);
}

class Searcher {
 public:
  explicit Searcher(const std::string& path) : db_(path), stemmer_("english") {
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.add_prefix("title", "S");
  }

  // The exact number of matches (untimed, for cross-checking).
  unsigned long long count(const bench::BenchQuery& q) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(build(q));
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  }

  // The query with its filters, as run_search builds it for Newsdex's schema.
  Xapian::Query build(const bench::BenchQuery& q) {
    Xapian::Query query = Xapian::Query::MatchAll;
    if (!q.query.empty()) {
      parser_.set_default_op(q.any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
      query = parser_.parse_query(q.query, Xapian::QueryParser::FLAG_DEFAULT |
                                               Xapian::QueryParser::FLAG_BOOLEAN |
                                               Xapian::QueryParser::FLAG_PHRASE |
                                               Xapian::QueryParser::FLAG_LOVEHATE);
    }
    // A person matches by whole tag or by surname, as Newsdex's person: filter does.
    for (const auto& person : q.persons) {
      const Xapian::Query either(Xapian::Query::OP_OR, Xapian::Query("XP:" + person),
                                 Xapian::Query("XPN:" + person));
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, either);
    }
    for (const auto& place : q.places) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query("XL:" + place));
    }
    if (!q.from.empty() || !q.to.empty()) {
      const std::string lo = q.from.empty() ? "0" : compact_date(q.from) + "000000";
      const std::string hi = q.to.empty() ? "99999999999999" : compact_date(q.to) + "235959";
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, lo, hi));
    }
    return query;
  }


  unsigned long long run(const bench::BenchQuery& q) {
    const bool has_words = !q.query.empty();
    Xapian::Enquire enquire(db_);
    enquire.set_query(build(q));
    if (has_words) {
      enquire.set_sort_by_relevance_then_value(kDateSlot, true);
    } else {
      enquire.set_sort_by_value_then_relevance(kDateSlot, true);
    }
    FacetSpy spy;
    if (q.facets) enquire.add_matchspy(&spy);
    const bool exact = q.facets || !has_words;
    const Xapian::MSet mset = enquire.get_mset(0, 10, exact ? db_.get_doccount() : 0);
    std::size_t work = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string body = body_of(it.get_document().get_data());
      work += has_words ? mset.snippet(body, 240, stemmer_,
                                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                           Xapian::MSet::SNIPPET_EXHAUSTIVE)
                              .size()
                        : body.substr(0, 240).size();
    }
    if (q.facets) work += spy.top();
    sink_ += work;
    return mset.get_matches_estimated();
  }

  std::size_t sink() const { return sink_; }

 private:
  Xapian::Database db_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
  std::size_t sink_ = 0;
};

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) {
    std::cerr << "usage: xapian_query_bench DB QUERIES [PASSES]\n";
    return 2;
  }
  Searcher searcher(argv[1]);
  const auto queries = bench::read_queries(argv[2]);
  const int passes = argc > 3 ? std::atoi(argv[3]) : 3;
  bench::time_queries(
      queries, passes, std::cout, [&](const bench::BenchQuery& q) { return searcher.run(q); },
      [&](const bench::BenchQuery& q) { return searcher.count(q); });
  std::cerr << "xapian_query_bench: checksum " << searcher.sink() << '\n';
  return 0;
} catch (const Xapian::Error& e) {
  std::cerr << "xapian_query_bench: " << e.get_description() << '\n';
  return 1;
} catch (const std::exception& e) {
  std::cerr << "xapian_query_bench: " << e.what() << '\n';
  return 1;
}
