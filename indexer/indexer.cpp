// The indexing run: a reader thread, parsing workers and database writers joined by
// bounded queues (see record_reader.hpp, article_preparer.hpp, index_writer.hpp).
//
// Into a database that already holds articles, one writer replaces documents by id, so
// incremental runs and single-article updates behave exactly as a sequential run would.
// Into a new or empty database (a first build) each worker's documents go, by a hash of
// their id, to one of several scratch shard databases written in parallel inside the
// database directory; the shards are then merged by Xapian's compactor, and the merged
// database is switched in at the end (switch_over.hpp).
// Duplicate ids always land in the same shard, so they still collapse into one document.
// Input chunks are numbered as they are read and each writer applies them in that order,
// whichever worker finishes first, so the last version of a duplicate id wins.
#include "indexer/indexer.hpp"

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <set>
#include <thread>
#include <unordered_set>

#include "common/exit_codes.hpp"
#include "common/entities/name_synonyms.hpp"
#include "common/schema.hpp"
#include "indexer/article_preparer.hpp"
#include "indexer/database_dir.hpp"
#include "indexer/facet_ordinals.hpp"
#include "indexer/file_states.hpp"
#include "indexer/index_writer.hpp"
#include "indexer/notice_order.hpp"
#include "indexer/record_reader.hpp"
#include "indexer/run_lock.hpp"
#include "indexer/stop_signal.hpp"
#include "indexer/copy_links.hpp"
#include "indexer/copy_pass.hpp"
#include "indexer/story_links.hpp"
#include "indexer/switch_over.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::size_t kDocumentsPerHandOff = 64;
// A worker may start a chunk only this many chunks per worker ahead of the oldest chunk not
// yet handed to the writers, which bounds what the writers hold back while a slow chunk is
// prepared.
constexpr std::size_t kChunksAheadPerWorker = 2;
// Xapian holds about this many bytes of buffered postings per byte of article text until a
// commit (measured on Reuters-21578), which sets how much text a batch may hold.
constexpr std::size_t kBufferedBytesPerInputByte = 32;
constexpr int kShardBlockSize = 16384;
// When stories group events, what the story placer keeps (the run's articles kept in memory
// as candidates to compare new ones with, their terms and stories) takes at most this share
// of --memory (one part in kStoryMemoryParts), the buffered postings the rest.
constexpr std::size_t kStoryMemoryParts = 4;
// After a stop signal, what was already read is still indexed up to one batch (an idle feed's
// last lines, a batch in progress) and for no longer than this; whatever is left then is
// dropped, so a run stops promptly however much it has read ahead.
constexpr auto kStopGrace = std::chrono::milliseconds(1000);

// The first exception any thread of the pipeline throws; it stops the others.
class FirstError {
 public:
  void capture() {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::current_exception();
  }
  void rethrow_if_any() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
};

// What a pipeline run got done.
struct PipelineResult {
  ReadOutcome read;
  std::size_t chunks_committed = 0;  // chunks 0 … n-1 are written completely and committed
  std::vector<std::string> written_ids;  // of every document written, writer by writer, if recorded
};

class Pipeline {
 public:
  Pipeline(const IndexerOptions& options, std::vector<Xapian::WritableDatabase>& databases,
           FacetOrdinals& ordinals, bool numbered_in_db, RunReport& report)
      : options_(options),
        databases_(databases),
        report_(report),
        records_(std::max<std::size_t>(4, options.memory_mb / 8)),
        chunks_ahead_(kChunksAheadPerWorker * std::max<std::size_t>(1, options.jobs)),
        notices_(report, databases.size()) {
    for (std::size_t i = 0; i < databases.size(); ++i) {
      batches_.push_back(std::make_unique<WorkQueue<DocumentBatch>>(16));
    }
    const std::size_t batch_bytes =
        (options.memory_mb << 20) / databases.size() / kBufferedBytesPerInputByte;
    writer_setup_.limits = {options.batch_size, std::max<std::size_t>(batch_bytes, 1 << 20)};
    writer_setup_.ordinals = &ordinals;
    writer_setup_.numbered_in_db = numbered_in_db;
    writer_setup_.report = &report;
    writer_setup_.chunk_written = [this](std::size_t sequence, Notices notices) {
      notices_.written(sequence, std::move(notices));
    };
    writer_setup_.stop_now = [this] { return drop_now(); };
  }

  // Records the id term of every document written (PipelineResult::written_ids).
  void record_written_ids() { record_written_ = true; }

  // Sends every document to the shard router names, through one writer.
  void route_through(ShardRouter& router) { writer_setup_.router = &router; }

  // Places every document in its story before it is written: in the workers, one chunk
  // after another in input order (a first build, whose documents go to several writers),
  // or in the one writer (the placer's archive is that writer's database). terms: whether
  // the placer compares articles (StoryTerms are taken in the workers). memory_bytes: what
  // the placer keeps, taken from the writers' share of --memory.
  void place_stories(StoryPlacer& placer, bool in_workers, bool terms, std::size_t memory_bytes) {
    if (in_workers) {
      worker_placer_ = &placer;
    } else {
      writer_setup_.placer = &placer;
    }
    take_story_terms(terms, memory_bytes);
  }

  // Takes each document's StoryTerms in the workers (when terms), for a router that places
  // stories; memory_bytes as for place_stories.
  void take_story_terms(bool terms, std::size_t memory_bytes) {
    story_terms_ = terms;
    const std::size_t left = (options_.memory_mb << 20) - memory_bytes;
    writer_setup_.limits.bytes =
        std::max<std::size_t>(left / databases_.size() / kBufferedBytesPerInputByte, 1 << 20);
  }

  // removed_ids, removed_stories: see WriterSetup (only with one database). Returns what the
  // reader read and how much of it is committed. A stop signal drops what is not yet written.
  PipelineResult run(const std::vector<InputFile>& files, bool stop_now,
                     std::unordered_set<std::string>* removed_ids,
                     const std::unordered_map<std::string, std::string>* removed_stories) {
    stop_ = stop_now;
    expect_input(files);
    PipelineResult result;
    std::vector<std::size_t> chunks_written(databases_.size(), 0);
    std::vector<std::vector<std::string>> written(databases_.size());
    std::vector<std::thread> writers;
    for (std::size_t i = 0; i < databases_.size(); ++i) {
      writers.emplace_back([this, i, removed_ids, removed_stories, &chunks_written, &written] {
        guarded([&] {
          WriterSetup setup = writer_setup_;
          setup.written_ids = record_written_ ? &written[i] : nullptr;
          if (databases_.size() == 1) {
            setup.removed_ids = removed_ids;
            setup.removed_stories = removed_stories;
          }
          chunks_written[i] = write_documents(databases_[i], *batches_[i], setup);
        });
      });
    }
    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, options_.jobs); ++i) {
      workers.emplace_back([this] { guarded([&] { prepare_documents(); }); });
    }
    guarded([&] {
      result.read = read_records(files, kChunkBytes, records_,
                                 [this] { return stop_ || stop_signal() != 0; });
    });
    records_.close();
    for (auto& worker : workers) worker.join();
    for (auto& queue : batches_) queue->close();
    for (auto& writer : writers) writer.join();
    report_.clear_progress();
    error_.rethrow_if_any();
    result.chunks_committed = *std::min_element(chunks_written.begin(), chunks_written.end());
    for (auto& ids : written) {
      result.written_ids.insert(result.written_ids.end(), std::make_move_iterator(ids.begin()),
                                std::make_move_iterator(ids.end()));
    }
    return result;
  }

 private:
  void prepare_documents() {
    ArticlePreparer preparer(options_.extract_entities, options_.defaults);
    while (auto chunk = records_.pop()) {
      if (!wait_for_turn(chunk->sequence)) return;
      std::vector<DocumentBatch> outgoing(databases_.size());
      Notices notices = std::move(chunk->notices);
      std::uint64_t chunk_bytes = 0;
      // A JSON line's newline counts too, so that a whole file adds up to its size.
      for (const RawRecord& record : chunk->records) chunk_bytes += record.bytes.size() + (record.line > 0 ? 1 : 0);
      report_.read_input_bytes(chunk_bytes);
      // With stories placed here, the chunk's documents wait for its turn to be placed.
      std::vector<std::pair<std::size_t, PreparedDocument>> to_place;
      for (std::size_t i = 0; i < chunk->records.size(); ++i) {
        // Past the grace a stop signal gives, work not yet written is dropped; the reader,
        // waiting to hand over more, is let go.
        if (drop_now(true)) {
          records_.close();
          return;
        }
        auto prepared = preparer.prepare(chunk->records[i], i, notices);
        if (!prepared) {
          if (options_.strict) stop_ = true;
          continue;
        }
        if (story_terms_) prepared->story_terms = story_terms_of(prepared->document);
        const std::size_t shard = std::hash<std::string>{}(prepared->id_term) % databases_.size();
        if (worker_placer_ != nullptr) {
          to_place.emplace_back(shard, std::move(*prepared));
          continue;
        }
        outgoing[shard].documents.push_back(std::move(*prepared));
        if (outgoing[shard].documents.size() >= kDocumentsPerHandOff) {
          hand_off(shard, chunk->sequence, false, outgoing[shard]);
        }
      }
      if (worker_placer_ != nullptr) {
        if (!wait_to_place(chunk->sequence)) return;
        for (auto& [shard, prepared] : to_place) {
          worker_placer_->place(prepared);
          worker_placer_->placed(prepared, 0);
          prepared.story_terms = {};
          outgoing[shard].documents.push_back(std::move(prepared));
          // In small batches, as above: the writers' queues hold a few of them, not whole chunks.
          if (outgoing[shard].documents.size() >= kDocumentsPerHandOff) {
            hand_off(shard, chunk->sequence, false, outgoing[shard]);
          }
        }
      }
      notices_.prepared(chunk->sequence, std::move(notices));
      // Every writer gets the end of every chunk, to know its turn has passed.
      for (std::size_t shard = 0; shard < outgoing.size(); ++shard) {
        hand_off(shard, chunk->sequence, true, outgoing[shard]);
      }
      handed_off(chunk->sequence);
      report_.show_progress();
    }
  }

  // Tells the report how many bytes the files hold past where reading starts.
  void expect_input(const std::vector<InputFile>& files) {
    for (const InputFile& file : files) {
      std::error_code error;
      const auto size = file.path == "-" ? 0 : std::filesystem::file_size(file.path, error);
      if (file.path == "-" || error) {
        report_.expect_unknown_input();
      } else {
        report_.expect_input_bytes(size > file.start.resume_offset ? size - file.start.resume_offset : 0);
      }
    }
  }

  void hand_off(std::size_t shard, std::size_t sequence, bool ends_chunk, DocumentBatch& batch) {
    batch.sequence = sequence;
    batch.ends_chunk = ends_chunk;
    batches_[shard]->push(std::move(batch));
    batch = {};
  }

  // Waits until the chunk may be prepared; false once the run has failed or is stopped.
  bool wait_for_turn(std::size_t sequence) {
    std::unique_lock lock(order_mutex_);
    // A signal handler cannot notify: look for a stop now and then.
    while (!turn_.wait_for(lock, std::chrono::milliseconds(50), [&] {
      return failed_ || sequence < first_pending_ + chunks_ahead_;
    })) {
      if (drop_now()) return false;
    }
    return !failed_ && !drop_now();
  }

  // Waits until every chunk before this one is handed to the writers, so that the placer
  // sees the documents in input order; false once the run has failed or is stopped.
  bool wait_to_place(std::size_t sequence) {
    std::unique_lock lock(order_mutex_);
    while (!turn_.wait_for(lock, std::chrono::milliseconds(50), [&] {
      return failed_ || first_pending_ == sequence;
    })) {
      if (drop_now()) return false;
    }
    return !failed_ && !drop_now();
  }

  // Whether work not yet written is to be dropped: once a batch of records is prepared after
  // a stop signal is seen, or kStopGrace after it. counting: a record is about to be prepared.
  bool drop_now(bool counting = false) {
    if (stop_signal() == 0) return false;
    using Clock = std::chrono::steady_clock;
    const auto now = Clock::now().time_since_epoch().count();
    Clock::rep unseen = 0;
    stop_seen_.compare_exchange_strong(unseen, now);
    if (counting && ++prepared_after_stop_ > options_.batch_size) return true;
    return prepared_after_stop_.load() > options_.batch_size ||
           Clock::duration(now - stop_seen_.load()) > kStopGrace;
  }

  void handed_off(std::size_t sequence) {
    std::lock_guard lock(order_mutex_);
    handed_ahead_.insert(sequence);
    while (!handed_ahead_.empty() && *handed_ahead_.begin() == first_pending_) {
      handed_ahead_.erase(handed_ahead_.begin());
      ++first_pending_;
    }
    turn_.notify_all();
  }

  template <typename Work>
  void guarded(Work work) {
    try {
      work();
    } catch (...) {
      error_.capture();
      stop_ = true;
      {
        std::lock_guard lock(order_mutex_);
        failed_ = true;
      }
      turn_.notify_all();
      records_.close();
      for (auto& queue : batches_) queue->close();
    }
  }

  const IndexerOptions& options_;
  std::vector<Xapian::WritableDatabase>& databases_;
  RunReport& report_;
  WorkQueue<RecordChunk> records_;
  std::vector<std::unique_ptr<WorkQueue<DocumentBatch>>> batches_;
  WriterSetup writer_setup_;
  StoryPlacer* worker_placer_ = nullptr;
  bool story_terms_ = false;
  bool record_written_ = false;
  // Chunks handed to the writers: all below first_pending_, and those in handed_ahead_.
  std::mutex order_mutex_;
  std::condition_variable turn_;
  std::size_t first_pending_ = 0;
  std::set<std::size_t> handed_ahead_;
  std::size_t chunks_ahead_;
  bool failed_ = false;
  std::atomic<bool> stop_{false};
  NoticeOrder notices_;
  std::atomic<std::chrono::steady_clock::rep> stop_seen_{0};
  std::atomic<std::size_t> prepared_after_stop_{0};
  FirstError error_;
};

// A write that failed (a full disk, say), reported with the path it was writing.
std::runtime_error write_error(const fs::path& path, const Xapian::Error& error) {
  std::string message = "cannot write " + path.string() + ": " + error.get_msg();
  if (error.get_error_string() != nullptr) message += std::string(" (") + error.get_error_string() + ")";
  return std::runtime_error(message);
}

// Merges the shards with Xapian's compactor into the scratch's merged database.
void merge_shards(std::vector<Xapian::WritableDatabase>& shards, const FirstBuildScratch& scratch) {
  Xapian::Database sources;
  for (auto& shard : shards) {
    shard.close();
  }
  for (std::size_t i = 0; i < shards.size(); ++i) {
    sources.add_database(Xapian::Database(scratch.shard(i).string()));
  }
  try {
    sources.compact(scratch.merged().string(), Xapian::Compactor::FULL);
  } catch (const Xapian::Error& error) {
    throw write_error(scratch.merged(), error);
  }
}

// Xapian says a lock is held by another process only with these words; its other lock
// errors (a lock file it cannot create, say) are no reason to wait.
bool held_by_another(const Xapian::DatabaseLockError& error) {
  const std::string& message = error.get_msg();
  constexpr std::string_view kHeld = "already locked";
  return message.size() >= kHeld.size() &&
         message.compare(message.size() - kHeld.size(), kHeld.size(), kHeld) == 0;
}

// Opens (creating) the database for writing; with wait, waits for another writer's lock.
Xapian::WritableDatabase open_for_writing(const fs::path& db_dir, const IndexerOptions& options,
                                          std::ostream& err) {
  bool said_waiting = false;
  while (true) {
    try {
      return Xapian::WritableDatabase(db_dir.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& error) {
      if (!held_by_another(error)) {
        throw std::runtime_error("cannot lock the database " + db_dir.string() + ": " +
                                 error.get_msg());
      }
      if (!options.wait || stop_signal() != 0) throw;
      if (!said_waiting && !options.quiet) {
        err << "newsindex: " << db_dir.string() << " is locked by another writer; waiting\n";
        said_waiting = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

// Refuses a database directory sharded otherwise than options.shard_by asks: writing it
// the other way would hide the shards behind a database of its own, or mix the periods.
void check_sharding(const fs::path& db_dir, const IndexerOptions& options) {
  const std::optional<ShardPeriod> recorded = recorded_sharding(db_dir);
  const std::string db = options.db_path;
  if (recorded && options.shard_by == ShardPeriod::none) {
    throw std::runtime_error(db + " is sharded by " + std::string(period_name(*recorded)) +
                             "; index into it with --shard-by " +
                             std::string(period_name(*recorded)));
  }
  if (options.shard_by == ShardPeriod::none) return;
  const std::string asked(period_name(options.shard_by));
  if (recorded && *recorded != options.shard_by) {
    throw std::runtime_error(db + " is sharded by " + std::string(period_name(*recorded)) +
                             ", not by " + asked + "; use --shard-by " +
                             std::string(period_name(*recorded)) + " or a new directory");
  }
  if (!recorded && (fs::exists(db_dir / "iamglass") || holds_switch_stub(db_dir))) {
    throw std::runtime_error(db + " holds a database that is not sharded; --shard-by " + asked +
                             " needs a new or empty directory");
  }
}

// The counts every run prints, and its exit code.
int finish_run(const RunReport& report, const InputList& inputs, const FileSelection& selection,
               std::size_t files_left, const fs::path& db_dir, const IndexerOptions& options,
               std::ostream& out) {
  IndexSummary summary = report.summary();
  summary.ignored_files = inputs.ignored;
  summary.unchanged_files = selection.unchanged;
  summary.pruned = selection.pruned;
  summary.removed = selection.removed_ids.size();
  summary.interrupted_by = stop_signal();
  summary.files_left = summary.interrupted_by != 0 ? files_left : 0;
  summary.documents = Xapian::Database(db_dir.string()).get_doccount();
  print_summary(summary, options.db_path, options.json_summary, out);
  if (summary.interrupted_by != 0) return 128 + summary.interrupted_by;
  return summary.skipped_total() == 0 ? kExitOk : kExitSomeRejected;
}

// A run into a sharded archive: one writer places each article in its period's shard, and
// the file records go to their own database (shard_set.hpp).
int run_sharded(const fs::path& db_dir, const InputList& inputs, RunReport& report,
                const IndexerOptions& options, std::ostream& out) {
  ShardSet shards(db_dir, options.shard_by);
  FileSelection selection;
  {
    Xapian::WritableDatabase all = shards.all();
    selection = select_files(all, inputs.files, inputs.roots, {options.prune, options.force});
  }
  // One writer; the router gives it each document's shard and that shard's numbering, so
  // the database and numbering handed to the pipeline stand unused.
  std::vector<Xapian::WritableDatabase> writer{shards.records()};
  FacetOrdinals unused(0);
  Pipeline pipeline(options, writer, unused, true, report);
  pipeline.route_through(shards);
  // Stories are placed within each shard, as in a single database (shard_stories.hpp).
  const StoryOptions stories = story_options_from_environment();
  if (stories.enabled) {
    const std::size_t story_bytes = stories.group_events ? (options.memory_mb << 20) / kStoryMemoryParts : 0;
    shards.place_stories(stories, story_bytes);
    pipeline.take_story_terms(stories.group_events, story_bytes);
  }
  std::size_t files_left = 0;
  try {
    const PipelineResult outcome = pipeline.run(
        selection.to_read, options.strict && report.rejected() > 0, &selection.removed_ids,
        &selection.removed_stories);
    shards.finish();
    files_left = record_files(shards.records(), outcome.read.marks, outcome.chunks_committed,
                              selection.to_read);
    shards.records().close();
  } catch (const Xapian::Error& error) {
    throw write_error(db_dir, error);
  }
  return finish_run(report, inputs, selection, files_left, db_dir, options, out);
}

}  // namespace

int run_indexer(const IndexerOptions& options, std::ostream& out, std::ostream& err) {
  // Resolved once: the lock, the scratch and every write use the real directory.
  const fs::path db_dir = prepare_database_dir(options.db_path, options.inputs);
  const InputList inputs = collect_inputs(options.inputs, options.format);
  RunReport report(err, options.quiet, options.progress);
  for (const auto& problem : inputs.problems) {
    report.reject(problem.input, 0, "unreadable", problem.reason);
  }

  const RunLock run_lock(db_dir, options.wait, options.quiet, err);
  check_sharding(db_dir, options);
  finish_or_clear_scratch(db_dir);
  if (options.shard_by != ShardPeriod::none) {
    return run_sharded(db_dir, inputs, report, options, out);
  }
  Xapian::WritableDatabase target = open_for_writing(db_dir, options, err);
  check_schema(target, options.db_path);
  const bool first_build = target.get_doccount() == 0;
  if (first_build) {
    write_schema_metadata(target);
    target.commit();
  }
  FileSelection selection = select_files(target, inputs.files, inputs.roots, {options.prune, options.force});

  // Declared before the shards, so that on failure they are closed before it is removed.
  std::optional<FirstBuildScratch> scratch;
  std::vector<Xapian::WritableDatabase> databases;
  if (first_build) {
    scratch.emplace(db_dir);
    // The shards are scratch: only the compactor reads them, after their last commit, and a
    // run that fails discards them, so they need no fsync. They keep Xapian's copy-on-write
    // blocks all the same: with DB_DANGEROUS (blocks updated in place), a commit that fails
    // on a full disk ends the process in std::terminate inside Xapian 1.4, leaving the
    // scratch behind instead of an error to report and scratch to remove.
    // Their blocks are 16 KB (measured faster than 8 and 32 KB); the merged database gets
    // the default size.
    for (std::size_t i = 0; i < std::max<std::size_t>(1, options.jobs); ++i) {
      databases.emplace_back(
          scratch->shard(i).string(),
          Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC,
          kShardBlockSize);
      write_schema_metadata(databases.back());
    }
  } else {
    // The writer thread becomes the only user of the database handle; the deletions of
    // changed and pruned files' articles are committed with its first batch.
    databases.push_back(std::move(target));
  }

  // A first build numbers facet values afresh: its shards replace the database.
  FacetOrdinals ordinals = first_build ? FacetOrdinals(0) : FacetOrdinals::continuing(databases.front());
  Pipeline pipeline(options, databases, ordinals, !first_build, report);
  // A first build links copies over the whole merged database and needs no list of ids.
  if (!first_build) pipeline.record_written_ids();
  const StoryOptions stories = story_options_from_environment();
  std::optional<StoryPlacer> placer;
  if (stories.enabled) {
    // Without same-event grouping the placer keeps only the stories of the ids placed.
    const std::size_t story_bytes =
        (options.memory_mb << 20) / (stories.group_events ? kStoryMemoryParts : kStoryMemoryParts * 8);
    placer.emplace(stories, first_build ? nullptr : &databases.front(), story_bytes);
    pipeline.place_stories(*placer, first_build, stories.group_events, story_bytes);
  }
  PipelineResult outcome;
  try {
    outcome = pipeline.run(selection.to_read, options.strict && report.rejected() > 0,
                           &selection.removed_ids, &selection.removed_stories);
    placer.reset();
    if (first_build) {
      // The numbering goes into the first shard, so the merged database holds it.
      ordinals.write_changes(databases.front());
      databases.front().commit();
    }
  } catch (const Xapian::Error& error) {
    throw write_error(first_build ? scratch->root() : db_dir, error);
  }
  const fs::path finished = first_build ? scratch->merged() : db_dir;
  if (first_build) {
    merge_shards(databases, *scratch);
    databases = {Xapian::WritableDatabase(finished.string(), Xapian::DB_OPEN)};
  }
  std::size_t files_left = 0;
  try {
    // Synonyms join the spellings of a surname across the archive, new articles included.
    // A first build adds them and its file records to the merged database before the
    // switch-over, which so makes the whole run visible at once.
    add_name_synonyms(databases.front());
    if (first_build) {
      // Every article is new, written in docid order: one pass over the whole database,
      // its band keys within half of --memory (the articles it links take the rest).
      link_copies_in_bulk(databases.front(), stories.enabled, (options.memory_mb << 20) / 2);
    } else {
      link_copies(databases.front(), outcome.written_ids);
      if (stories.enabled) follow_copies(databases.front(), outcome.written_ids);
    }
    files_left = record_files(databases.front(), outcome.read.marks, outcome.chunks_committed,
                              selection.to_read);
    databases.front().close();
  } catch (const Xapian::Error& error) {
    throw write_error(finished, error);
  }
  if (first_build) {
    target.close();
    scratch->switch_over();
  }

  return finish_run(report, inputs, selection, files_left, db_dir, options, out);
}

}  // namespace newsdex
