// Unit tests for the index schema: terms, values, metadata and query-parser configuration.
#include "common/schema.hpp"

#include <catch2/catch.hpp>

#include "common/entities/entities.hpp"

using namespace newsdex;

namespace {

std::string parse(const std::string& query) {
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  return parse_user_query(parser, query, Xapian::QueryParser::FLAG_DEFAULT).get_description();
}

}  // namespace

TEST_CASE("schema: facet terms are case-folded and white-space-collapsed") {
  CHECK(facet_term(Facet::person, "  Jane   DOE ") == "XP:jane doe");
  CHECK(facet_term(Facet::organization, "Corvane Energy Inc.") == "XO:corvane energy inc.");
  CHECK(facet_term(Facet::place, "Kyiv") == "XL:kyiv");
  CHECK(facet_term(Facet::source, "Harbor Daily News") == "XS:harbor daily news");
  CHECK(facet_term(Facet::author, "Maria Lopez") == "Amaria lopez");
  CHECK(person_surname_term("Ursula von der Leyen") == "XPN:leyen");
  CHECK(person_surname_term("Madonna") == "XPN:madonna");
}

TEST_CASE("schema: terms never exceed Xapian's length limit") {
  const std::string long_name(400, 'x');
  CHECK(facet_term(Facet::person, long_name).size() == 245);
  const std::string long_id_a = std::string(300, 'a') + "1";
  const std::string long_id_b = std::string(300, 'a') + "2";
  CHECK(id_term(long_id_a).size() <= 245);
  CHECK(id_term(long_id_a) != id_term(long_id_b));
  CHECK(id_term(long_id_a) == id_term(long_id_a));
  CHECK(id_term("politics/001.txt") == "Qpolitics/001.txt");
  // A name of multi-byte letters is cut on a character boundary.
  std::string cyrillic;
  for (int i = 0; i < 200; ++i) cyrillic += "\xD0\x96";
  const std::string term = facet_term(Facet::place, cyrillic);
  CHECK(term.size() <= 245);
  CHECK((term.size() - 3) % 2 == 0);
}

TEST_CASE("schema: date values sort as dates and bound whole days") {
  const DateTime with_time{2025, 12, 14, 9, 5, 7};
  const DateTime without_time{2025, 12, 14};
  CHECK(date_value(with_time) == "20251214090507");
  CHECK(date_value(without_time) == "20251214000000");
  CHECK(date_value_day_start(with_time) == "20251214000000");
  CHECK(date_value_day_end(with_time) == "20251214235959");
  CHECK(date_value(DateTime{2025, 9, 30}) < date_value(DateTime{2025, 10, 1}));
}

TEST_CASE("schema: query fields map to the schema's prefixes") {
  CHECK(parse("title:nato") == "Query(ZSnato@1)");
  CHECK(parse("source:\"Harbor Daily News\"") == "Query(0 * XS:harbor daily news)");
  CHECK(parse("author:lopez") == "Query(0 * Alopez)");
  CHECK(parse("place:Kyiv") == "Query(0 * XL:kyiv)");
  // An unknown single name may be a surname.
  CHECK(parse("person:Quellbright") == "Query(0 * (XP:quellbright OR XPN:quellbright))");
  // Articles name several persons: two person filters both apply.
  CHECK(parse("person:Quellbright person:Ostrander") ==
        "Query(0 * ((XP:quellbright OR XPN:quellbright) AND (XP:ostrander OR XPN:ostrander)))");
  // An article has one source: two source filters mean either.
  CHECK(parse("source:a source:b") == "Query(0 * (XS:a OR XS:b))");
}

TEST_CASE("schema: date ranges in queries") {
  CHECK(parse("date:2025-12-01..2025-12-14") ==
        "Query(VALUE_RANGE 0 20251201000000 20251214235959)");
  CHECK(parse("date:2025..2025") == "Query(VALUE_RANGE 0 20250101000000 20251231235959)");
  CHECK(parse("date:2024-02..") == "Query(VALUE_GE 0 20240201000000)");
  CHECK(parse("date:..2024-02") == "Query(VALUE_LE 0 20240229235959)");
  CHECK_THROWS_AS(parse("date:2025-13..2026"), Xapian::QueryParserError);
  CHECK_THROWS_AS(parse("date:2026..2025"), Xapian::QueryParserError);
}

TEST_CASE("schema: a single date in a query means that whole year, month or day") {
  CHECK(parse("date:2025-12-14") == "Query(VALUE_RANGE 0 20251214000000 20251214235959)");
  CHECK(parse("date:1987-10") == "Query(VALUE_RANGE 0 19871001000000 19871031235959)");
  CHECK(parse("date:2024-02") == "Query(VALUE_RANGE 0 20240201000000 20240229235959)");
  CHECK(parse("date:1987") == "Query(VALUE_RANGE 0 19870101000000 19871231235959)");
  CHECK(parse("date:\"1987\"") == "Query(VALUE_RANGE 0 19870101000000 19871231235959)");
  // An article has one date: two periods mean either.
  CHECK(parse("date:1987 date:2025-12") ==
        "Query(0 * (VALUE_RANGE 0 19870101000000 19871231235959 OR "
        "VALUE_RANGE 0 20251201000000 20251231235959))");
  CHECK(parse("oil date:1987") ==
        "Query((Zoil@1 FILTER VALUE_RANGE 0 19870101000000 19871231235959))");
  for (const std::string bad : {"date:87", "date:1987-13", "date:2025-02-30", "date:tomorrow",
                                "date:2025-12-14T10:00", "date:14.12.2025"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse(bad), Xapian::QueryParserError);
  }
}

TEST_CASE("schema: a bad date inside a larger query is reported, and the parser still works") {
  // Thrown from inside Xapian's parser, these made it free memory it never allocated (seen
  // under AddressSanitizer); the fault is now reported after the parser returns.
  Xapian::QueryParser parser;
  configure_query_parser(parser, &canonical_names);
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;
  for (const std::string bad : {"+date:2024-0\xd1\xd1\xd1\xcd" "01|s", "oil -date:2025-99 (grain OR wheat)",
                                "date:2026..2025 AND date:1987-13", "\"a b\" date:x..y NEAR c"}) {
    CAPTURE(bad);
    try {
      (void)parse_user_query(parser, bad, flags);
      FAIL("no error for a bad date");
    } catch (const Xapian::QueryParserError& e) {
      CHECK(e.get_msg().find("date") != std::string::npos);
    }
    CHECK(parse_user_query(parser, "oil date:1987", flags).get_description() ==
          "Query((Zoil@1 FILTER VALUE_RANGE 0 19870101000000 19871231235959))");
  }
}

TEST_CASE("schema: a filter by a name the lists give to several people matches each") {
  CHECK(parse("person:Stoltenberg") ==
        "Query(0 * (XP:jens stoltenberg OR XP:gerhard stoltenberg))");
  CHECK(parse("person:\"Gerhard Stoltenberg\"") == "Query(0 * XP:gerhard stoltenberg)");
}

TEST_CASE("schema: words are stemmed and stop words dropped") {
  CHECK(parse("guarantees") == "Query(Zguarante@1)");
  CHECK(parse("the guarantees") == "Query(Zguarante@2)");
  CHECK(parse("\"security guarantees\"") == "Query((Zsecur@1 PHRASE 2 Zguarante@2))");
}

TEST_CASE("schema: a database of another schema is refused") {
  Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
  CHECK_NOTHROW(check_schema(empty, "empty"));

  Xapian::WritableDatabase current(std::string(), Xapian::DB_BACKEND_INMEMORY);
  write_schema_metadata(current);
  current.add_document(Xapian::Document());
  CHECK_NOTHROW(check_schema(current, "current"));

  Xapian::WritableDatabase old(std::string(), Xapian::DB_BACKEND_INMEMORY);
  old.set_metadata(std::string(kSchemaVersionKey), "0");
  old.add_document(Xapian::Document());
  CHECK_THROWS_AS(check_schema(old, "old"), SchemaMismatch);

  Xapian::WritableDatabase foreign(std::string(), Xapian::DB_BACKEND_INMEMORY);
  foreign.add_document(Xapian::Document());
  CHECK_THROWS_WITH(check_schema(foreign, "foreign"), Catch::Contains("foreign has schema version (none)"));
}

TEST_CASE("schema: facet slot entries round-trip, large ordinals included") {
  const std::vector<FacetEntry> entries = {
      {0, 0}, {4, 1}, {2, 15}, {1, 16}, {3, 300000}, {0, UINT32_MAX >> 3},
      {kMonthEntryIndex, month_number(2025, 12)}};
  std::string slot;
  for (const auto& entry : entries) append_facet_entry(slot, entry);
  std::string_view rest = slot;
  FacetEntry entry;
  for (const auto& expected : entries) {
    REQUIRE(next_facet_entry(rest, entry));
    CHECK(entry.facet_index == expected.facet_index);
    CHECK(entry.ordinal == expected.ordinal);
  }
  CHECK_FALSE(next_facet_entry(rest, entry));
  CHECK(slot.size() < entries.size() * 4);  // small ordinals take one or two bytes
}

TEST_CASE("schema: facet entries decode alike near the end of the data and far from it") {
  // Entries with eight bytes or more behind their start are read a word at a time.
  const std::vector<FacetEntry> entries = {
      {0, 0}, {3, 15}, {1, 16}, {2, 2047}, {4, 2048}, {kMonthEntryIndex, 262143},
      {0, 262144}, {1, 1u << 25}, {2, UINT32_MAX}};
  for (const auto& expected : entries) {
    std::string bytes;
    append_facet_entry(bytes, expected);
    const std::size_t length = bytes.size();
    for (const std::size_t trailing : {0, 1, 7, 8}) {
      INFO("ordinal " << expected.ordinal << ", " << trailing << " bytes after it");
      const std::string data = bytes + std::string(trailing, '\x81');
      std::string_view rest = data;
      FacetEntry entry;
      REQUIRE(next_facet_entry(rest, entry));
      CHECK(entry.facet_index == expected.facet_index);
      CHECK(entry.ordinal == expected.ordinal);
      CHECK(rest.size() == data.size() - length);
    }
  }
  // Past the limits: an ordinal over 32 bits, and a seventh byte.
  for (const std::string& too_long : {std::string("\xff\xff\xff\xff\xff\x01"),
                                      std::string("\x80\x80\x80\x80\x80\x80\x01")}) {
    for (const std::size_t trailing : {0, 8}) {
      const std::string data = too_long + std::string(trailing, '\0');
      std::string_view rest = data;
      FacetEntry entry;
      CHECK_FALSE(next_facet_entry(rest, entry));
    }
  }
}

TEST_CASE("schema: malformed facet slot data ends the entries, never reads past the end") {
  FacetEntry entry;
  std::string_view truncated = "\x80\x80";
  CHECK_FALSE(next_facet_entry(truncated, entry));
  std::string_view bad_facet = "\x06";  // facet index 6 does not exist
  CHECK_FALSE(next_facet_entry(bad_facet, entry));
  const std::string endless(20, '\xff');
  std::string_view rest = endless;
  CHECK_FALSE(next_facet_entry(rest, entry));
}

TEST_CASE("schema: facet values share a metadata key when their filter terms match") {
  CHECK(facet_value_key(Facet::organization, "OPEC") == facet_value_key(Facet::organization, "Opec"));
  CHECK(facet_value_key(Facet::organization, "OPEC") != facet_value_key(Facet::place, "OPEC"));
  const std::string long_name(400, 'x');
  CHECK(facet_value_key(Facet::person, long_name).size() <= 245);
  CHECK(facet_name_key(12) == "newsdex.facet_name:12");
}

TEST_CASE("schema: a story id is 12 hex digits fixed by the founding article's id term") {
  const std::string story = newsdex::new_story_id(newsdex::id_term("wire-1"));
  CHECK(story.size() == 12);
  CHECK(story.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(newsdex::new_story_id(newsdex::id_term("wire-1")) == story);
  CHECK(newsdex::new_story_id(newsdex::id_term("wire-2")) != story);
  CHECK(newsdex::story_term(story) == "XT:" + story);
}

TEST_CASE("schema: facet name blocks decode what was encoded, and stop at damage") {
  const std::vector<std::string> names = {"", "Ann Lee", std::string(300, 'x'), "S\xC3\xA3o Paulo",
                                          std::string("a\0b", 3)};
  const std::string block = encode_facet_names(names);
  CHECK(decode_facet_names(block) == names);
  // Cut inside the long name: the names before it survive, nothing after.
  CHECK(decode_facet_names(std::string_view(block).substr(0, 12)) ==
        std::vector<std::string>{"", "Ann Lee"});
  CHECK(decode_facet_names("\x80\x80\x80\x80\x80\x80").empty());
  CHECK(decode_facet_names({}).empty());
}
