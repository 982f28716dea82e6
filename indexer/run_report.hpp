// What an indexing run counts and says: rejections, warnings, progress and the summary.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>

namespace newsdex {

struct IndexSummary {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t without_date = 0;
  std::size_t ignored_files = 0;
  std::size_t unchanged_files = 0;  // recorded as indexed and not changed since: not read
  std::size_t pruned = 0;           // articles removed because their file is gone
  int interrupted_by = 0;           // the signal that stopped the run early, or 0
  std::map<std::string, std::size_t> skipped;  // reason → count
  double seconds = 0;
  std::size_t documents = 0;

  [[nodiscard]] std::size_t indexed() const { return added + replaced; }
  [[nodiscard]] std::size_t skipped_total() const;
};

// Shared by the reader, the workers and the writers of a run; every member is thread-safe.
class RunReport {
 public:
  RunReport(std::ostream& err, bool quiet, bool progress);
  RunReport(const RunReport&) = delete;
  RunReport& operator=(const RunReport&) = delete;

  // An input or record that was not indexed: counted under reason, warned about as
  // "where:line: message" (no line when line is 0).
  void reject(const std::string& where, std::size_t line, const std::string& reason,
              const std::string& message);
  // A problem that did not stop the article from being indexed.
  void warn(const std::string& where, std::size_t line, const std::string& message);
  // A document written to the database.
  void indexed(bool replaced, bool has_date);

  // Redraws the progress line, at most four times a second.
  void show_progress();
  void clear_progress();

  [[nodiscard]] std::size_t rejected() const { return rejected_.load(); }
  [[nodiscard]] IndexSummary summary() const;

 private:
  void write_line(const std::string& where, std::size_t line, const std::string& message);

  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  const bool quiet_;
  const bool progress_;
  const Clock::time_point started_ = Clock::now();

  mutable std::mutex mutex_;  // guards err_, skipped_ and the progress state
  std::map<std::string, std::size_t> skipped_;
  Clock::time_point last_progress_{};
  bool progress_shown_ = false;

  std::atomic<std::size_t> rejected_{0};
  std::atomic<std::size_t> added_{0};
  std::atomic<std::size_t> replaced_{0};
  std::atomic<std::size_t> without_date_{0};
};

// Prints the summary as text, or as one JSON object.
void print_summary(const IndexSummary& summary, const std::string& db_path, bool json,
                   std::ostream& out);

}  // namespace newsdex
