// The last stage of indexing: one thread owns one WritableDatabase and writes prepared
// documents into it, replacing by id and committing in batches.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "indexer/article_preparer.hpp"
#include "indexer/run_report.hpp"
#include "indexer/work_queue.hpp"

namespace newsdex {

struct BatchLimits {
  std::size_t documents = 2000;       // commit after this many documents …
  std::size_t bytes = 64 << 20;       // … or this many bytes of input, whichever comes first
};

using DocumentBatch = std::vector<PreparedDocument>;

// Writes every batch from queue into db until the queue is closed and drained, then commits.
// A crash loses at most the documents since the last commit.
void write_documents(Xapian::WritableDatabase& db, WorkQueue<DocumentBatch>& queue,
                     const BatchLimits& limits, RunReport& report);

}  // namespace newsdex
