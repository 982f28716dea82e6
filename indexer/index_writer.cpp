// Writing prepared documents, in batches.
#include "indexer/index_writer.hpp"

namespace newsdex {

void write_documents(Xapian::WritableDatabase& db, WorkQueue<DocumentBatch>& queue,
                     const BatchLimits& limits, RunReport& report) {
  std::size_t pending_documents = 0;
  std::size_t pending_bytes = 0;
  while (auto batch = queue.pop()) {
    for (auto& prepared : *batch) {
      const bool exists = db.term_exists(prepared.id_term);
      db.replace_document(prepared.id_term, prepared.document);
      report.indexed(exists || prepared.replaces, prepared.has_date);
      pending_bytes += prepared.bytes;
      if (++pending_documents >= limits.documents || pending_bytes >= limits.bytes) {
        db.commit();
        pending_documents = 0;
        pending_bytes = 0;
      }
    }
    batch->clear();
  }
  db.commit();
}

}  // namespace newsdex
