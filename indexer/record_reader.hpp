// The first stage of indexing: reads input files into raw records (a text file, or one
// JSON line), in input order, in chunks for the parsing workers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "indexer/input_files.hpp"
#include "indexer/run_report.hpp"
#include "indexer/work_queue.hpp"

namespace newsdex {

// A single article file or JSON line larger than this is rejected, not read into memory.
inline constexpr std::size_t kMaxRecordBytes = 16 * 1024 * 1024;

struct RawRecord {
  const InputFile* file = nullptr;
  std::size_t line = 0;  // 1-based line of a JSON Lines record; 0 for a text file
  std::string bytes;
};

// Records in input order. Chunks are numbered 0, 1, 2, … as they are read, so that later
// stages can apply them in that order whichever worker finishes first. The reader's own
// warnings (unreadable files, oversized lines) travel with the chunk, placed among its
// records, to be printed in input order.
struct RecordChunk {
  std::size_t sequence = 0;
  std::vector<RawRecord> records;
  Notices notices;
};

// How far a file is read once every chunk before `before` has been indexed: to its end
// (complete), or, for a JSON Lines file, up to state.size; or that it could not be read
// (failed: reported as rejected, nothing to record).
struct FileMark {
  const InputFile* file = nullptr;
  std::size_t before = 0;
  bool complete = false;
  FileState state;
  bool failed = false;
};

struct ReadOutcome {
  std::vector<FileMark> marks;  // in reading order
  std::size_t chunks = 0;       // chunks pushed
};

// Reads every file into records, pushing chunks of about chunk_bytes to queue (the last one
// even when empty), and reports files that cannot be read and records over kMaxRecordBytes.
// Each file is read from its InputFile::start. Stops at the next line once stop_requested()
// returns true. Does not close the queue.
ReadOutcome read_records(const std::vector<InputFile>& files, std::size_t chunk_bytes,
                         WorkQueue<RecordChunk>& queue,
                         const std::function<bool()>& stop_requested);

}  // namespace newsdex
