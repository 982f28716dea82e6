// Writing prepared documents, in batches.
#include "indexer/index_writer.hpp"

namespace newsdex {

void write_documents(ShardSet& shards, WorkQueue<DocumentBatch>& queue,
                     const BatchLimits& limits, FacetOrdinals& ordinals, bool numbered_in_db,
                     RunReport& report) {
  // A database numbered in itself is a set that never rotates, so current() stays put.
  const Xapian::Database* numbering = numbered_in_db ? &shards.current() : nullptr;
  const auto commit = [&] {
    if (numbered_in_db) ordinals.write_changes(shards.current());
    shards.commit();
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
      const Replaced found = shards.replace(prepared.id_term, prepared.document);
      report.indexed(found != Replaced::nothing || prepared.replaces, prepared.month.has_value());
      // Deleting the version in an earlier shard buffers about as much as adding this one.
      pending_bytes += found == Replaced::in_earlier ? 2 * prepared.bytes : prepared.bytes;
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
