// Unit tests for --match auto: when a query stays strict, when it relaxes, and its weights.
#include "searcher/matching_strategy.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "searcher/explain.hpp"
#include "searcher/query_builder.hpp"

using namespace newsdex;

namespace {

// An in-memory archive indexed as newsindex indexes bodies.
Xapian::WritableDatabase archive(const std::vector<std::string>& bodies) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  configure_term_generator(generator);
  for (const auto& body : bodies) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(body);
    db.add_document(doc);
  }
  return db;
}

const std::vector<std::string> kBodies = {
    "Diem and the Buddhists: pressure from Washington on the Saigon regime.",
    "The Kennedy administration weighs aid to Saigon.",
    "Buddhist monks protest in Hue; Diem responds with troops.",
    "Grain harvest in Kansas breaks records.",
};

BuiltQuery build_auto(const Xapian::Database& db, const std::string& query) {
  SearchOptions options;
  options.query = query;
  options.match = WordMatch::automatic;
  return build_query(options, db);
}

std::size_t matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, db.get_doccount()).size();
}

}  // namespace

TEST_CASE("matching: a short query stays strict while some article holds every word") {
  const auto db = archive(kBodies);
  const BuiltQuery built = build_auto(db, "diem buddhists");
  CHECK_FALSE(built.relaxation.relaxed);
  CHECK(built.relaxation.words == 2);
  CHECK(matches(db, built.query) == 2);  // articles 1 and 3 only, as --match all
  CHECK(relaxation_note(built.relaxation).empty());
}

TEST_CASE("matching: a short query's articles with only some of its words are listed after") {
  const auto db = archive(kBodies);
  const BuiltQuery built = build_auto(db, "diem buddhists");
  REQUIRE_FALSE(built.relaxation.rest.empty());
  // Articles 1 and 3 hold both words; no other holds either.
  Xapian::Enquire enquire(db);
  enquire.set_query(built.relaxation.rest);
  const Xapian::MSet rest = enquire.get_mset(0, 10);
  CHECK(rest.size() == 0);

  const BuiltQuery saigon = build_auto(db, "saigon buddhists");
  REQUIRE(matches(db, saigon.query) == 1);  // article 1 holds both
  enquire.set_query(saigon.relaxation.rest);
  const Xapian::MSet some = enquire.get_mset(0, 10);
  REQUIRE(some.size() == 2);  // article 2 (Saigon), article 3 (Buddhist), not article 1
  std::vector<Xapian::docid> docids{*some[0], *some[1]};
  std::sort(docids.begin(), docids.end());
  CHECK(docids == std::vector<Xapian::docid>{2, 3});

  SearchOptions options;
  options.query = "saigon buddhists";
  options.match = WordMatch::automatic;
  options.ranking = parse_ranking_params("rest=0");
  CHECK(build_query(options, db).relaxation.rest.empty());
}

TEST_CASE("matching: a short query no article fully matches relaxes to its words ORed") {
  const auto db = archive(kBodies);
  const BuiltQuery built = build_auto(db, "diem grain");
  CHECK(built.relaxation.relaxed);
  CHECK(built.relaxation.all_words == 0);
  CHECK(matches(db, built.query) == 3);
  CHECK(relaxation_note(built.relaxation) ==
        "no article has all 2 words; showing those with some of them, best first");
}

TEST_CASE("matching: a long question relaxes, and the note counts the articles with every word") {
  const auto db = archive(kBodies);
  SECTION("none holds every word") {
    const BuiltQuery built = build_auto(db, "Kennedy administration pressure on Diem to stop the Buddhists");
    CHECK(built.relaxation.relaxed);
    CHECK(built.relaxation.words == 6);  // kennedy administration pressure diem stop buddhists
    CHECK(matches(db, built.query) >= 3);
  }
  SECTION("one holds every word") {
    const BuiltQuery built = build_auto(db, "pressure Washington Saigon regime");
    CHECK(built.relaxation.relaxed);
    CHECK(built.relaxation.all_words == 1);
    CHECK(relaxation_note(built.relaxation) ==
          "1 article has all 4 words; showing also those with some of them, best first");
  }
}

TEST_CASE("matching: every word of a question counts, also around a dotted abbreviation") {
  const auto db = archive(kBodies);
  // The parser makes a phrase of "u.n" and nests the other words' OR beside it.
  const BuiltQuery built = build_auto(db, "U.N . consideration of the conflict between Israel and its Arab neighbors .");
  CHECK(built.relaxation.words == 8);  // u.n consider conflict between israel its arab neighbor
  CHECK(built.relaxation.relaxed);
}

TEST_CASE("matching: a hyphenated word of a question counts as one word") {
  const auto db = archive(kBodies);
  const BuiltQuery built = build_auto(db, "left-wing pressure on the Kennedy administration");
  CHECK(built.relaxation.words == 4);  // left-wing pressure kennedy administration
  CHECK(built.relaxation.relaxed);
}

TEST_CASE("matching: RM3 feedback adds the top articles' words, weighted, beside the query's") {
  const auto db = archive(kBodies);
  SearchOptions options;
  options.query = "Diem Buddhists pressure monks protest";
  options.match = WordMatch::automatic;
  options.ranking = parse_ranking_params("rm3=1 prf=2 prf_guard=0 prf_max_df=0.4");
  const BuiltQuery built = build_query(options, db);
  REQUIRE(built.relaxation.relaxed);
  const std::vector<std::string>& added = built.relaxation.feedback_terms;
  const auto has = [&added](const std::string& term) {
    return std::find(added.begin(), added.end(), term) != added.end();
  };
  // Words of the two best articles (1 and 3), not the query's, in at most 40% of the articles.
  CHECK(has("Zwashington"));
  CHECK(has("Zhue"));
  CHECK_FALSE(has("Zdiem"));
  CHECK_FALSE(has("Zthe"));     // in 2 of 4
  CHECK_FALSE(has("Zsaigon"));  // in 2 of 4
  CHECK_FALSE(has("Zgrain"));
  // Each expansion word is scaled below the query's words.
  const std::string description = built.query.get_description();
  INFO(description);
  CHECK(description.find(" * Zwashington") != std::string::npos);
  CHECK(matches(db, built.query) == 2);  // the words' articles, no more

  options.ranking = parse_ranking_params("rm3=1 prf=0");
  CHECK(build_query(options, db).relaxation.feedback_terms.empty());
}

TEST_CASE("matching: --match all and queries with their own syntax never relax") {
  const auto db = archive(kBodies);
  SearchOptions options;
  options.query = "Kennedy administration pressure on Diem to stop the Buddhists";
  options.match = WordMatch::all;
  BuiltQuery built = build_query(options, db);
  CHECK_FALSE(built.relaxation.relaxed);
  CHECK(matches(db, built.query) == 0);
  built = build_auto(db, "kennedy administration pressure +diem buddhists");
  CHECK_FALSE(built.relaxation.relaxed);
}

TEST_CASE("matching: which queries are plain") {
  struct Case {
    std::string query;
    bool plain;
  };
  const std::vector<Case> cases = {
      {"kennedy diem buddhists", true},
      {"THE BAATH (RENAISSANCE) PARTY", true},
      {"U.S . AID TO LAOS", true},
      {"left-wing socialists", true},
      {"nato AND kyiv", false},
      {"nato OR kyiv", false},
      {"\"grain corridor\" odesa", false},
      {"+kyiv -moscow", false},
      {"person:putin talks", false},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    CHECK(is_plain_query(c.query) == c.plain);
  }
}

TEST_CASE("matching: a query in capitals reads as lower case") {
  CHECK(fold_shouted_query("BORDER DISPUTE BETWEEN ISRAEL AND SYRIA") ==
        "border dispute between israel and syria");
  CHECK(fold_shouted_query("NATO AND kyiv") == "NATO AND kyiv");  // lower case: as typed
  CHECK(fold_shouted_query("2025 .") == "2025 .");
}

TEST_CASE("matching: a query in capitals keeps its operators unless it reads as a sentence") {
  CHECK(fold_shouted_query("OPEC OR IRAN") == "opec OR iran");
  CHECK(fold_shouted_query("OIL NOT OPEC") == "oil NOT opec");
  CHECK(fold_shouted_query("OIL AND (PRICES OR OUTPUT)") == "oil AND (prices OR output)");
  CHECK(fold_shouted_query("OIL NEAR/3 PRICES") == "oil NEAR/3 prices");
  CHECK(fold_shouted_query("OPEC OR IRAN OR IRAQ OR KUWAIT") == "opec OR iran OR iraq OR kuwait");
  // "NEARLY" and "ORE" are words, not operators.
  CHECK(fold_shouted_query("NEARLY ORE") == "nearly ore");
  // Sentences: their AND and OR are conjunctions.
  CHECK(fold_shouted_query("WHEAT DEALS WITH RUSSIA AND CANADA") == "wheat deals with russia and canada");
  CHECK(fold_shouted_query("TALKS ON BRITAIN OR FRANCE .") == "talks on britain or france .");
}

TEST_CASE("matching: entity=W lets a query's name match the articles tagged with it") {
  auto db = archive(kBodies);
  Xapian::Document tagged;  // names the president only in full, as the tagger's facet
  tagged.add_term("Zpresid");
  tagged.add_term("Zsaigon");
  tagged.add_boolean_term(facet_term(Facet::person, "Ngo Dinh Diem"));
  tagged.add_boolean_term(person_surname_term("Ngo Dinh Diem"));
  const Xapian::docid did = db.add_document(tagged);
  SearchOptions options;
  options.query = "Diem Buddhists pressure monks";
  options.match = WordMatch::automatic;
  options.ranking = parse_ranking_params("prf=0");
  const auto has_tagged = [&](const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    return std::any_of(mset.begin(), mset.end(), [did](Xapian::docid hit) { return hit == did; });
  };
  CHECK_FALSE(has_tagged(build_query(options, db).query));
  options.ranking = parse_ranking_params("prf=0 entity=1");
  CHECK(has_tagged(build_query(options, db).query));
}

TEST_CASE("matching: entity=W reads a query's name through the lexicon's aliases") {
  auto db = archive(kBodies);
  Xapian::Document tagged;  // says "U.N." only; the tagger gave its canonical name
  tagged.add_term("Zassembl");
  tagged.add_boolean_term(facet_term(Facet::organization, "United Nations"));
  const Xapian::docid did = db.add_document(tagged);
  SearchOptions options;
  options.query = "new members joined the UN";
  options.match = WordMatch::automatic;
  options.ranking = parse_ranking_params("prf=0 entity=1");
  Xapian::Enquire enquire(db);
  enquire.set_query(build_query(options, db).query);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  CHECK(std::any_of(mset.begin(), mset.end(), [did](Xapian::docid hit) { return hit == did; }));
}

TEST_CASE("matching: max_df=S leaves a relaxed query's common words out, never its rarest") {
  const auto db = archive(kBodies);
  SearchOptions options;
  options.query = "Diem Saigon monks kansas";  // saigon: 2 of 4 articles
  options.match = WordMatch::automatic;
  options.ranking = parse_ranking_params("prf=0 max_df=0.4");
  const std::string description = build_query(options, db).query.get_description();
  INFO(description);
  CHECK(description.find("Zsaigon") == std::string::npos);
  CHECK(description.find("Zmonk") != std::string::npos);
  options.query = "Saigon Kansas";  // no article has both: relaxed, though short
  options.ranking = parse_ranking_params("prf=0 max_df=0.01");
  const std::string rarest = build_query(options, db).query.get_description();
  INFO(rarest);
  CHECK(rarest.find("Zsaigon") == std::string::npos);
  CHECK(rarest.find("Zkansa") != std::string::npos);
}

TEST_CASE("matching: ranking settings parse, and bad ones are refused") {
  const RankingParams params = parse_ranking_params("k1=1.5 b=0.4 coord=0.25 prf=0");
  CHECK(params.k1 == 1.5);
  CHECK(params.b == 0.4);
  CHECK(params.coord == 0.25);
  CHECK(params.feedback_docs == 0);
  const RankingParams more = parse_ranking_params("model=5 model_param=2 max_df=0.3 qidf=0.5 entity=1 title=0.5 min_len=0.1");
  CHECK(more.model == 5);
  CHECK(more.model_param == 2);
  CHECK(more.max_df == 0.3);
  CHECK(more.query_idf == 0.5);
  CHECK(more.entity == 1);
  CHECK(more.title == 0.5);
  CHECK(more.min_length == 0.1);
  CHECK(parse_ranking_params("").k1 == RankingParams{}.k1);
  CHECK_THROWS_AS(parse_ranking_params("k1=abc"), std::invalid_argument);
  CHECK_THROWS_AS(parse_ranking_params("k4=1"), std::invalid_argument);
  const RankingParams sdm = parse_ranking_params("k3=0 near=0.05 near_window=6 prox=0.1 prox_window=2 rest=0");
  CHECK(sdm.k3 == 0);
  CHECK(sdm.unordered == 0.05);
  CHECK(sdm.unordered_window == 6);
  CHECK(sdm.proximity == 0.1);
  CHECK(sdm.proximity_window == 2);
  CHECK_FALSE(sdm.short_rest);
  CHECK(RankingParams{}.short_rest);
  CHECK_THROWS_AS(parse_ranking_params("b"), std::invalid_argument);
}

TEST_CASE("matching: --explain accounts for the whole weight of each word") {
  const auto db = archive(kBodies);
  RankingParams params;
  params.coord = 0.5;
  Xapian::Enquire enquire(db);
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  parser.set_default_op(Xapian::Query::OP_OR);
  const Xapian::Query query = parser.parse_query("diem buddhists saigon");
  enquire.set_query(query);
  enquire.set_weighting_scheme(NewsWeight(params));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 3);
  const std::vector<std::string> terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Explanation why = explain_hit(db, *it, it.get_weight(), terms, params);
    CHECK(why.words_held == static_cast<std::size_t>(std::distance(enquire.get_matching_terms_begin(it),
                                                                   enquire.get_matching_terms_end(it))));
    CHECK(std::abs(why.boosts) < 1e-9);
    for (const auto& term : why.terms) CHECK(term.coord > 0);
  }
  CHECK(readable_term("Zdiem") == "diem");
  CHECK(readable_term("ZSdiem") == "title:diem");
}

TEST_CASE("matching: --explain under another weighting model gives no BM25 parts") {
  const auto db = archive(kBodies);
  const RankingParams params = parse_ranking_params("model=5");
  Xapian::Enquire enquire(db);
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  parser.set_default_op(Xapian::Query::OP_OR);
  const Xapian::Query query = parser.parse_query("diem buddhists saigon");
  enquire.set_query(query);
  enquire.set_weighting_scheme(*make_weight(params));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 3);
  const std::vector<std::string> terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
  const Explanation why = explain_hit(db, *mset.begin(), mset.begin().get_weight(), terms, params);
  CHECK(why.model == "DLH");
  CHECK_FALSE(why.bm25_parts);
  CHECK(why.words_held > 0);
  CHECK(why.boosts == 0);
  for (const auto& term : why.terms) CHECK(term.bm25 == 0);
  const Explanation bm25 = explain_hit(db, *mset.begin(), mset.begin().get_weight(), terms, RankingParams{});
  CHECK(bm25.model == "BM25+");
  CHECK(bm25.bm25_parts);
}
