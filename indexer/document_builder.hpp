// Turns a parsed article into a Xapian document following the schema.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/article.hpp"
#include "common/entities/entities.hpp"
#include "common/schema.hpp"

namespace newsdex {

// A document, and the facet values and publication month for its facets slot, which the
// writer fills in once it has numbered the values (indexer/facet_ordinals.hpp).
struct BuiltDocument {
  Xapian::Document document;
  std::vector<std::pair<Facet, std::string>> facet_values;
  std::optional<std::uint32_t> month;  // month_number of the date, when there is one
};

// Builds the document for an article whose id is set: stemmed positional title and body
// terms, facet terms, the date slot and the document data (common/schema.hpp). The unique
// id term is the caller's to add: it depends on where the article was read.
// generator must have been configured with configure_term_generator.
[[nodiscard]] BuiltDocument build_document(const Article& article, const Entities& entities,
                                           Xapian::TermGenerator& generator);

}  // namespace newsdex
