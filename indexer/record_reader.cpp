// Reading input files into records.
#include "indexer/record_reader.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace newsdex {
namespace {

class ChunkBuilder {
 public:
  ChunkBuilder(std::size_t chunk_bytes, WorkQueue<RecordChunk>& queue)
      : chunk_bytes_(chunk_bytes), queue_(queue) {}

  void add(RawRecord record) {
    bytes_ += record.bytes.size() + 64;
    chunk_.records.push_back(std::move(record));
    if (bytes_ >= chunk_bytes_) flush();
  }

  void flush() {
    if (chunk_.records.empty()) return;
    const std::size_t next = chunk_.sequence + 1;
    queue_.push(std::move(chunk_));
    chunk_ = {next, {}};
    bytes_ = 0;
  }

 private:
  std::size_t chunk_bytes_;
  WorkQueue<RecordChunk>& queue_;
  RecordChunk chunk_;
  std::size_t bytes_ = 0;
};

// Returns whether the file was read (a rejection is reported otherwise).
bool read_text_file(const InputFile& file, ChunkBuilder& chunks, RunReport& report) {
  const std::string where = file.path.string();
  std::error_code error;
  const auto size = std::filesystem::file_size(file.path, error);
  if (error) {
    report.reject(where, 0, "unreadable", error.message());
    return false;
  }
  if (size > kMaxRecordBytes) {
    report.reject(where, 0, "too large", "file larger than 16 MiB, not an article");
    return false;
  }
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  if (!in || (size > 0 && !(bytes << in.rdbuf()))) {
    report.reject(where, 0, "unreadable", "cannot read file");
    return false;
  }
  chunks.add({&file, 0, std::move(bytes).str()});
  return true;
}

// Returns whether the stream was read to its end.
bool read_jsonl_stream(std::istream& in, const InputFile& file, ChunkBuilder& chunks,
                       RunReport& report, const std::function<bool()>& stop_requested) {
  const std::string where = file.path.string();
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    if (stop_requested()) return false;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.size() > kMaxRecordBytes) {
      report.reject(where, number, "too large", "line longer than 16 MiB");
      continue;
    }
    chunks.add({&file, number, std::move(line)});
    line = {};
  }
  // A stop signal interrupts a blocked read; that is no read error.
  if (stop_requested()) return false;
  if (in.bad()) {
    report.reject(where, number, "unreadable", "read error");
    return false;
  }
  return true;
}

}  // namespace

ReadOutcome read_records(const std::vector<InputFile>& files, std::size_t chunk_bytes,
                         WorkQueue<RecordChunk>& queue, RunReport& report,
                         const std::function<bool()>& stop_requested) {
  ReadOutcome outcome;
  ChunkBuilder chunks(chunk_bytes, queue);
  for (const auto& file : files) {
    if (stop_requested()) break;
    bool complete = false;
    if (file.path == "-") {
      complete = read_jsonl_stream(std::cin, file, chunks, report, stop_requested);
    } else if (file.format == InputFormat::jsonl) {
      std::ifstream in(file.path, std::ios::binary);
      if (in) {
        complete = read_jsonl_stream(in, file, chunks, report, stop_requested);
      } else {
        report.reject(file.path.string(), 0, "unreadable", "cannot open file");
      }
    } else {
      complete = read_text_file(file, chunks, report);
    }
    if (complete) outcome.complete.push_back(&file);
    report.show_progress();
  }
  chunks.flush();
  return outcome;
}

}  // namespace newsdex
