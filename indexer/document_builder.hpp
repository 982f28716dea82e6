// Turns a parsed article into a Xapian document following the schema.
#pragma once

#include <xapian.h>

#include "common/article.hpp"
#include "common/entities.hpp"

namespace newsdex {

// Builds the document for an article whose id is set: stemmed positional title and body
// terms, the id term, facet terms, value slots and the document data (common/schema.hpp).
// generator must have been configured with configure_term_generator.
[[nodiscard]] Xapian::Document build_document(const Article& article, const Entities& entities,
                                              Xapian::TermGenerator& generator);

}  // namespace newsdex
