// What an indexing run counts and says: rejections, warnings, progress and the summary.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace newsdex {

// Warnings of one kind beyond this many are not printed, only counted in the summary.
inline constexpr std::size_t kWarningsShownPerKind = 5;

// A warning about one input. Warnings raised while a chunk of input passes the pipeline are
// held with the chunk and printed when its turn comes, so they appear in input order.
struct Notice {
  std::size_t order = 0;  // the record's position in its chunk, which orders a chunk's notices
  std::string kind;       // "parse error", "no text", "date not understood", ...
  bool rejected = false;  // the input was not indexed: counted as skipped for kind
  std::string where;      // the file
  std::size_t line = 0;   // 1-based JSON Lines line, or 0
  std::string message;
};
using Notices = std::vector<Notice>;

struct IndexSummary {
  std::size_t added = 0;     // documents whose id was not in the database before the run
  std::size_t replaced = 0;  // documents that took the place of one with the same id
  std::size_t removed = 0;   // articles of changed files that the new versions no longer hold
  std::size_t without_date = 0;
  std::size_t ignored_files = 0;
  std::size_t unchanged_files = 0;  // recorded as indexed and not changed since: not read
  std::size_t pruned = 0;           // articles removed because their file is gone
  int interrupted_by = 0;           // the signal that stopped the run early, or 0
  std::size_t files_left = 0;       // files not (or not completely) indexed when interrupted
  std::map<std::string, std::size_t> skipped;  // reason → count
  std::map<std::string, std::size_t> not_shown;  // kind → warnings counted but not printed
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

  // An input that was not indexed, reported at once: counted under reason, warned about as
  // "where:line: message" (no line when line is 0).
  void reject(const std::string& where, std::size_t line, const std::string& reason,
              const std::string& message);
  // Reports notices in the order given (then by Notice::order): rejected ones are counted
  // as skipped; each is printed unless kWarningsShownPerKind of its kind were, and then
  // counted as not shown.
  void publish(Notices notices);
  // A document written to the database.
  void indexed(bool replaced, bool has_date);

  // Input bytes a run is to read (files), or unknown (standard input): percent done and time
  // left are shown only while every input's size is known.
  void expect_input_bytes(std::uint64_t bytes);
  void expect_unknown_input();
  // Input bytes handed to the workers.
  void read_input_bytes(std::uint64_t bytes);

  // Redraws the progress line, at most four times a second.
  void show_progress();
  void clear_progress();

  [[nodiscard]] std::size_t rejected() const { return rejected_.load(); }
  [[nodiscard]] IndexSummary summary() const;

 private:
  void write_line(const std::string& where, std::size_t line, const std::string& message);
  void publish_locked(const Notice& notice);

  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  const bool quiet_;
  const bool progress_;
  const Clock::time_point started_ = Clock::now();

  mutable std::mutex mutex_;  // guards err_, skipped_ and the progress state
  std::map<std::string, std::size_t> skipped_;
  std::map<std::string, std::size_t> shown_;
  std::map<std::string, std::size_t> not_shown_;
  Clock::time_point last_progress_{};
  bool progress_shown_ = false;

  std::atomic<std::uint64_t> input_total_{0};
  std::atomic<std::uint64_t> input_read_{0};
  std::atomic<bool> input_unknown_{false};
  std::atomic<std::size_t> rejected_{0};
  std::atomic<std::size_t> added_{0};
  std::atomic<std::size_t> replaced_{0};
  std::atomic<std::size_t> without_date_{0};
};

// The progress line: "1200 articles, 400/s", and when bytes_total is known (not 0)
// ", 45%, 0:12 left" (time left once there is a rate to go by, as m:ss or h:mm:ss).
[[nodiscard]] std::string progress_line(std::size_t articles, double seconds, std::uint64_t bytes_read,
                                        std::uint64_t bytes_total);

// Prints the summary as text, or as one JSON object.
void print_summary(const IndexSummary& summary, const std::string& db_path, bool json,
                   std::ostream& out);

}  // namespace newsdex
