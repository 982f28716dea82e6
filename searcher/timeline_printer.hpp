// Shows a timeline: bars in a terminal, a JSON object, or an SVG chart.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <string_view>

#include "searcher/timeline.hpp"

namespace newsdex {

// {"unit": "month", "normalized": false, "exact": true, "undated": N,
//  "buckets": [{"period": "1987-03", "count": N, "share": x}, ...]}; with normalized each
// bucket also has "archive" (the archive's articles in the period).
[[nodiscard]] nlohmann::json timeline_json(const Timeline& timeline);

// One line per period (label, count, a bar scaled to the largest), fitting width columns,
// then the undated count; a note when the counts are not exact.
void print_timeline_text(const Timeline& timeline, std::size_t width, std::ostream& out);

// The columns of the terminal on standard output, else $COLUMNS, else 80.
[[nodiscard]] std::size_t output_width();

// A bar chart as a standalone SVG document: title, y axis with ticks, period labels. title
// is any text (it is escaped).
void write_timeline_svg(const Timeline& timeline, std::string_view title, std::ostream& out);

}  // namespace newsdex
