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
    chunk_.push_back(std::move(record));
    if (bytes_ >= chunk_bytes_) flush();
  }

  void flush() {
    if (chunk_.empty()) return;
    queue_.push(std::move(chunk_));
    chunk_ = {};
    bytes_ = 0;
  }

 private:
  std::size_t chunk_bytes_;
  WorkQueue<RecordChunk>& queue_;
  RecordChunk chunk_;
  std::size_t bytes_ = 0;
};

void read_text_file(const InputFile& file, ChunkBuilder& chunks, RunReport& report) {
  const std::string where = file.path.string();
  std::error_code error;
  const auto size = std::filesystem::file_size(file.path, error);
  if (error) return report.reject(where, 0, "unreadable", error.message());
  if (size > kMaxRecordBytes) {
    return report.reject(where, 0, "too large", "file larger than 16 MiB, not an article");
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return report.reject(where, 0, "unreadable", "cannot open file");
  std::ostringstream bytes;
  if (size > 0 && !(bytes << in.rdbuf())) {
    return report.reject(where, 0, "unreadable", "cannot read file");
  }
  chunks.add({&file, 0, std::move(bytes).str()});
}

void read_jsonl_stream(std::istream& in, const InputFile& file, ChunkBuilder& chunks,
                       RunReport& report, const std::atomic<bool>& stop) {
  const std::string where = file.path.string();
  std::string line;
  std::size_t number = 0;
  while (!stop && std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.size() > kMaxRecordBytes) {
      report.reject(where, number, "too large", "line longer than 16 MiB");
      continue;
    }
    chunks.add({&file, number, std::move(line)});
    line = {};
  }
  if (in.bad()) report.reject(where, number, "unreadable", "read error");
}

}  // namespace

void read_records(const std::vector<InputFile>& files, std::size_t chunk_bytes,
                  WorkQueue<RecordChunk>& queue, RunReport& report, const std::atomic<bool>& stop) {
  ChunkBuilder chunks(chunk_bytes, queue);
  for (const auto& file : files) {
    if (stop) break;
    if (file.path == "-") {
      read_jsonl_stream(std::cin, file, chunks, report, stop);
    } else if (file.format == InputFormat::jsonl) {
      std::ifstream in(file.path, std::ios::binary);
      if (!in) {
        report.reject(file.path.string(), 0, "unreadable", "cannot open file");
        continue;
      }
      read_jsonl_stream(in, file, chunks, report, stop);
    } else {
      read_text_file(file, chunks, report);
    }
    report.show_progress();
  }
  chunks.flush();
}

}  // namespace newsdex
