// Timeline output for people (bars, SVG) and programs (JSON).
#include "searcher/timeline_printer.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <string>

namespace newsdex {
namespace {

// The value a bar shows: the share of the archive when normalized, else the count.
double bar_value(const Timeline& timeline, const TimelineBucket& bucket) {
  return timeline.normalized ? bucket.share : static_cast<double>(bucket.count);
}

double largest_value(const Timeline& timeline) {
  double largest = 0;
  for (const auto& bucket : timeline.buckets) largest = std::max(largest, bar_value(timeline, bucket));
  return largest;
}

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string number(double value) {  // an SVG coordinate
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// A tick step of 1, 2 or 5 times a power of ten giving about four steps up to largest; whole
// numbers for counts.
double tick_step(double largest, bool whole) {
  if (largest <= 0) return 1;
  const double rough = largest / 4;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= rough) break;
  }
  return whole ? std::max(1.0, std::round(step)) : step;
}

std::string tick_label(double value, bool as_percent) {
  char text[32];
  if (as_percent) {
    std::snprintf(text, sizeof text, "%.4g%%", value * 100);
  } else {
    std::snprintf(text, sizeof text, "%.0f", value);
  }
  return text;
}

}  // namespace

nlohmann::json timeline_json(const Timeline& timeline) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& bucket : timeline.buckets) {
    nlohmann::json entry = {{"period", bucket.period}, {"count", bucket.count}, {"share", bucket.share}};
    if (timeline.normalized) entry["archive"] = bucket.archive;
    buckets.push_back(std::move(entry));
  }
  return {{"unit", timeline_unit_name(timeline.unit)},
          {"normalized", timeline.normalized},
          {"exact", timeline.exact},
          {"counted", timeline.counted},
          {"counts", timeline.stories ? "stories" : "articles"},
          {"buckets", buckets},
          {"undated", timeline.undated}};
}

std::size_t output_width() {
  winsize size{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS")) {
    const long value = std::strtol(columns, nullptr, 10);
    if (value > 0 && value < 10000) return static_cast<std::size_t>(value);
  }
  return 80;
}

void print_timeline_text(const Timeline& timeline, std::size_t width, std::ostream& out) {
  out << "\ntimeline by " << timeline_unit_name(timeline.unit)
      << (timeline.stories ? " (stories)" : "")
      << (timeline.normalized ? " (share of the archive's articles in each period):\n" : ":\n");
  if (!timeline.exact) {
    out << "(counted over " << timeline.counted
        << " of the matches: the time limit cut the match short; raise --time-limit for exact counts)\n";
  }
  std::size_t label_width = 0;
  std::size_t count_width = 0;
  std::size_t share_width = 0;
  for (const auto& bucket : timeline.buckets) {
    label_width = std::max(label_width, bucket.period.size());
    count_width = std::max(count_width, std::to_string(bucket.count).size());
    if (timeline.normalized) share_width = std::max(share_width, percent(bucket.share).size() + 1);
  }
  // label, two spaces, count, the share (right-aligned), two spaces, the bar: at least a few
  // columns of it.
  const std::size_t used = label_width + count_width + share_width + 4;
  const std::size_t bar_width = width > used + 10 ? width - used - 1 : 10;
  const double largest = largest_value(timeline);
  for (const auto& bucket : timeline.buckets) {
    const double value = bar_value(timeline, bucket);
    auto length = largest > 0 ? static_cast<std::size_t>(std::lround(value / largest * bar_width)) : 0;
    // A period with matches always shows.
    if (length == 0 && bucket.count > 0) length = 1;
    const std::string count = std::to_string(bucket.count);
    out << bucket.period << std::string(label_width - bucket.period.size() + 2, ' ')
        << std::string(count_width - count.size(), ' ') << count;
    if (timeline.normalized) {
      const std::string share = percent(bucket.share);
      out << std::string(share_width - share.size(), ' ') << share;
    }
    if (length > 0) out << "  ";
    for (std::size_t j = 0; j < length; ++j) out << "█";
    out << '\n';
  }
  out << "undated: " << timeline.undated << '\n';
}

void write_timeline_svg(const Timeline& timeline, std::string_view title, std::ostream& out) {
  constexpr double kWidth = 800, kHeight = 420;
  constexpr double kLeft = 70, kRight = 20, kTop = 50, kBottom = 70;
  const double plot_width = kWidth - kLeft - kRight;
  const double plot_height = kHeight - kTop - kBottom;
  const double step = tick_step(largest_value(timeline), !timeline.normalized);
  const double ticks = std::max(1.0, std::ceil(largest_value(timeline) / step));
  const double largest = step * ticks;  // the top of the y axis
  const std::size_t n = timeline.buckets.size();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" viewBox=\"0 0 " << kWidth << ' ' << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kWidth / 2 << "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">"
      << xml_escape(title) << "</text>\n";
  // Y axis: ticks at round values from 0 to the top.
  out << "<g stroke=\"black\">\n"
      << "<line x1=\"" << kLeft << "\" y1=\"" << kTop << "\" x2=\"" << kLeft << "\" y2=\"" << kTop + plot_height
      << "\"/>\n<line x1=\"" << kLeft << "\" y1=\"" << kTop + plot_height << "\" x2=\"" << kLeft + plot_width
      << "\" y2=\"" << kTop + plot_height << "\"/>\n</g>\n";
  for (int tick = 0; tick <= static_cast<int>(ticks); ++tick) {
    const double value = step * tick;
    const double y = kTop + plot_height - plot_height * tick / ticks;
    const std::string label = tick_label(value, timeline.normalized);
    out << "<line x1=\"" << kLeft - 5 << "\" y1=\"" << number(y) << "\" x2=\"" << kLeft << "\" y2=\""
        << number(y) << "\" stroke=\"black\"/>\n"
        << "<text x=\"" << kLeft - 8 << "\" y=\"" << number(y + 4) << "\" text-anchor=\"end\">" << label
        << "</text>\n";
  }
  out << "<text transform=\"translate(16," << number(kTop + plot_height / 2)
      << ") rotate(-90)\" text-anchor=\"middle\">"
      << (timeline.normalized ? "share of the archive" : "articles") << "</text>\n";
  // Bars, and a label under every step-th so that labels do not overlap.
  const double slot = n == 0 ? plot_width : plot_width / static_cast<double>(n);
  const std::size_t label_step = std::max<std::size_t>(1, (n + 9) / 10);
  out << "<g fill=\"steelblue\">\n";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& bucket = timeline.buckets[i];
    const double height = largest > 0 ? plot_height * bar_value(timeline, bucket) / largest : 0;
    out << "<rect x=\"" << number(kLeft + slot * i + slot * 0.1) << "\" y=\""
        << number(kTop + plot_height - height) << "\" width=\"" << number(slot * 0.8) << "\" height=\""
        << number(height) << "\"><title>" << xml_escape(bucket.period) << ": " << bucket.count
        << "</title></rect>\n";
  }
  out << "</g>\n";
  for (std::size_t i = 0; i < n; i += label_step) {
    out << "<text x=\"" << number(kLeft + slot * (i + 0.5)) << "\" y=\"" << kTop + plot_height + 18
        << "\" text-anchor=\"middle\">" << xml_escape(timeline.buckets[i].period) << "</text>\n";
  }
  out << "<text x=\"" << kLeft + plot_width / 2 << "\" y=\"" << kHeight - 15 << "\" text-anchor=\"middle\">"
      << timeline_unit_name(timeline.unit) << " (undated: " << timeline.undated << ")</text>\n"
      << "</svg>\n";
}

}  // namespace newsdex
