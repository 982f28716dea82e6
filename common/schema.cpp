// The index schema: terms, values and the configuration of Xapian's text analysis.
#include "common/schema.hpp"

#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "common/analysis.hpp"
#include "common/cached_stemmer.hpp"
#include "common/relative_date.hpp"
#include "common/text.hpp"

namespace newsdex {
namespace {

// Xapian refuses terms longer than 245 bytes.
constexpr std::size_t kMaxTermBytes = 245;

// Words too common to help ranking; dropped from queries (but not from phrases).
constexpr std::array<std::string_view, 33> kStopWords = {
    "a",    "an",   "and",  "are",  "as",   "at",   "be",  "but",  "by",    "for",  "if",
    "in",   "into", "is",   "it",   "no",   "not",  "of",  "on",   "or",    "such", "that",
    "the",  "their", "then", "there", "these", "they", "this", "to", "was", "will", "with"};

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  term += truncate_utf8(value, kMaxTermBytes - prefix.size());
  return term;
}

// Facet names fold as query words do (common/analysis.hpp): "Pöhl", "Poehl" and "POHL" agree.
std::string normalized_key(std::string_view value) { return fold_name(value); }

std::string two_digits(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

std::string day_value(const DateTime& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
  return buffer;
}

// What a field or range processor found wrong in the query being parsed. Xapian 1.4's parser
// is not safe to throw through: it leaks, and on some inputs frees memory it never allocated
// (found by the query fuzzer), so processors note the fault here, match nothing, and
// parse_user_query throws once the parser has returned. One parser belongs to one thread.
thread_local std::optional<std::string> processor_fault;

Xapian::Query note_processor_fault(std::string message) {
  if (!processor_fault) processor_fault = std::move(message);
  return Xapian::Query::MatchNothing;
}

// The first or last day of a period given as YYYY, YYYY-MM or YYYY-MM-DD in a query.
std::optional<DateTime> query_date_bound(const std::string& text, BoundSide side) {
  const auto bound = parse_date_bound(text, side);
  if (!bound) {
    note_processor_fault("bad date '" + text +
                         "' after date: (use YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, 7d, 2w, 3m, 1y, "
                         "last-week or last-month, or FROM..TO)");
  }
  return bound;
}

// "date:A..B" in queries: A and B are YYYY, YYYY-MM or YYYY-MM-DD; either may be omitted.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor() : Xapian::RangeProcessor(slot_number(Slot::date), "date:") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string low;
    std::string high;
    if (!begin.empty()) {
      const auto bound = query_date_bound(begin, BoundSide::lower);
      if (!bound) return Xapian::Query::MatchNothing;
      low = date_value_day_start(*bound);
    }
    if (!end.empty()) {
      const auto bound = query_date_bound(end, BoundSide::upper);
      if (!bound) return Xapian::Query::MatchNothing;
      high = date_value_day_end(*bound);
    }
    if (!low.empty() && !high.empty() && low > high) {
      return note_processor_fault("date range " + begin + ".." + end + " ends before it starts");
    }
    if (high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_number(Slot::date), low);
    if (low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot_number(Slot::date), high);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_number(Slot::date), low, high);
  }
};

// "date:2025", "date:2025-12", "date:2025-12-14": the whole year, month or day. The parser
// hands values with ".." to DateRangeProcessor and the rest here; without this field the
// parser would read "date:2025-12-14" as the phrase "date 2025 12 14".
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    const auto first = query_date_bound(value, BoundSide::lower);
    const auto last = query_date_bound(value, BoundSide::upper);
    if (!first || !last) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_number(Slot::date),
                         date_value_day_start(*first), date_value_day_end(*last));
  }
};

class FacetFieldProcessor : public Xapian::FieldProcessor {
 public:
  FacetFieldProcessor(Facet facet, CanonicalNames canonical_names)
      : facet_(facet), canonical_names_(canonical_names) {}

  Xapian::Query operator()(const std::string& value) override {
    return facet_filter(facet_, value, canonical_names_);
  }

 private:
  Facet facet_;
  CanonicalNames canonical_names_;
};

// prefix + value, or when that is too long for a term, a cut value and a hash of the whole.
std::string unique_term(std::string_view prefix, std::string_view value) {
  if (prefix.size() + value.size() <= kMaxTermBytes) return std::string(prefix) + std::string(value);
  const std::string hash = fnv1a_hex(value);
  std::string term =
      bounded_term(prefix, value.substr(0, kMaxTermBytes - prefix.size() - hash.size() - 1));
  term += '#';
  term += hash;
  return term;
}

}  // namespace

const FacetField& facet_field(Facet facet) {
  for (const auto& field : kFacetFields) {
    if (field.facet == facet) return field;
  }
  throw std::logic_error("unknown facet");
}

std::string facet_term(Facet facet, std::string_view value) {
  return bounded_term(facet_field(facet).term_prefix, normalized_key(value));
}

std::size_t facet_index(Facet facet) {
  for (std::size_t i = 0; i < kFacetFields.size(); ++i) {
    if (kFacetFields[i].facet == facet) return i;
  }
  throw std::logic_error("unknown facet");
}

std::string facet_value_key(Facet facet, std::string_view value) {
  // The filter term identifies the value; metadata keys share the term length limit.
  return unique_term("newsdex.facet:", facet_term(facet, value));
}

std::string facet_name_key(std::uint32_t ordinal) {
  return "newsdex.facet_name:" + std::to_string(ordinal);
}

std::string facet_names_block_key(std::uint32_t block) {
  return "newsdex.facet_names:" + std::to_string(block);
}

// Each name as its length in 7-bit groups, low first, then its bytes.
std::string encode_facet_names(const std::vector<std::string>& names) {
  std::string block;
  for (const std::string& name : names) {
    std::size_t length = name.size();
    while (length >= 0x80) {
      block += static_cast<char>((length & 0x7f) | 0x80);
      length >>= 7;
    }
    block += static_cast<char>(length);
    block += name;
  }
  return block;
}

std::vector<std::string> decode_facet_names(std::string_view block) {
  std::vector<std::string> names;
  while (!block.empty()) {
    std::size_t length = 0;
    int shift = 0;
    std::size_t used = 0;
    bool ended = false;
    while (used < block.size() && shift < 35) {
      const auto byte = static_cast<unsigned char>(block[used++]);
      length |= static_cast<std::size_t>(byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) {
        ended = true;
        break;
      }
    }
    if (!ended || block.size() - used < length) break;
    names.emplace_back(block.substr(used, length));
    block.remove_prefix(used + length);
  }
  return names;
}

void append_facet_entry(std::string& slot_value, FacetEntry entry) {
  std::uint64_t code = (static_cast<std::uint64_t>(entry.ordinal) << 3) | entry.facet_index;
  while (code >= 0x80) {
    slot_value += static_cast<char>((code & 0x7f) | 0x80);
    code >>= 7;
  }
  slot_value += static_cast<char>(code);
}

std::string person_surname_term(std::string_view canonical_name) {
  const std::string key = normalized_key(canonical_name);
  const auto space = key.rfind(' ');
  return bounded_term(kPersonSurnamePrefix,
                      space == std::string::npos ? key : key.substr(space + 1));
}


std::string id_term(std::string_view id) { return unique_term(kIdPrefix, id); }

std::string shown_id_term(std::string_view shown_id) { return unique_term(kShownIdPrefix, shown_id); }

std::string copy_term(std::string_view original_id_term) {
  return unique_term(kCopyOfPrefix, original_id_term);
}

std::string story_term(std::string_view story_id) { return unique_term(kStoryPrefix, story_id); }

std::string new_story_id(std::string_view id_term) {
  constexpr std::size_t kStoryIdDigits = 12;
  return fnv1a_hex(id_term).substr(0, kStoryIdDigits);
}

std::string source_file_term(std::string_view file_key) {
  return unique_term(kSourceFilePrefix, file_key);
}

std::string date_value(const DateTime& date) {
  std::string value = day_value(date);
  if (date.has_time()) {
    value += two_digits(date.hour) + two_digits(date.minute) + two_digits(date.second);
  } else {
    value += "000000";
  }
  return value;
}

std::string date_value_day_start(const DateTime& date) { return day_value(date) + "000000"; }

std::string date_value_day_end(const DateTime& date) { return day_value(date) + "235959"; }

Xapian::Stem make_stemmer() {
  // NEWSDEX_STEMMER is a measuring knob of bench/relevance (another of Xapian's stemmers, or
  // "none"); an index must be searched with the stemmer it was built with.
  const char* language = std::getenv("NEWSDEX_STEMMER");
  return Xapian::Stem(new CachedStemmer(language != nullptr && *language != '\0' ? language : "english"));
}

void configure_term_generator(Xapian::TermGenerator& generator) {
  generator.set_stemmer(make_stemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

void configure_query_parser(Xapian::QueryParser& parser, CanonicalNames canonical_names) {
  parser.set_stemmer(make_stemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  auto* stopper = new Xapian::SimpleStopper();
  for (const auto word : kStopWords) stopper->add(std::string(word));
  parser.set_stopper(stopper->release());
  parser.add_prefix("title", std::string(kTitlePrefix));
  parser.add_prefix(std::string(kWildcardBodyField), std::string(kStemPrefix));
  parser.add_prefix(std::string(kWildcardTitleField),
                    std::string(kStemPrefix) + std::string(kTitlePrefix));
  for (const auto& field : kFacetFields) {
    // Articles have many persons, so person:a person:b means both; a single-valued field
    // given twice means either.
    parser.add_boolean_prefix(std::string(field.query_field),
                              (new FacetFieldProcessor(field.facet, canonical_names))->release(),
                              !field.multi_valued);
  }
  parser.add_boolean_prefix("organization",
                            (new FacetFieldProcessor(Facet::organization, canonical_names))->release(),
                            false);
  parser.add_rangeprocessor((new DateRangeProcessor())->release());
  // An article has one date: two periods mean either.
  parser.add_boolean_prefix("date", (new DateFieldProcessor())->release(), true);
}

Xapian::Query parse_user_query(Xapian::QueryParser& parser, const std::string& text, unsigned flags) {
  processor_fault.reset();
  Xapian::Query query = parser.parse_query(unquote_date_values(text), flags);
  if (processor_fault) {
    std::string message = std::move(*processor_fault);
    processor_fault.reset();
    throw Xapian::QueryParserError(message);
  }
  return query;
}

Xapian::Query facet_filter(Facet facet, std::string_view name, CanonicalNames canonical_names) {
  std::string resolved = collapse_whitespace(name);
  if (facet == Facet::person || facet == Facet::organization || facet == Facet::place) {
    const auto canonicals = canonical_names(facet, resolved);
    if (canonicals.size() > 1) {
      // A name the lists give to several people or companies over the years ("Stoltenberg",
      // "Exxon"): a filter without a date means any of them.
      std::vector<Xapian::Query> each;
      for (const auto canonical : canonicals) each.emplace_back(facet_term(facet, canonical));
      return Xapian::Query(Xapian::Query::OP_OR, each.begin(), each.end());
    }
    if (!canonicals.empty()) resolved = std::string(canonicals.front());
  }
  const std::string full = facet_term(facet, resolved);
  if (facet == Facet::person && resolved.find(' ') == std::string::npos) {
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(full),
                         Xapian::Query(person_surname_term(resolved)));
  }
  return Xapian::Query(full);
}

void write_schema_metadata(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(kSchemaVersionKey), std::to_string(kSchemaVersion));
  db.set_metadata(std::string(kAnalyzerKey), std::string(kAnalyzerSettings));
}

void check_schema(const Xapian::Database& db, std::string_view path) {
  const std::string version = db.get_metadata(std::string(kSchemaVersionKey));
  if (version.empty() && db.get_doccount() == 0) return;
  if (version != std::to_string(kSchemaVersion)) {
    throw SchemaMismatch("database " + std::string(path) + " has schema version " +
                         (version.empty() ? std::string("(none)") : version) +
                         ", this build reads version " + std::to_string(kSchemaVersion) +
                         "; rebuild it with newsindex into a new directory");
  }
  const std::string analyzer = db.get_metadata(std::string(kAnalyzerKey));
  if (analyzer != kAnalyzerSettings) {
    throw SchemaMismatch("database " + std::string(path) + " was analyzed with '" + analyzer +
                         "', this build uses '" + std::string(kAnalyzerSettings) +
                         "'; rebuild it with newsindex into a new directory");
  }
}

}  // namespace newsdex
