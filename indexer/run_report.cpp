// Counting, warning and summarizing for an indexing run.
#include "indexer/run_report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "common/text.hpp"

namespace newsdex {

std::size_t IndexSummary::skipped_total() const {
  std::size_t total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

RunReport::RunReport(std::ostream& err, bool quiet, bool progress)
    : err_(err), quiet_(quiet), progress_(progress && !quiet) {}

void RunReport::reject(const std::string& where, std::size_t line, const std::string& reason,
                       const std::string& message) {
  publish({Notice{0, reason, true, where, line, message}});
}

void RunReport::publish(Notices notices) {
  std::stable_sort(notices.begin(), notices.end(),
                   [](const Notice& a, const Notice& b) { return a.order < b.order; });
  std::lock_guard lock(mutex_);
  for (const auto& notice : notices) publish_locked(notice);
}

void RunReport::publish_locked(const Notice& notice) {
  if (notice.rejected) {
    ++rejected_;
    ++skipped_[notice.kind];
  }
  std::size_t& shown = shown_[notice.kind];
  if (shown >= kWarningsShownPerKind) {
    ++not_shown_[notice.kind];
    return;
  }
  write_line(notice.where, notice.line, notice.message);
  if (++shown == kWarningsShownPerKind && !quiet_) {
    err_ << "newsindex: further '" << notice.kind
         << "' warnings are not shown; the summary counts them\n";
  }
}

void RunReport::write_line(const std::string& where, std::size_t line, const std::string& message) {
  if (quiet_) return;
  if (progress_shown_) {
    err_ << "\r\033[K";
    progress_shown_ = false;
  }
  err_ << "newsindex: " << terminal_safe(where);  // file names may hold any byte
  if (line > 0) err_ << ':' << line;
  err_ << ": " << terminal_safe(message) << '\n';
}

void RunReport::indexed(bool replaced, bool has_date) {
  ++(replaced ? replaced_ : added_);
  if (!has_date) ++without_date_;
}

void RunReport::expect_input_bytes(std::uint64_t bytes) { input_total_ += bytes; }

void RunReport::expect_unknown_input() { input_unknown_ = true; }

void RunReport::read_input_bytes(std::uint64_t bytes) { input_read_ += bytes; }

std::string progress_line(std::size_t articles, double seconds, std::uint64_t bytes_read,
                          std::uint64_t bytes_total) {
  std::string line = std::to_string(articles) + " articles, " +
                     std::to_string(static_cast<long>(static_cast<double>(articles) / (seconds > 0 ? seconds : 1))) +
                     "/s";
  if (bytes_total == 0) return line;
  const std::uint64_t read = std::min(bytes_read, bytes_total);
  const double fraction = static_cast<double>(read) / static_cast<double>(bytes_total);
  line += ", " + std::to_string(static_cast<int>(fraction * 100)) + "%";
  if (read == 0 || seconds <= 0) return line;
  const auto left = static_cast<long>(std::lround(seconds * (1 - fraction) / fraction));
  char buffer[48];
  if (left >= 3600) {
    std::snprintf(buffer, sizeof buffer, ", %ld:%02ld:%02ld left", left / 3600, left / 60 % 60, left % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, ", %ld:%02ld left", left / 60, left % 60);
  }
  return line + buffer;
}

void RunReport::show_progress() {
  if (!progress_) return;
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (now - last_progress_ < std::chrono::milliseconds(250)) return;
  last_progress_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const std::uint64_t total = input_unknown_ ? 0 : input_total_.load();
  err_ << "\r\033[K" << progress_line(added_ + replaced_, seconds, input_read_, total) << std::flush;
  progress_shown_ = true;
}

void RunReport::clear_progress() {
  std::lock_guard lock(mutex_);
  if (!progress_shown_) return;
  err_ << "\r\033[K" << std::flush;
  progress_shown_ = false;
}

IndexSummary RunReport::summary() const {
  IndexSummary summary;
  summary.added = added_;
  summary.replaced = replaced_;
  summary.without_date = without_date_;
  summary.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  std::lock_guard lock(mutex_);
  summary.skipped = skipped_;
  summary.not_shown = not_shown_;
  return summary;
}

void print_summary(const IndexSummary& summary, const std::string& db_path, bool json,
                   std::ostream& out) {
  const double rate =
      summary.seconds > 0 ? static_cast<double>(summary.indexed()) / summary.seconds : 0;
  if (json) {
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [reason, count] : summary.skipped) skipped[reason] = count;
    nlohmann::json not_shown = nlohmann::json::object();
    for (const auto& [kind, count] : summary.not_shown) not_shown[kind] = count;
    const nlohmann::json object = {{"database", db_path},
                                   {"added", summary.added},
                                   {"replaced", summary.replaced},
                                   {"removed", summary.removed},
                                   {"skipped", summary.skipped_total()},
                                   {"skipped_reasons", skipped},
                                   {"without_date", summary.without_date},
                                   {"ignored_files", summary.ignored_files},
                                   {"unchanged_files", summary.unchanged_files},
                                   {"pruned", summary.pruned},
                                   {"interrupted", summary.interrupted_by != 0},
                                   {"files_left", summary.files_left},
                                   {"warnings_not_shown", not_shown},
                                   {"documents", summary.documents},
                                   {"seconds", summary.seconds},
                                   {"articles_per_second", rate}};
    out << object.dump() << '\n';
    return;
  }
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.2f s, %.0f articles/s", summary.seconds, rate);
  if (summary.interrupted_by != 0) {
    out << "interrupted by signal " << summary.interrupted_by << "; what is counted below is committed";
    if (summary.files_left > 0) {
      out << ", " << summary.files_left << (summary.files_left == 1 ? " file is" : " files are")
          << " left: run again to finish\n";
    } else {
      out << ", nothing is left\n";
    }
  }
  out << "indexed " << summary.indexed() << " articles into " << db_path << " (" << timing
      << ")\n";
  out << "  added         " << summary.added << '\n';
  out << "  replaced      " << summary.replaced << '\n';
  if (summary.removed > 0) {
    out << "  removed       " << summary.removed << " (no longer in their changed files)\n";
  }
  out << "  skipped       " << summary.skipped_total();
  const char* separator = "  (";
  for (const auto& [reason, count] : summary.skipped) {
    out << separator << reason << ": " << count;
    separator = ", ";
  }
  if (!summary.skipped.empty()) out << ')';
  out << '\n';
  out << "  without date  " << summary.without_date << '\n';
  if (!summary.not_shown.empty()) {
    std::size_t total = 0;
    for (const auto& [kind, count] : summary.not_shown) total += count;
    out << "  not shown     " << total << " warnings";
    separator = "  (";
    for (const auto& [kind, count] : summary.not_shown) {
      out << separator << kind << ": " << count;
      separator = ", ";
    }
    out << ")\n";
  }
  if (summary.unchanged_files > 0) {
    out << "  unchanged     " << summary.unchanged_files << " files (indexed before; not read)\n";
  }
  if (summary.pruned > 0) {
    out << "  pruned        " << summary.pruned << " articles (their files are gone)\n";
  }
  if (summary.ignored_files > 0) {
    out << "  other files   " << summary.ignored_files
        << " (not .txt, .jsonl or .ndjson; ignored)\n";
  }
  out << "  documents     " << summary.documents << " in the database\n";
}

}  // namespace newsdex
