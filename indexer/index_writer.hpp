// The last stage of indexing: one thread owns one WritableDatabase and writes prepared
// documents into it, replacing by id and committing in batches.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "indexer/article_preparer.hpp"
#include "indexer/facet_ordinals.hpp"
#include "indexer/run_report.hpp"
#include "indexer/work_queue.hpp"

namespace newsdex {

struct BatchLimits {
  std::size_t documents = 2000;       // commit after this many documents …
  std::size_t bytes = 64 << 20;       // … or this many bytes of input, whichever comes first
};

using DocumentBatch = std::vector<PreparedDocument>;

// Writes every batch from queue into db until the queue is closed and drained, then commits.
// A crash loses at most the documents since the last commit. Facet values are numbered by
// ordinals; with numbered_in_db (a database that already holds articles, and the only writer
// into it), values are looked up in db and each commit includes the numbering its documents
// use. Otherwise the caller writes the numbering (FacetOrdinals::write_changes) at the end.
void write_documents(Xapian::WritableDatabase& db, WorkQueue<DocumentBatch>& queue,
                     const BatchLimits& limits, FacetOrdinals& ordinals, bool numbered_in_db,
                     RunReport& report);

}  // namespace newsdex
