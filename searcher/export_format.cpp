// The output formats of newssearch, and the streamed ones.
#include "searcher/export_format.hpp"

#include <ostream>

#include "common/text.hpp"
#include "searcher/csv_printer.hpp"
#include "searcher/result_printer.hpp"
#include "searcher/searcher.hpp"

namespace newsdex {

std::optional<OutputFormat> output_format_named(std::string_view name) {
  if (name == "text") return OutputFormat::text;
  if (name == "json") return OutputFormat::json;
  if (name == "jsonl") return OutputFormat::jsonl;
  if (name == "csv") return OutputFormat::csv;
  return std::nullopt;
}

void print_streamed(const SearchOptions& options, OutputFormat format, std::ostream& out,
                    std::ostream& err) {
  if (format == OutputFormat::csv) print_csv_header(out);
  const SearchResults results = run_search(options, [&](const SearchResults& search, const SearchHit& hit) {
    if (format == OutputFormat::csv) {
      print_csv_row(hit, out);
    } else {
      print_json_line(hit, search.relaxation, out);
    }
  });
  out.flush();
  for (const std::string& warning : results.warnings) {
    err << "newssearch: warning: " << terminal_safe(warning) << '\n';
  }
}

}  // namespace newsdex
