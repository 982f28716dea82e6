// Fuzzes query parsing as newssearch does it (the schema's QueryParser configuration and
// build_query, which routes wildcards and parses with query_parser_flags()), then runs each
// parsed query on a small in-memory database.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "searcher/query_builder.hpp"

namespace {

// A few articles with words, facet terms and dates, so wildcards, ranges and facet
// filters have something to expand and match.
Xapian::WritableDatabase make_database() {
  using namespace newsdex;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  configure_term_generator(generator);
  const struct {
    const char* title;
    const char* body;
    const char* person;
    const char* date;
  } kArticles[] = {
      {"Zelenskyy presses NATO allies", "President Volodymyr Zelenskyy urged NATO allies in Brussels",
       "Volodymyr Zelenskyy", "20251214093000"},
      {"Fed cuts rates", "The Federal Reserve cut rates again, citing a cooling labour market",
       "Jerome Powell", "20251210000000"},
      {"Grain corridor", "Ships crossed the Black Sea grain corridor at Odesa", "Vladimir Putin",
       "20251014120000"},
  };
  for (const auto& article : kArticles) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(article.title, kTitleWeight, std::string(kTitlePrefix));
    generator.index_text(article.title, kTitleWeight);
    generator.increase_termpos();
    generator.index_text(article.body);
    doc.add_boolean_term(facet_term(Facet::person, article.person));
    doc.add_value(slot_number(Slot::date), article.date);
    db.add_document(doc);
  }
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  static Xapian::WritableDatabase db = make_database();
  static Xapian::QueryParser parser = [] {
    Xapian::QueryParser configured;
    configure_query_parser(configured, &canonical_names);
    configured.set_database(db);
    return configured;
  }();

  // Through build_query, as newssearch parses: wildcards are routed before Xapian parses.
  SearchOptions options;
  options.query.assign(reinterpret_cast<const char*>(data), size);
  Xapian::Query query;
  try {
    query = build_query(options, parser, &canonical_names).query;
  } catch (const Xapian::QueryParserError&) {
    return 0;
  }
  (void)query.get_description();
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  (void)enquire.get_mset(0, 10).size();
  return 0;
}
