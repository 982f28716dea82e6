// The index schema: every term prefix, value slot and the document-data layout, and the
// functions that configure Xapian's TermGenerator and QueryParser from them, so that the
// indexer and the searcher cannot drift apart.
//
// Terms (Xapian prefix conventions):
//   (none)   title and body words, stemmed English with positions; title words weighted
//            kTitleWeight times; only stemmed forms are indexed, with Xapian's "Z" stem
//            prefix (STEM_ALL_Z, which snippets understand): half the terms of STEM_SOME,
//            and phrases still work on stems
//   S        title words again, on their own (query field "title:")
//            Words are folded before and after stemming, dotted initials read in any case
//            and hyphenated compounds indexed joined too (common/analysis.hpp).
//   Q        the article's unique id (see id_term)
//   A        author, case-folded full name            (query field "author:")
//   XP:      person, case-folded canonical name        (query field "person:")
//   XPN:     person surname, case-folded               (so "Putin" finds "Vladimir Putin")
//   XO:      organization, case-folded canonical name  (query field "org:")
//   XL:      place, case-folded canonical name         (query field "place:"); a place
//            the lexicon knows also adds its country's XL: term (a filter only, not a facet value)
//   XS:      source, case-folded name                  (query field "source:")
//   Facet names are case-folded as words are: accents and umlaut spellings too (fold_name).
//   XF:      the input file the article came from, by absolute path (for re-indexing
//            changed files and pruning vanished ones; see indexer/file_states.hpp)
//   XI:      the id results show (the article's own id, else its URL, else its path below
//            the input root, with ":LINE" for a JSON line), for --show and --like
//   XD:      a band of the body's MinHash signature (common/copy_signature.hpp): articles
//            sharing one are candidate copies of each other
//   XC:      on a copy, its original's unique-id term (copy_term), so that the copies of an
//            article are one posting list
//   XT:      the story the article belongs to, by story id (story_term): a story's articles
//            are one posting list
// Boolean terms longer than Xapian's 245-byte limit are cut (see facet_term).
//
// Values (enum Slot): see each slot's comment for its encoding.
//
// Document data: none (see Slot::article).
//
// Metadata: kSchemaVersionKey holds kSchemaVersion and kAnalyzerKey the analyzer settings;
// check_schema refuses a database whose values differ. The facet ordinals (below) live
// there too, committed with the documents that use them.
//
// Facet ordinals: the indexer numbers each distinct facet value (per facet, compared like
// the filter terms: case-folded, white space collapsed) from 0, and records the numbering in
// the metadata: facet_value_key → the ordinal in decimal, facet_name_key → the display
// name, kFacetCountKey → how many ordinals are taken. Counting facets over the matches of a
// query then adds small integers instead of hashing strings, and reads a few bytes of
// value per article instead of every name.
#pragma once

#include <xapian.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace newsdex {

inline constexpr int kSchemaVersion = 8;
inline constexpr std::string_view kSchemaVersionKey = "newsdex.schema_version";
inline constexpr std::string_view kAnalyzerKey = "newsdex.analyzer";
inline constexpr std::string_view kAnalyzerSettings = "stem=english;strategy=all_z;title_weight=3;fold=latin,umlaut_spellings;initials=any_case;"
    "compounds=joined";
inline constexpr Xapian::termcount kTitleWeight = 3;

inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kTitlePrefix = "S";
// What Xapian's STEM_ALL_Z puts before every stem, ahead of any field prefix ("ZSsecur").
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kPersonSurnamePrefix = "XPN:";
inline constexpr std::string_view kSourceFilePrefix = "XF:";
inline constexpr std::string_view kShownIdPrefix = "XI:";
inline constexpr std::string_view kCopyBandPrefix = "XD:";
inline constexpr std::string_view kCopyOfPrefix = "XC:";
inline constexpr std::string_view kStoryPrefix = "XT:";

// Value slots and their encodings.
enum class Slot : Xapian::valueno {
  date = 0,    // "YYYYMMDDhhmmss" (time 000000 when unknown); absent without a date
  // Every facet value of the article, for counting them with one read per matching article:
  // per value, a little-endian base-128 varint of (ordinal << 3 | index in kFacetFields);
  // then, for an article with a date, the same of (month << 3 | kMonthEntryIndex), where
  // month is year * 12 + month of year - 1, so that counting months needs no second read.
  facets = 1,
  // What a result shows of the article: pack_stored_article (stored_article.hpp), a zstd
  // frame of a JSON object. It lives here rather than in the document data because Xapian
  // deflates every document-data item at zlib's default level on the thread that writes the
  // database, which took about 6% of the indexing CPU; a value is stored as given, and zstd
  // compresses on the worker threads at a fraction of that cost.
  article = 2,
  // The body's MinHash signature (common/copy_signature.hpp); absent for a body too short
  // to tell copies by.
  copy_signature = 3,
  // On an article whose text copies an earlier one: that one's unique-id term (id_term).
  copy_of = 4,
  // The id of the story the article belongs to (the articles reporting one event; see
  // story_term): a short string of letters and digits, equal for all articles of a story and
  // given to every article (an article alone is a story of one). The collapse key of
  // --collapse. A story's id is new_story_id of the article that founded it: 12 lowercase
  // hex digits.
  story = 5,
};

[[nodiscard]] constexpr Xapian::valueno slot_number(Slot slot) {
  return static_cast<Xapian::valueno>(slot);
}

// The facets: boolean filter terms a user can filter by and counts shown by --facets.
enum class Facet { person, organization, place, source, author };

// One row of the facet table: everything the indexer, the query parser, newssearch's options
// and its output know about a facet, so that each of them loops over kFacetFields.
struct FacetField {
  Facet facet;
  std::string_view query_field;  // field name in the query language and newssearch option,
                                 // e.g. "person" (person:NAME, --person NAME)
  std::string_view json_name;    // key in --json facet output
  std::string_view plural;       // heading of its counts in text output, e.g. "persons"
  std::string_view term_prefix;
  char tag;  // marks its entries in the facets slot
  // An article usually has several (persons, not sources), so two filters on the same
  // field mean both rather than either.
  bool multi_valued;
  // What its newssearch option selects, and a note on the value it takes (may be empty).
  std::string_view filter_help;
  std::string_view filter_note;
};

inline constexpr std::array<FacetField, 5> kFacetFields{{
    {Facet::person, "person", "person", "persons", "XP:", 'P', true,
     "only articles mentioning this person", "full name, surname or alias"},
    {Facet::organization, "org", "organization", "organizations", "XO:", 'O', true,
     "only articles mentioning this organization", ""},
    {Facet::place, "place", "place", "places", "XL:", 'L', true,
     "only articles mentioning this place", ""},
    {Facet::source, "source", "source", "sources", "XS:", 'S', false,
     "only articles from this source", ""},
    {Facet::author, "author", "author", "authors", "A", 'A', false,
     "only articles by this author", ""},
}};

[[nodiscard]] const FacetField& facet_field(Facet facet);

// The boolean term for a facet value: prefix + folded (fold_name), white-space-collapsed value,
// cut to fit Xapian's term length limit.
[[nodiscard]] std::string facet_term(Facet facet, std::string_view value);

// The surname term of a person's canonical name ("Vladimir Putin" → "XPN:putin").
[[nodiscard]] std::string person_surname_term(std::string_view canonical_name);

// Index of a facet in kFacetFields.
[[nodiscard]] std::size_t facet_index(Facet facet);

// The facet ordinals' metadata keys (see the top of this file).
inline constexpr std::string_view kFacetCountKey = "newsdex.facet_count";
[[nodiscard]] std::string facet_value_key(Facet facet, std::string_view value);
[[nodiscard]] std::string facet_name_key(std::uint32_t ordinal);

// The display names again, in blocks: facet_names_block_key(b) holds the names of ordinals
// b·kFacetNamesPerBlock up to the next block, in order. A shard served by xapian-tcpsrv
// answers each metadata read in one network round trip; counting facets there needs every
// matching value's name, which blocks deliver a few thousand at a time. Databases written
// before blocks existed have none, and a block may stop short: readers then fall back to
// facet_name_key.
inline constexpr std::uint32_t kFacetNamesPerBlock = 4096;
[[nodiscard]] std::string facet_names_block_key(std::uint32_t block);
[[nodiscard]] std::string encode_facet_names(const std::vector<std::string>& names);
// The names of a block, in order; stops at the first malformed byte.
[[nodiscard]] std::vector<std::string> decode_facet_names(std::string_view block);

// One entry of the facets slot: a facet value (facet_index < kFacetFields.size()) or the
// publication month (facet_index == kMonthEntryIndex, ordinal == month_number(date)).
struct FacetEntry {
  std::size_t facet_index = 0;
  std::uint32_t ordinal = 0;
};
inline constexpr std::size_t kMonthEntryIndex = 7;
static_assert(kFacetFields.size() < kMonthEntryIndex);
[[nodiscard]] constexpr std::uint32_t month_number(int year, int month) {
  return static_cast<std::uint32_t>(year * 12 + month - 1);
}
void append_facet_entry(std::string& slot_value, FacetEntry entry);
// Reads the next entry from the front of rest; false at its end or on malformed data.
// Inline: facet counting calls it for every value of every matching article.
[[nodiscard]] inline bool next_facet_entry(std::string_view& rest, FacetEntry& entry) {
  constexpr std::size_t kMostBytes = 6;  // 42 bits: a 32-bit ordinal and a 3-bit index
  std::uint64_t code = 0;
  if (std::endian::native == std::endian::little && rest.size() >= sizeof(std::uint64_t)) {
    // Without branches: entries take 1 to 3 bytes in no predictable order, and a loop
    // mispredicts its exit. 5-9 % less CPU on a facet query matching 300,000 of 1M articles.
    std::uint64_t word = 0;
    std::memcpy(&word, rest.data(), sizeof word);
    constexpr std::uint64_t kHighBits = 0x8080'8080'8080'8080 >> (64 - 8 * kMostBytes);
    const std::uint64_t last_bytes = ~word & kHighBits;
    if (last_bytes == 0) return false;
    const auto length = static_cast<std::size_t>(std::countr_zero(last_bytes)) / 8 + 1;
    word &= ~std::uint64_t{0} >> (64 - 8 * length);
    code = (word & 0x7f) | (word >> 1 & 0x7f << 7) | (word >> 2 & 0x7f << 14) |
           (word >> 3 & 0x7f << 21) | (word >> 4 & std::uint64_t{0x7f} << 28) |
           (word >> 5 & std::uint64_t{0x7f} << 35);
    rest.remove_prefix(length);
  } else {
    for (std::size_t length = 0;; ++length) {
      if (rest.empty() || length == kMostBytes) return false;
      const auto byte = static_cast<unsigned char>(rest.front());
      rest.remove_prefix(1);
      code |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * length);
      if (byte < 0x80) break;
    }
  }
  entry.facet_index = code & 7;
  entry.ordinal = static_cast<std::uint32_t>(code >> 3);
  return (entry.facet_index < kFacetFields.size() || entry.facet_index == kMonthEntryIndex) &&
         (code >> 3) <= UINT32_MAX;
}

// The unique-id term. Ids too long for a term are shortened with a hash of the whole id,
// so distinct ids keep distinct terms.
[[nodiscard]] std::string id_term(std::string_view id);

// The term marking articles read from a file (its absolute path), shortened like id_term
// when too long for a term.
[[nodiscard]] std::string source_file_term(std::string_view file_key);

// The term of the id results show, shortened like id_term when too long for a term.
[[nodiscard]] std::string shown_id_term(std::string_view shown_id);

// The term marking a copy of the article whose unique-id term is original_id_term.
[[nodiscard]] std::string copy_term(std::string_view original_id_term);

// The term marking the articles of a story (Slot::story holds the same id).
[[nodiscard]] std::string story_term(std::string_view story_id);

// The id of a story founded by the article whose unique-id term is id_term: the first 12
// hex digits of its FNV-1a hash, so that the same article founds the same story every time.
[[nodiscard]] std::string new_story_id(std::string_view id_term);

// The date slot's encoding of a date, and the bounds of a day for range matching.
[[nodiscard]] std::string date_value(const DateTime& date);
[[nodiscard]] std::string date_value_day_start(const DateTime& date);
[[nodiscard]] std::string date_value_day_end(const DateTime& date);


// The stemmer used on both sides. Each call makes a new one, with its own cache: a stemmer
// and the TermGenerator, QueryParser or MSet using it belong to one thread.
[[nodiscard]] Xapian::Stem make_stemmer();

// Sets the stemmer and strategy the index is written with.
void configure_term_generator(Xapian::TermGenerator& generator);

// Where facet filters get canonical names from (the schema knows no entities; common/entities
// supplies canonical_names over its lists): every canonical name a spelling of a person,
// organization or place may stand for, in list order; empty for a name the lists do not know.
// Called only when a query has such a filter, as building the lists costs more than a whole
// word query. The views stay valid for the life of the program.
using CanonicalNames = std::vector<std::string_view> (*)(Facet facet, std::string_view name);

// Query fields that wildcards are routed to (searcher/query_builder.cpp): the index holds
// stems only, so "secur*" must expand over the body's stem terms ("Zsecur…") and
// "title:secur*" over the title's ("ZSsecur…"), where Xapian's parser would look for
// unstemmed terms, which are not there. Not meant to be typed.
inline constexpr std::string_view kWildcardBodyField = "newsdexwildcardbody";
inline constexpr std::string_view kWildcardTitleField = "newsdexwildcardtitle";

// Sets the stemmer, stop words, field prefixes (title:, person:, org:, place:, source:,
// author:, and the wildcard fields above) and the date: field (date:2025-12 for a whole year,
// month or day, date:2025-12-01..2025-12-14 for a range, either end open). Facet fields
// resolve names through canonical_names (see facet_filter).
void configure_query_parser(Xapian::QueryParser& parser, CanonicalNames canonical_names);

// parser.parse_query(text, flags) for a parser set up by configure_query_parser: a bad date:
// value or range throws Xapian::QueryParserError naming it, as the parser's own faults do.
[[nodiscard]] Xapian::Query parse_user_query(Xapian::QueryParser& parser, const std::string& text,
                                             unsigned flags);

// A filter matching articles whose facet has this value, matched case-insensitively.
// Person, organization and place names resolve through canonical_names (the only filters
// that ask for them); for persons a single word also matches it as a surname
// ("putin" → anyone surnamed Putin, including "Vladimir Putin").
[[nodiscard]] Xapian::Query facet_filter(Facet facet, std::string_view name,
                                         CanonicalNames canonical_names);

// Writes the schema version and analyzer settings into a new database.
void write_schema_metadata(Xapian::WritableDatabase& db);

// Throws SchemaMismatch when a database holding documents was written with another schema.
struct SchemaMismatch : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void check_schema(const Xapian::Database& db, std::string_view path);

}  // namespace newsdex
