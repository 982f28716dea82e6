// The output formats of newssearch, and the streamed ones (jsonl, csv) that print each
// result as soon as it is read.
#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "searcher/search_options.hpp"

namespace newsdex {

enum class OutputFormat { text, json, jsonl, csv };

// The format named name ("text", "json", "jsonl", "csv"), or nullopt.
[[nodiscard]] std::optional<OutputFormat> output_format_named(std::string_view name);

// Runs the search and prints its results on out in format (jsonl or csv) one at a time, so
// that memory does not grow with them (see run_search with a HitSink), and the warnings on
// err afterwards, each on one line starting "newssearch: warning: ". Throws what run_search
// throws; once a result is printed, a failure still throws, after the results printed.
void print_streamed(const SearchOptions& options, OutputFormat format, std::ostream& out,
                    std::ostream& err);

}  // namespace newsdex
