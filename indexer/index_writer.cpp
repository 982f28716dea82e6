// Writing prepared documents, in batches.
#include "indexer/index_writer.hpp"

#include <algorithm>
#include <map>

#include "common/schema.hpp"
#include "indexer/story_links.hpp"

namespace newsdex {
namespace {

// The source-file term of the document with id_term, or "" when it has none.
std::string source_of(const Xapian::Database& db, const std::string& id_term) {
  const auto posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) return {};
  const Xapian::Document document = db.get_document(*posting);
  auto term = document.termlist_begin();
  term.skip_to(std::string(kSourceFilePrefix));
  if (term == document.termlist_end() || !(*term).starts_with(kSourceFilePrefix)) return {};
  return *term;
}

// Puts the document in the story its previous version was in.
void keep_story(Xapian::Document& document, const std::string& story) {
  if (!story.empty()) set_document_story(document, story);
}

std::string file_named_by(const std::string& source_term) {
  if (source_term.empty()) return "standard input";
  return source_term.substr(kSourceFilePrefix.size());
}

}  // namespace

std::size_t write_documents(Xapian::WritableDatabase& db, WorkQueue<DocumentBatch>& queue,
                            const WriterSetup& setup) {
  FacetOrdinals& ordinals = *setup.ordinals;
  RunReport& report = *setup.report;
  const Xapian::Database* numbering = setup.numbered_in_db ? &db : nullptr;
  const auto commit = [&] {
    if (setup.router != nullptr) return setup.router->commit();
    if (setup.numbered_in_db) ordinals.write_changes(db);
    db.commit();
  };
  std::size_t pending_documents = 0;
  std::size_t pending_bytes = 0;
  std::string facets;
  Notices notices;  // of the chunk being written
  // Returns false, leaving the rest of the batch, once told to stop.
  const auto write = [&](DocumentBatch& batch) {
    for (auto& prepared : batch.documents) {
      if (setup.stop_now && setup.stop_now()) return false;
      Xapian::WritableDatabase* target = &db;
      FacetOrdinals* target_ordinals = &ordinals;
      const Xapian::Database* target_numbering = numbering;
      ShardRouter::Target shard;
      if (setup.router != nullptr) {
        shard = setup.router->target_for(prepared);
        target = shard.db;
        target_ordinals = shard.ordinals;
        target_numbering = shard.db;
      }
      facets.clear();
      for (const auto& [facet, value] : prepared.facet_values) {
        append_facet_entry(facets, {facet_index(facet),
                                    target_ordinals->ordinal(facet, value, target_numbering)});
      }
      if (prepared.month) append_facet_entry(facets, {kMonthEntryIndex, *prepared.month});
      if (!facets.empty()) prepared.document.add_value(slot_number(Slot::facets), facets);
      // Another shard's copy (its date was in another period) is the one replaced.
      std::vector<Xapian::WritableDatabase*> others;
      if (setup.router != nullptr) others = setup.router->others_holding(prepared.id_term, *target);
      const Xapian::WritableDatabase* holder =
          target->term_exists(prepared.id_term) ? target
          : others.empty()                      ? nullptr
                                                : others.front();
      const bool exists = holder != nullptr;
      std::string previous;  // the story of the version it replaces
      Xapian::docid replaced = 0;
      if (exists) {
        const Xapian::docid held = *holder->postlist_begin(prepared.id_term);
        previous = holder->get_document(held).get_value(slot_number(Slot::story));
        if (holder == target) replaced = held;
        const std::string previous_source = source_of(*holder, prepared.id_term);
        if (previous_source != prepared.source_term) {
          notices.push_back({prepared.order, "replaced from another file", false, prepared.where,
                             prepared.line,
                             "article '" + prepared.id + "' replaces the one read from " +
                                 file_named_by(previous_source)});
        }
      }
      for (Xapian::WritableDatabase* other : others) other->delete_document(prepared.id_term);
      const bool was_removed = setup.removed_ids && setup.removed_ids->erase(prepared.id_term) > 0;
      if (was_removed && !exists && setup.removed_stories) {
        const auto kept = setup.removed_stories->find(prepared.id_term);
        if (kept != setup.removed_stories->end()) previous = kept->second;
      }
      const bool shard_placed =
          setup.router != nullptr && setup.router->place_story(prepared, shard, previous, replaced);
      if (setup.placer != nullptr) {
        setup.placer->place(prepared, previous, replaced);
      } else if (!shard_placed) {
        keep_story(prepared.document, previous);
      }
      const Xapian::docid written = target->replace_document(prepared.id_term, prepared.document);
      if (setup.placer != nullptr) setup.placer->placed(prepared, written);
      if (shard_placed) setup.router->story_placed(prepared, written);
      if (setup.written_ids) setup.written_ids->push_back(prepared.id_term);
      report.indexed(exists || was_removed, prepared.month.has_value());
      pending_bytes += prepared.bytes;
      if (++pending_documents >= setup.limits.documents || pending_bytes >= setup.limits.bytes) {
        commit();
        pending_documents = 0;
        pending_bytes = 0;
      }
    }
    batch.documents.clear();
    return true;
  };
  std::size_t next = 0;  // the chunk being written
  // Writes a batch of chunk next; returns false once told to stop.
  const auto take = [&](DocumentBatch& batch) {
    if (!write(batch)) return false;
    if (batch.ends_chunk) {
      if (setup.chunk_written) setup.chunk_written(next, std::move(notices));
      notices = {};
      ++next;
    }
    return true;
  };
  // Batches of later chunks, held back until their turn.
  std::map<std::size_t, std::vector<DocumentBatch>> early;
  bool stopped = false;
  while (!stopped) {
    auto batch = queue.pop();
    if (!batch) break;
    if (batch->sequence != next) {
      early[batch->sequence].push_back(std::move(*batch));
      continue;
    }
    stopped = !take(*batch);
    while (!stopped && !early.empty() && early.begin()->first == next) {
      std::vector<DocumentBatch> held = std::move(early.begin()->second);
      early.erase(early.begin());
      for (auto& one : held) {
        stopped = !take(one);
        if (stopped) break;
      }
      if (!held.back().ends_chunk) break;  // its other batches are still to come
    }
  }
  if (stopped) {
    queue.close();
  } else {
    // Batches still held back wait for a chunk a failed worker never finished; the run
    // reports that failure, and what arrived is still written, in order.
    for (auto& [sequence, batches] : early) {
      for (auto& held : batches) write(held);
    }
  }
  commit();
  return next;
}

}  // namespace newsdex
