// Writing prepared documents, in batches.
#include "indexer/index_writer.hpp"

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
  while (auto batch = queue.pop()) {
    for (auto& prepared : *batch) {
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
    batch->clear();
  }
  commit();
}

}  // namespace newsdex
