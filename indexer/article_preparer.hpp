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

namespace newsdex {

struct PreparedDocument {
  std::string id_term;
  Xapian::Document document;
  std::vector<std::pair<Facet, std::string>> facet_values;  // for the facets slot
  std::optional<std::uint32_t> month;  // publication month (month_number), for the facets slot
  bool replaces = false;  // re-indexed from a changed file: counts as replaced
  std::size_t bytes = 0;  // size of the record it came from, for batch limits
};

class ArticlePreparer {
 public:
  explicit ArticlePreparer(bool extract_entities);
  ArticlePreparer(const ArticlePreparer&) = delete;
  ArticlePreparer& operator=(const ArticlePreparer&) = delete;

  // Parses the record and builds its document; a record that is not an article is reported
  // (with its file and line) and yields nullopt.
  [[nodiscard]] std::optional<PreparedDocument> prepare(const RawRecord& record,
                                                        RunReport& report);

 private:
  bool extract_entities_;
  Xapian::TermGenerator generator_;
};

}  // namespace newsdex
