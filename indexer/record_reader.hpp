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
// stages can apply them in that order whichever worker finishes first.
struct RecordChunk {
  std::size_t sequence = 0;
  std::vector<RawRecord> records;
};

struct ReadOutcome {
  std::vector<const InputFile*> complete;  // files read to the end without a read error
};

// Reads every file into records, pushing chunks of about chunk_bytes to queue, and reports
// files that cannot be read and records over kMaxRecordBytes. Stops early once
// stop_requested() returns true. Does not close the queue.
ReadOutcome read_records(const std::vector<InputFile>& files, std::size_t chunk_bytes,
                         WorkQueue<RecordChunk>& queue, RunReport& report,
                         const std::function<bool()>& stop_requested);

}  // namespace newsdex
