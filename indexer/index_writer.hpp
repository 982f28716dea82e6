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

// Documents of one input chunk (RecordChunk) bound for one writer, in input order. A chunk
// reaches each writer as one or more batches, the last one (possibly empty) marked.
struct DocumentBatch {
  std::size_t sequence = 0;  // the chunk's
  bool ends_chunk = false;
  std::vector<PreparedDocument> documents;
};

// Writes every batch from queue into db until the queue is closed and drained, then commits.
// Chunks are written in sequence order, 0, 1, 2, …, whichever arrives first, so a later
// version of an id replaces an earlier one as in a sequential run; the batches of a chunk
// must arrive in their own order. A crash loses at most the documents since the last commit.
// Facet values are numbered by ordinals; with numbered_in_db (a database that already holds
// articles, and the only writer into it), values are looked up in db and each commit includes
// the numbering its documents use. Otherwise the caller writes the numbering
// (FacetOrdinals::write_changes) at the end.
void write_documents(Xapian::WritableDatabase& db, WorkQueue<DocumentBatch>& queue,
                     const BatchLimits& limits, FacetOrdinals& ordinals, bool numbered_in_db,
                     RunReport& report);

}  // namespace newsdex
