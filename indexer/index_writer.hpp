// The last stage of indexing: one thread owns one WritableDatabase and writes prepared
// documents into it, replacing by id and committing in batches.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "indexer/article_preparer.hpp"
#include "indexer/facet_ordinals.hpp"
#include "indexer/run_report.hpp"
#include "indexer/story_links.hpp"
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

// Where documents go when the database is split into shards (see shard_set.hpp).
class ShardRouter {
 public:
  struct Target {
    Xapian::WritableDatabase* db = nullptr;
    FacetOrdinals* ordinals = nullptr;  // the shard's own numbering, looked up in db
  };
  virtual ~ShardRouter() = default;
  // The shard the document belongs in.
  virtual Target target_for(const PreparedDocument& prepared) = 0;
  // The shards other than target holding a document with id_term.
  virtual std::vector<Xapian::WritableDatabase*> others_holding(
      const std::string& id_term, const Xapian::WritableDatabase& target) = 0;
  // Commits every shard, with the facet numbering its documents use.
  virtual void commit() = 0;
  // Puts the document in its story within target, the shard target_for gave it (previous
  // and replaced as for StoryPlacer::place); false when the router places no stories, and
  // the document keeps its previous version's story.
  virtual bool place_story(PreparedDocument& /*prepared*/, const Target& /*target*/,
                           const std::string& /*previous*/, Xapian::docid /*replaced*/) {
    return false;
  }
  // The document last placed by place_story is written at did in its shard.
  virtual void story_placed(const PreparedDocument& /*prepared*/, Xapian::docid /*did*/) {}
};

struct WriterSetup {
  BatchLimits limits;
  FacetOrdinals* ordinals = nullptr;
  // A database that already holds articles, and the only writer into it: facet values are
  // looked up in db and each commit includes the numbering its documents use. Otherwise the
  // caller writes the numbering (FacetOrdinals::write_changes) at the end.
  bool numbered_in_db = false;
  RunReport* report = nullptr;
  // Id terms of articles deleted before the run because their file changed: one written
  // again counts as replaced, and is erased, so what remains was removed. Only for the
  // only writer into db; may be null.
  std::unordered_set<std::string>* removed_ids = nullptr;
  // The story of each of those articles (by id term): a new version stays in its story, as
  // one replacing an article still in db does. May be null.
  const std::unordered_map<std::string, std::string>* removed_stories = nullptr;
  // Receives the id term of every document written, in writing order; may be null.
  std::vector<std::string>* written_ids = nullptr;
  // When set, decides each document's story before it is written (only for the only
  // writer into db, with no router; StoryPlacer's archive is db). Otherwise a new version
  // of an article is written in its previous version's story.
  StoryPlacer* placer = nullptr;
  // Called once every document of a chunk is written, in sequence order, with the warnings
  // writing raised (an article replacing one read from another file).
  std::function<void(std::size_t sequence, Notices notices)> chunk_written;
  // True once writing must stop at once: what is written is committed, the rest left.
  std::function<bool()> stop_now;
  // When set, each document goes to the shard it names, and leaves every other shard; db,
  // ordinals and numbered_in_db are then unused.
  ShardRouter* router = nullptr;
};

// Writes every batch from queue into db until the queue is closed and drained (or stop_now),
// then commits, and returns how many chunks (0 … n-1) it wrote completely.
// Chunks are written in sequence order, 0, 1, 2, …, whichever arrives first, so a later
// version of an id replaces an earlier one as in a sequential run; the batches of a chunk
// must arrive in their own order. A crash loses at most the documents since the last commit.
// Stopping closes queue, so that producers do not wait for a writer that has left.
[[nodiscard]] std::size_t write_documents(Xapian::WritableDatabase& db,
                                          WorkQueue<DocumentBatch>& queue,
                                          const WriterSetup& setup);

}  // namespace newsdex
