// The indexing run: inputs → parsed articles → entities → documents → database.
#include "indexer/indexer.hpp"

#include <xapian.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "common/entities.hpp"
#include "common/exit_codes.hpp"
#include "common/jsonl_article.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/text_article.hpp"
#include "indexer/document_builder.hpp"

namespace newsdex {
namespace {

// A single article file or JSON line larger than this is rejected, not read into memory.
constexpr std::uintmax_t kMaxRecordBytes = 16 * 1024 * 1024;

using Clock = std::chrono::steady_clock;

// Scrapers often name files by publication date ("2025-12-02-peace-talks.txt"); such a name
// dates an article whose text carries no date.
std::optional<DateTime> date_from_file_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  constexpr std::size_t kIsoDateLength = 10;
  if (name.size() <= kIsoDateLength || name[4] != '-' || name[7] != '-') return std::nullopt;
  const char after = name[kIsoDateLength];
  if (after != '-' && after != '_' && after != '.') return std::nullopt;
  return parse_date(std::string_view(name).substr(0, kIsoDateLength));
}

struct Summary {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t without_date = 0;
  std::size_t ignored_files = 0;
  std::map<std::string, std::size_t> skipped;  // reason → count
  double seconds = 0;
  Xapian::doccount documents = 0;

  [[nodiscard]] std::size_t indexed() const { return added + replaced; }
  [[nodiscard]] std::size_t skipped_total() const {
    std::size_t total = 0;
    for (const auto& [reason, count] : skipped) total += count;
    return total;
  }
};

class IndexRun {
 public:
  IndexRun(const IndexerOptions& options, std::ostream& err)
      : options_(options),
        err_(err),
        db_(options.db_path, Xapian::DB_CREATE_OR_OPEN),
        started_(Clock::now()) {
    check_schema(db_, options.db_path);
    if (db_.get_doccount() == 0) write_schema_metadata(db_);
    configure_term_generator(generator_);
  }

  IndexRun(const IndexRun&) = delete;
  IndexRun& operator=(const IndexRun&) = delete;

  void read(const InputFile& file) {
    if (stopped_) return;
    if (file.path == "-") {
      read_jsonl_stream(std::cin, file);
    } else if (file.format == InputFormat::jsonl) {
      std::ifstream in(file.path, std::ios::binary);
      if (!in) return reject(file, 0, "unreadable", "cannot open file");
      read_jsonl_stream(in, file);
    } else {
      read_text_file(file);
    }
  }

  void reject(const InputFile& file, std::size_t line, const std::string& reason,
              const std::string& message) {
    ++summary_.skipped[reason];
    warn(file.path.string(), line, message);
    if (options_.strict) stopped_ = true;
  }

  void reject_input(const InputProblem& problem) {
    ++summary_.skipped["unreadable"];
    warn(problem.input, 0, problem.reason);
    if (options_.strict) stopped_ = true;
  }

  Summary finish(std::size_t ignored_files) {
    db_.commit();
    clear_progress();
    summary_.ignored_files = ignored_files;
    summary_.documents = db_.get_doccount();
    summary_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    return summary_;
  }

 private:
  void read_text_file(const InputFile& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file.path, error);
    if (error) return reject(file, 0, "unreadable", error.message());
    if (size > kMaxRecordBytes) {
      return reject(file, 0, "too large", "file larger than 16 MiB, not an article");
    }
    std::ifstream in(file.path, std::ios::binary);
    std::ostringstream bytes;
    if (!(in && bytes << in.rdbuf()) && size > 0) {
      return reject(file, 0, "unreadable", "cannot read file");
    }
    ArticleParse parse = parse_text_article(repair_utf8(bytes.str()).text);
    if (!parse.article) return reject(file, 0, "parse error", parse.error);
    Article& article = *parse.article;
    article.path = file.relative;
    article.id = !article.url.empty() ? article.url : file.relative;
    if (!article.date) article.date = date_from_file_name(file.path);
    warn_undated(file, 0, article);
    add(article);
  }

  void read_jsonl_stream(std::istream& in, const InputFile& file) {
    std::string line;
    std::size_t number = 0;
    while (!stopped_ && std::getline(in, line)) {
      ++number;
      if (trim(line).empty()) continue;
      if (line.size() > kMaxRecordBytes) {
        reject(file, number, "too large", "line longer than 16 MiB");
        continue;
      }
      ArticleParse parse = parse_json_article(repair_utf8(line).text);
      if (!parse.article) {
        reject(file, number, "parse error", parse.error);
        continue;
      }
      Article& article = *parse.article;
      article.path = file.relative;
      if (article.id.empty()) article.id = article.url;
      if (article.id.empty()) article.id = file.relative + ":" + std::to_string(number);
      warn_undated(file, number, article);
      add(article);
    }
    if (in.bad()) reject(file, number, "unreadable", "read error");
  }

  void add(const Article& article) {
    const Entities entities = options_.extract_entities
                                  ? builtin_entity_extractor().extract(article.title, article.body)
                                  : Entities{};
    const std::string idterm = id_term(article.id);
    const bool exists = db_.term_exists(idterm);
    db_.replace_document(idterm, build_document(article, entities, generator_));
    ++(exists ? summary_.replaced : summary_.added);
    if (!article.date) ++summary_.without_date;
    if (++pending_ >= options_.batch_size) {
      db_.commit();
      pending_ = 0;
    }
    show_progress();
  }

  // A date that is there but unreadable loses the article only its date; say so.
  void warn_undated(const InputFile& file, std::size_t line, const Article& article) {
    if (article.date || article.raw_date.empty()) return;
    warn(file.path.string(), line,
         "date '" + std::string(truncate_utf8(article.raw_date, 80)) +
             "' not understood; indexed without a date");
  }

  void warn(const std::string& where, std::size_t line, const std::string& message) {
    if (options_.quiet) return;
    clear_progress();
    err_ << "newsindex: " << where;
    if (line > 0) err_ << ':' << line;
    err_ << ": " << message << '\n';
  }

  void show_progress() {
    if (!options_.progress || options_.quiet) return;
    const auto now = Clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(250)) return;
    last_progress_ = now;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    err_ << "\r\033[K" << summary_.indexed() << " articles, "
         << static_cast<long>(summary_.indexed() / (seconds > 0 ? seconds : 1)) << "/s"
         << std::flush;
    progress_shown_ = true;
  }

  void clear_progress() {
    if (!progress_shown_) return;
    err_ << "\r\033[K" << std::flush;
    progress_shown_ = false;
  }

  const IndexerOptions& options_;
  std::ostream& err_;
  Xapian::WritableDatabase db_;
  Xapian::TermGenerator generator_;
  Summary summary_;
  std::size_t pending_ = 0;
  bool stopped_ = false;
  bool progress_shown_ = false;
  Clock::time_point started_;
  Clock::time_point last_progress_{};
};

void print_summary(const Summary& summary, const IndexerOptions& options, std::ostream& out) {
  const double rate = summary.seconds > 0 ? summary.indexed() / summary.seconds : 0;
  if (options.json_summary) {
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [reason, count] : summary.skipped) skipped[reason] = count;
    const nlohmann::json json = {
        {"database", options.db_path},     {"added", summary.added},
        {"replaced", summary.replaced},     {"skipped", summary.skipped_total()},
        {"skipped_reasons", skipped},       {"without_date", summary.without_date},
        {"ignored_files", summary.ignored_files}, {"documents", summary.documents},
        {"seconds", summary.seconds},       {"articles_per_second", rate}};
    out << json.dump() << '\n';
    return;
  }
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.2f s, %.0f articles/s", summary.seconds, rate);
  out << "indexed " << summary.indexed() << " articles into " << options.db_path << " ("
      << timing << ")\n";
  out << "  added         " << summary.added << '\n';
  out << "  replaced      " << summary.replaced << '\n';
  out << "  skipped       " << summary.skipped_total();
  const char* separator = "  (";
  for (const auto& [reason, count] : summary.skipped) {
    out << separator << reason << ": " << count;
    separator = ", ";
  }
  if (!summary.skipped.empty()) out << ')';
  out << '\n';
  out << "  without date  " << summary.without_date << '\n';
  if (summary.ignored_files > 0) {
    out << "  other files   " << summary.ignored_files << " (not .txt, .jsonl or .ndjson; ignored)\n";
  }
  out << "  documents     " << summary.documents << " in the database\n";
}

}  // namespace

int run_indexer(const IndexerOptions& options, std::ostream& out, std::ostream& err) {
  const InputList inputs = collect_inputs(options.inputs, options.format);
  IndexRun run(options, err);
  for (const auto& problem : inputs.problems) run.reject_input(problem);
  for (const auto& file : inputs.files) run.read(file);
  const Summary summary = run.finish(inputs.ignored);
  print_summary(summary, options, out);
  return summary.skipped_total() == 0 ? kExitOk : kExitSomeRejected;
}

}  // namespace newsdex
