// The newsindex program: reads articles and writes them into a Xapian database.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "indexer/article_preparer.hpp"
#include "indexer/input_files.hpp"
#include "indexer/shard_set.hpp"

namespace newsdex {

struct IndexerOptions {
  std::string db_path;
  std::vector<std::string> inputs;
  InputFormat format = InputFormat::automatic;
  std::size_t batch_size = 1000;  // articles per commit (a crash loses at most one batch)
  std::size_t jobs = 1;           // parsing threads, and shards for a first build
  std::size_t memory_mb = 512;    // budget for buffered text and postings
  bool extract_entities = true;
  // --source/--author: what an article that names no source (author) gets, or empty.
  ArticleDefaults defaults;
  bool strict = false;        // stop at the first rejected input
  bool prune = false;         // remove articles whose files under a walked directory are gone
  bool wait = false;          // wait for another writer's lock instead of failing
  bool force = false;         // re-read files recorded as indexed and unchanged
  bool json_summary = false;  // summary as one JSON object
  bool quiet = false;         // no warnings or progress (the summary still prints)
  bool progress = false;      // redraw a progress line on stderr
  // --shard-by: one database per period below db_path (shard_set.hpp); a database sharded
  // one way is only ever written the same way.
  ShardPeriod shard_by = ShardPeriod::none;
};

// Indexes the inputs into the database (created when missing) and prints the summary on
// out and warnings on err. Files recorded by an earlier run and unchanged since are skipped
// unread. Returns kExitOk when every input went in and kExitSomeRejected when some were
// rejected; the rest is indexed and committed either way. Stopped by a signal (see
// stop_signal.hpp), it commits what it read and returns 128 + the signal number.
// Throws Xapian::Error (including DatabaseLockError) and SchemaMismatch for fatal errors, and
// std::runtime_error for a database sharded otherwise than shard_by asks.
[[nodiscard]] int run_indexer(const IndexerOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsdex
