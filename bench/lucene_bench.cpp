// Lucene++ peer: indexes the benchmark's prepared JSON Lines and times a query file.
//
//   lucene_bench index DIR INPUT.jsonl        (prints "indexed N")
//   lucene_bench query DIR QUERIES [PASSES]   (driver_io.hpp output)
//
// Analyzer: lucene++-contrib's SnowballAnalyzer("english") without stop words, the
// closest to Xapian's english stemmer that Newsdex uses (StandardAnalyzer does not stem).
// Fields: id (unique, updateDocument replaces), title and body (analyzed, stored, with
// positions), date YYYYMMDDhhmmss, person / surname / place (one untokenized term per tag).
// Query words go to a MultiFieldQueryParser over title^3 and body, as Newsdex weights a
// title word three times; filters are a QueryWrapperFilter; snippets come from the
// contrib Highlighter, facets from per-document value tables built once at open.
#include <LuceneHeaders.h>
#include <Highlighter.h>
#include <MultiFieldQueryParser.h>
#include <QueryScorer.h>
#include <QueryWrapperFilter.h>
#include <Sort.h>
#include <SortField.h>
#include <SnowballAnalyzer.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "driver_io.hpp"

using namespace Lucene;

namespace {

constexpr int kTop = 10;
constexpr std::size_t kFacetLimit = 10;

String wide(const std::string& utf8) { return StringUtils::toUnicode(utf8); }

AnalyzerPtr make_analyzer() {
  return newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_30, L"english");
}

std::string digits_of(const std::string& date) {  // "1987-02-26T15:01:01" → "19870226150101"
  std::string out;
  for (char c : date) {
    if (c >= '0' && c <= '9') out += c;
  }
  out.resize(14, '0');
  return out;
}

void add_keyword(const DocumentPtr& doc, const String& field, const std::string& value) {
  doc->add(newLucene<Field>(field, wide(value), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
}

int index_main(const std::string& dir, const std::string& input) {
  std::ifstream in(input);
  if (!in) throw std::runtime_error("cannot read " + input);
  IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(dir)), make_analyzer(), true,
                                                 IndexWriter::MaxFieldLengthUNLIMITED);
  std::string line;
  long count = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    const std::string id = j.value("id", "");
    DocumentPtr doc = newLucene<Document>();
    doc->add(newLucene<Field>(L"id", wide(id), Field::STORE_YES, Field::INDEX_NOT_ANALYZED_NO_NORMS));
    doc->add(newLucene<Field>(L"title", wide(j.value("title", "")), Field::STORE_YES, Field::INDEX_ANALYZED));
    doc->add(newLucene<Field>(L"body", wide(j.value("body", "")), Field::STORE_YES, Field::INDEX_ANALYZED));
    const std::string date = j.value("date", "");
    if (!date.empty()) {
      doc->add(newLucene<Field>(L"date", wide(digits_of(date)), Field::STORE_YES,
                                Field::INDEX_NOT_ANALYZED_NO_NORMS));
    }
    for (const auto& person : j.value("people", std::vector<std::string>{})) {
      add_keyword(doc, L"person", person);
      add_keyword(doc, L"surname", person.substr(person.rfind('-') + 1));
    }
    for (const auto& place : j.value("places", std::vector<std::string>{})) add_keyword(doc, L"place", place);
    writer->updateDocument(newLucene<Term>(L"id", wide(id)), doc);
    ++count;
  }
  writer->commit();
  writer->close();
  std::cout << "indexed " << count << '\n';
  return 0;
}

// Forwards to the top-10 collector and, when facets are wanted, records every match.
class RecordingCollector : public Collector {
 public:
  RecordingCollector(const CollectorPtr& inner, std::vector<int32_t>* all) : inner_(inner), all_(all) {}
  LUCENE_CLASS(RecordingCollector);

  void setScorer(const ScorerPtr& scorer) override { inner_->setScorer(scorer); }
  void collect(int32_t doc) override {
    inner_->collect(doc);
    ++matches_;
    if (all_) all_->push_back(base_ + doc);
  }
  void setNextReader(const IndexReaderPtr& reader, int32_t base) override {
    base_ = base;
    inner_->setNextReader(reader, base);
  }
  bool acceptsDocsOutOfOrder() override { return inner_->acceptsDocsOutOfOrder(); }
  long matches() const { return matches_; }

 private:
  CollectorPtr inner_;
  std::vector<int32_t>* all_;
  int32_t base_ = 0;
  long matches_ = 0;
};

// doc → ids of its values in one facet, read once from the postings at open.
struct FacetTable {
  std::vector<String> names;
  std::vector<std::vector<int32_t>> values_of_doc;

  // transform maps a term text to the facet value (the month for dates).
  template <typename Transform>
  FacetTable(const IndexReaderPtr& reader, const String& field, Transform transform)
      : values_of_doc(static_cast<std::size_t>(reader->maxDoc())) {
    std::unordered_map<String, int32_t> ids;
    TermEnumPtr terms = reader->terms(newLucene<Term>(field, L""));
    TermDocsPtr docs = reader->termDocs();
    do {
      TermPtr term = terms->term();
      if (!term || term->field() != field) break;
      const String value = transform(term->text());
      auto [it, fresh] = ids.try_emplace(value, static_cast<int32_t>(names.size()));
      if (fresh) names.push_back(value);
      docs->seek(term);
      while (docs->next()) values_of_doc[static_cast<std::size_t>(docs->doc())].push_back(it->second);
    } while (terms->next());
  }

  std::size_t top(const std::vector<int32_t>& matches) const {
    std::vector<std::pair<int32_t, int32_t>> counts;  // value id → count, dense
    std::vector<int32_t> count(names.size(), 0);
    for (int32_t doc : matches) {
      for (int32_t v : values_of_doc[static_cast<std::size_t>(doc)]) ++count[static_cast<std::size_t>(v)];
    }
    for (std::size_t v = 0; v < count.size(); ++v) {
      if (count[v] > 0) counts.emplace_back(count[v], static_cast<int32_t>(v));
    }
    const auto n = std::min(kFacetLimit, counts.size());
    std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(n), counts.end(),
                      std::greater<>());
    return n;
  }
};

class LuceneSearch {
 public:
  explicit LuceneSearch(const std::string& dir)
      : reader_(IndexReader::open(FSDirectory::open(wide(dir)), true)),
        searcher_(newLucene<IndexSearcher>(reader_)),
        analyzer_(make_analyzer()),
        people_(reader_, L"person", [](const String& s) { return s; }),
        places_(reader_, L"place", [](const String& s) { return s; }),
        months_(reader_, L"date", [](const String& s) { return s.substr(0, 6); }) {
    Collection<String> fields = newCollection<String>(L"title", L"body");
    MapStringDouble boosts = MapStringDouble::newInstance();
    boosts.put(L"title", 3.0);
    parser_ = newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_30, fields, analyzer_, boosts);
  }

  unsigned long long run(const bench::BenchQuery& q) {
    const bool has_words = !q.query.empty();
    QueryPtr query;
    if (has_words) {
      parser_->setDefaultOperator(q.any ? QueryParser::OR_OPERATOR : QueryParser::AND_OPERATOR);
      query = parser_->parse(wide(q.query));
    } else {
      query = newLucene<MatchAllDocsQuery>();
    }
    FilterPtr filter = make_filter(q);
    TopDocsCollectorPtr top;
    if (has_words) {
      top = TopScoreDocCollector::create(kTop, false);
    } else {
      SortPtr newest = newLucene<Sort>(newLucene<SortField>(L"date", SortField::STRING, true));
      top = TopFieldCollector::create(newest, kTop, false, false, false, false);
    }
    std::vector<int32_t> all;
    auto collector = newLucene<RecordingCollector>(top, q.facets ? &all : nullptr);
    searcher_->search(query, filter, collector);

    std::size_t work = 0;
    HighlighterPtr highlighter;
    if (has_words) highlighter = newLucene<Highlighter>(newLucene<QueryScorer>(query));
    Collection<ScoreDocPtr> hits = top->topDocs()->scoreDocs;
    for (auto it = hits.begin(); it != hits.end(); ++it) {
      DocumentPtr doc = searcher_->doc((*it)->doc);
      const String body = doc->get(L"body");
      work += highlighter ? highlighter->getBestFragment(analyzer_, L"body", body).size()
                          : body.substr(0, 240).size();
    }
    if (q.facets) work += people_.top(all) + places_.top(all) + months_.top(all);
    sink_ += work;
    return static_cast<unsigned long long>(collector->matches());
  }

  std::size_t sink() const { return sink_; }

 private:
  FilterPtr make_filter(const bench::BenchQuery& q) {
    BooleanQueryPtr must = newLucene<BooleanQuery>();
    bool any = false;
    for (const auto& person : q.persons) {  // whole tag or surname, like Newsdex's person:
      BooleanQueryPtr either = newLucene<BooleanQuery>();
      either->add(newLucene<TermQuery>(newLucene<Term>(L"person", wide(person))), BooleanClause::SHOULD);
      either->add(newLucene<TermQuery>(newLucene<Term>(L"surname", wide(person))), BooleanClause::SHOULD);
      must->add(either, BooleanClause::MUST);
      any = true;
    }
    for (const auto& place : q.places) {
      must->add(newLucene<TermQuery>(newLucene<Term>(L"place", wide(place))), BooleanClause::MUST);
      any = true;
    }
    if (!q.from.empty() || !q.to.empty()) {
      const String lo = q.from.empty() ? L"0" : wide(digits_of(q.from).substr(0, 8) + "000000");
      const String hi = q.to.empty() ? L"99999999999999" : wide(digits_of(q.to).substr(0, 8) + "235959");
      // A TermRangeQuery enumerates the date terms in range on every query (one term per
      // distinct timestamp), which is what makes date-filtered queries Lucene's slowest here.
      must->add(newLucene<TermRangeQuery>(L"date", lo, hi, true, true), BooleanClause::MUST);
      any = true;
    }
    return any ? newLucene<QueryWrapperFilter>(must) : FilterPtr();
  }

  IndexReaderPtr reader_;
  IndexSearcherPtr searcher_;
  AnalyzerPtr analyzer_;
  QueryParserPtr parser_;
  FacetTable people_, places_, months_;
  std::size_t sink_ = 0;
};

}  // namespace

int main(int argc, char** argv) try {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "index" && argc == 4) return index_main(argv[2], argv[3]);
  if (mode == "query" && argc >= 4) {
    LuceneSearch searcher(argv[2]);
    const auto queries = bench::read_queries(argv[3]);
    const int passes = argc > 4 ? std::atoi(argv[4]) : 3;
    // Lucene's collector sees every match, so run() already returns the exact count.
    bench::time_queries(
        queries, passes, std::cout, [&](const bench::BenchQuery& q) { return searcher.run(q); },
        [&](const bench::BenchQuery& q) { return searcher.run(q); });
    std::cerr << "lucene_bench: checksum " << searcher.sink() << '\n';
    return 0;
  }
  std::cerr << "usage: lucene_bench index DIR INPUT.jsonl | lucene_bench query DIR QUERIES [PASSES]\n";
  return 2;
} catch (const LuceneException& e) {
  std::cerr << "lucene_bench: " << StringUtils::toUTF8(e.getError()) << '\n';
  return 1;
} catch (const std::exception& e) {
  std::cerr << "lucene_bench: " << e.what() << '\n';
  return 1;
}
