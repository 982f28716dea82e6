// Reading input files into records.
#include "indexer/record_reader.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace newsdex {
namespace {

// Fills chunks and notes how far each file is read when a chunk is pushed.
class ChunkBuilder {
 public:
  ChunkBuilder(std::size_t chunk_bytes, WorkQueue<RecordChunk>& queue, ReadOutcome& outcome)
      : chunk_bytes_(chunk_bytes), queue_(queue), outcome_(outcome) {}

  void add(RawRecord record) {
    bytes_ += record.bytes.size() + 64;
    chunk_.records.push_back(std::move(record));
    if (bytes_ >= chunk_bytes_) flush(false);
  }

  // A rejected input, placed before the next record.
  void reject(const std::string& where, std::size_t line, const std::string& reason,
              const std::string& message) {
    chunk_.notices.push_back({chunk_.records.size(), reason, true, where, line, message});
  }

  // While a JSON Lines file is read, each chunk pushed records how far it got.
  void track(const InputFile* file, const FileState* state) {
    tracked_file_ = file;
    tracked_state_ = state;
  }

  void file_done(const InputFile& file, const FileState& state, bool failed) {
    tracked_file_ = nullptr;
    outcome_.marks.push_back({&file, chunk_.sequence + 1, true, state, failed});
  }

  void flush(bool even_empty) {
    if (!even_empty && chunk_.records.empty() && chunk_.notices.empty()) return;
    if (tracked_file_ != nullptr) {
      outcome_.marks.push_back({tracked_file_, chunk_.sequence + 1, false, *tracked_state_});
    }
    const std::size_t next = chunk_.sequence + 1;
    queue_.push(std::move(chunk_));
    outcome_.chunks = next;
    chunk_ = {next, {}, {}};
    bytes_ = 0;
  }

 private:
  std::size_t chunk_bytes_;
  WorkQueue<RecordChunk>& queue_;
  ReadOutcome& outcome_;
  RecordChunk chunk_;
  std::size_t bytes_ = 0;
  const InputFile* tracked_file_ = nullptr;
  const FileState* tracked_state_ = nullptr;
};

std::int64_t modified_ns(const fs::path& path) {
  std::error_code error;
  const auto modified = fs::last_write_time(path, error);
  if (error) return 0;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
}

// Returns whether the file was read (a rejection is reported otherwise).
bool read_text_file(const InputFile& file, ChunkBuilder& chunks, FileState& state) {
  const std::string where = file.path.string();
  std::error_code error;
  state.modified_ns = modified_ns(file.path);
  const auto size = fs::file_size(file.path, error);
  if (error) {
    chunks.reject(where, 0, "unreadable", error.message());
    return false;
  }
  if (size > kMaxRecordBytes) {
    chunks.reject(where, 0, "too large", "file larger than 16 MiB, not an article");
    return false;
  }
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  if (!in || (size > 0 && !(bytes << in.rdbuf()))) {
    chunks.reject(where, 0, "unreadable", "cannot read file");
    return false;
  }
  std::string text = std::move(bytes).str();
  state.size = text.size();
  chunks.add({&file, 0, std::move(text)});
  return true;
}

// Returns whether the stream was read to its end. state starts as the resume point and ends
// as what was read.
bool read_jsonl_stream(std::istream& in, const InputFile& file, ChunkBuilder& chunks,
                       FileState& state, const std::function<bool()>& stop_requested) {
  const std::string where = file.path.string();
  std::string line;
  std::size_t number = state.resume_line;
  state.size = state.resume_offset;
  chunks.track(&file, &state);
  while (std::getline(in, line)) {
    if (stop_requested()) return false;
    ++number;
    // A last line without its newline may still be being written: a later run reads it again.
    const bool terminated = !in.eof();
    state.size += line.size() + (terminated ? 1 : 0);
    if (terminated) {
      state.resume_hash = extend_hash(extend_hash(state.resume_hash, line), "\n");
      state.resume_offset = state.size;
      state.resume_line = number;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.size() > kMaxRecordBytes) {
      chunks.reject(where, number, "too large", "line longer than 16 MiB");
      continue;
    }
    chunks.add({&file, number, std::move(line)});
    line = {};
  }
  // A stop signal interrupts a blocked read; that is no read error.
  if (stop_requested()) return false;
  if (in.bad()) {
    chunks.reject(where, number, "unreadable", "read error");
    return false;
  }
  return true;
}

}  // namespace

ReadOutcome read_records(const std::vector<InputFile>& files, std::size_t chunk_bytes,
                         WorkQueue<RecordChunk>& queue,
                         const std::function<bool()>& stop_requested) {
  ReadOutcome outcome;
  ChunkBuilder chunks(chunk_bytes, queue, outcome);
  for (const auto& file : files) {
    if (stop_requested()) break;
    bool complete = false;
    FileState state = file.start;
    if (file.path == "-") {
      complete = read_jsonl_stream(std::cin, file, chunks, state, stop_requested);
    } else if (file.format == InputFormat::jsonl) {
      // The time is taken before reading: a line appended while the file is read changes it,
      // so the next run looks at the file again.
      state.modified_ns = modified_ns(file.path);
      std::ifstream in(file.path, std::ios::binary);
      if (in && state.resume_offset > 0) in.seekg(static_cast<std::streamoff>(state.resume_offset));
      if (in) {
        complete = read_jsonl_stream(in, file, chunks, state, stop_requested);
      } else {
        chunks.reject(file.path.string(), 0, "unreadable", "cannot open file");
      }
    } else {
      complete = read_text_file(file, chunks, state);
    }
    chunks.track(nullptr, nullptr);
    if (complete || !stop_requested()) chunks.file_done(file, state, !complete);
  }
  chunks.flush(true);
  return outcome;
}

}  // namespace newsdex
