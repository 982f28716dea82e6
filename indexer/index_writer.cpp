// Writing prepared documents, in batches.
#include "indexer/index_writer.hpp"

#include <map>

namespace newsdex {

void write_documents(Xapian::WritableDatabase& db, WorkQueue<DocumentBatch>& queue,
                     const BatchLimits& limits, FacetOrdinals& ordinals, bool numbered_in_db,
                     RunReport& report) {
  const Xapian::Database* numbering = numbered_in_db ? &db : nullptr;
  const auto commit = [&] {
    if (numbered_in_db) ordinals.write_changes(db);
    db.commit();
  };
  std::size_t pending_documents = 0;
  std::size_t pending_bytes = 0;
  std::string facets;
  const auto write = [&](DocumentBatch& batch) {
    for (auto& prepared : batch.documents) {
      facets.clear();
      for (const auto& [facet, value] : prepared.facet_values) {
        append_facet_entry(facets, {facet_index(facet), ordinals.ordinal(facet, value, numbering)});
      }
      if (prepared.month) append_facet_entry(facets, {kMonthEntryIndex, *prepared.month});
      if (!facets.empty()) prepared.document.add_value(slot_number(Slot::facets), facets);
      const bool exists = db.term_exists(prepared.id_term);
      db.replace_document(prepared.id_term, prepared.document);
      report.indexed(exists || prepared.replaces, prepared.month.has_value());
      pending_bytes += prepared.bytes;
      if (++pending_documents >= limits.documents || pending_bytes >= limits.bytes) {
        commit();
        pending_documents = 0;
        pending_bytes = 0;
      }
    }
    batch.documents.clear();
  };
  // Batches of later chunks, held back until their turn.
  std::map<std::size_t, std::vector<DocumentBatch>> early;
  std::size_t next = 0;
  const auto next_chunk = [&] {
    for (++next; !early.empty() && early.begin()->first == next; ++next) {
      bool ended = false;
      for (auto& batch : early.begin()->second) {
        write(batch);
        ended = batch.ends_chunk;
      }
      early.erase(early.begin());
      if (!ended) return;  // its other batches are still to come
    }
  };
  while (auto batch = queue.pop()) {
    if (batch->sequence != next) {
      early[batch->sequence].push_back(std::move(*batch));
      continue;
    }
    write(*batch);
    if (batch->ends_chunk) next_chunk();
  }
  // Batches still held back wait for a chunk a failed worker never finished; the run reports
  // that failure, and what arrived is still written, in order.
  for (auto& [sequence, batches] : early) {
    for (auto& held : batches) write(held);
  }
  commit();
}

}  // namespace newsdex
