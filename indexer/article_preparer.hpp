// The parallel stage of indexing: a raw record becomes a ready Xapian document (parsing,
// ids, dates, entities, terms). One ArticlePreparer per worker thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/schema.hpp"
#include "indexer/record_reader.hpp"
#include "indexer/run_report.hpp"
#include "indexer/story_match.hpp"

namespace newsdex {

struct PreparedDocument {
  std::string id_term;
  Xapian::Document document;
  std::vector<std::pair<Facet, std::string>> facet_values;  // for the facets slot
  std::optional<std::uint32_t> month;  // publication month (month_number), for the facets slot
  std::size_t bytes = 0;  // size of the record it came from, for batch limits
  // For the warning when it replaces an article read from another file:
  std::string source_term;  // its source_file_term ("" from standard input)
  std::string id;           // the id shown in results
  std::string where;        // its file, as named
  std::size_t line = 0;     // its JSON Lines line, or 0
  std::size_t order = 0;    // its record's position in its chunk
  // What its story is decided by (StoryPlacer), when stories group events; else empty.
  StoryTerms story_terms;
};

// Values for the articles that carry none of their own (newsindex --source, --author);
// empty ones set nothing.
struct ArticleDefaults {
  std::string source;
  std::string author;
};

class ArticlePreparer {
 public:
  explicit ArticlePreparer(bool extract_entities, ArticleDefaults defaults = {});
  ArticlePreparer(const ArticlePreparer&) = delete;
  ArticlePreparer& operator=(const ArticlePreparer&) = delete;

  // Parses the record and builds its document, identified as the README describes. A record
  // that is not an article yields nullopt and a rejected notice (with its file and line);
  // an article whose date cannot be read gets a warning. Notices carry order.
  [[nodiscard]] std::optional<PreparedDocument> prepare(const RawRecord& record, std::size_t order,
                                                        Notices& notices);

 private:
  bool extract_entities_;
  ArticleDefaults defaults_;
  Xapian::TermGenerator generator_;
};

}  // namespace newsdex
