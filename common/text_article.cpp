// Parser for plain-text article files: header block, headline, body and trailing byline.
#include "common/text_article.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/text.hpp"

namespace newsdex {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Feed readers leave bullets, separators and counters like "|", "•" or "12" after the
// byline; anything this short (in code points) cannot be article text worth keeping there.
constexpr std::size_t kMaxJunkCodePoints = 3;
constexpr std::size_t kMaxNameBytes = 40;
constexpr std::size_t kMinNameWords = 2;
constexpr std::size_t kMaxNameWords = 4;
// A longer remainder after a leading date is a sentence of the body, not a source name.
constexpr std::size_t kMaxSourceBytes = 80;

enum class HeaderField { title, date, author, source, url };

struct HeaderKey {
  std::string_view name;
  HeaderField field;
};

constexpr std::array<HeaderKey, 8> kHeaderKeys = {{
    {"title", HeaderField::title},
    {"date", HeaderField::date},
    {"published", HeaderField::date},
    {"author", HeaderField::author},
    {"byline", HeaderField::author},
    {"source", HeaderField::source},
    {"url", HeaderField::url},
    {"link", HeaderField::url},
}};

constexpr std::array<std::string_view, 12> kJunkLines = {"share",
                                                         "advertisement",
                                                         "comments",
                                                         "read more",
                                                         "continue reading",
                                                         "print",
                                                         "email",
                                                         "tweet",
                                                         "facebook",
                                                         "twitter",
                                                         "reply",
                                                         "|"};

constexpr std::array<std::string_view, 2> kReadMore = {"read more", "continue reading"};

// Separators feeds put between the date and the source: "|", "-", "–", "—", "·", "•", ",".
constexpr std::array<std::string_view, 8> kSeparators = {
    "|", "-", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xB7", "\xE2\x80\xA2", ",", ":"};

// Particles that may be lowercase inside a name ("Maria de la Cruz").
constexpr std::array<std::string_view, 11> kNameParticles = {"de",  "la",  "del", "da", "di", "du",
                                                             "van", "von", "der", "le", "al"};

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ascii_iequals(text.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         ascii_iequals(text.substr(text.size() - suffix.size()), suffix);
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Lines without their end-of-line bytes and trailing white space (handles CRLF).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(trim_end(text.substr(0, end)));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::optional<std::pair<HeaderField, std::string_view>> parse_header(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view key = trim(line.substr(0, colon));
  for (const HeaderKey& known : kHeaderKeys) {
    if (ascii_iequals(key, known.name)) return std::pair{known.field, trim(line.substr(colon + 1))};
  }
  return std::nullopt;
}

bool strip_by(std::string_view& line) {
  if (!istarts_with(line, "by ")) return false;
  line = trim(line.substr(3));
  return true;
}

// Capitalized: an ASCII capital, or a two-byte UTF-8 Latin-1 capital (À..Þ, not ×).
bool starts_capitalized(std::string_view word) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(word[i]); };
  if (word.empty()) return false;
  if (byte(0) >= 'A' && byte(0) <= 'Z') return true;
  return word.size() >= 2 && byte(0) == 0xC3 && byte(1) >= 0x80 && byte(1) <= 0x9E &&
         byte(1) != 0x97;
}

bool is_name_word(std::string_view word, bool edge) {
  for (const char c : word) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool non_ascii = (static_cast<unsigned char>(c) & 0x80) != 0;
    if (!letter && !non_ascii && c != '\'' && c != '-' && c != '.') return false;
  }
  if (starts_capitalized(word)) return true;
  if (edge) return false;
  for (const std::string_view particle : kNameParticles) {
    if (word == particle) return true;
  }
  return false;
}

// "Jane Doe", "By Maria de la Cruz": 2 to 4 capitalized words and no sentence ending.
std::optional<std::string_view> as_name(std::string_view line, bool require_by) {
  line = trim(line);
  if (line.size() > kMaxNameBytes) return std::nullopt;
  if (!strip_by(line) && require_by) return std::nullopt;
  if (line.empty() || std::string_view(".!?:;,").find(line.back()) != std::string_view::npos) {
    return std::nullopt;
  }
  std::vector<std::string_view> words;
  for (std::string_view rest = line; !rest.empty();) {
    const std::size_t space = rest.find(' ');
    words.push_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  if (words.size() < kMinNameWords || words.size() > kMaxNameWords) return std::nullopt;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_name_word(words[i], i == 0 || i + 1 == words.size())) return std::nullopt;
  }
  return line;
}

bool is_junk(std::string_view line) {
  line = trim(line);
  if (code_points(line) <= kMaxJunkCodePoints || all_digits(line)) return true;
  for (const std::string_view junk : kJunkLines) {
    if (ascii_iequals(line, junk)) return true;
  }
  return false;
}

// What follows the date on a trailer line, minus separators and "Read More" noise;
// nullopt when it reads like a sentence rather than a publisher's name.
std::optional<std::string> source_after_date(std::string_view rest) {
  for (bool changed = true; changed;) {
    changed = false;
    rest = trim(rest);
    for (const std::string_view separator : kSeparators) {
      if (rest.starts_with(separator)) {
        rest.remove_prefix(separator.size());
        changed = true;
      }
    }
    for (const std::string_view noise : kReadMore) {
      if (iends_with(rest, noise)) {
        rest.remove_suffix(noise.size());
        changed = true;
      }
    }
    for (const std::string_view separator : kSeparators) {
      if (rest.ends_with(separator)) {
        rest.remove_suffix(separator.size());
        changed = true;
      }
    }
  }
  if (rest.size() > kMaxSourceBytes) return std::nullopt;
  if (!rest.empty() && std::string_view(".!?").find(rest.back()) != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(rest);
}

struct Trailer {
  std::size_t first_line = 0;  // where the trailer starts; the body ends before it
  DateTime date;
  std::string author;
  std::string source;
};

// Scans up from the end of the body: junk, then a date line, then maybe a name line.
std::optional<Trailer> find_trailer(const std::vector<std::string_view>& lines,
                                    std::size_t body_start) {
  std::size_t end = lines.size();
  while (end > body_start && (trim(lines[end - 1]).empty() || is_junk(lines[end - 1]))) --end;
  if (end == body_start) return std::nullopt;
  const std::string_view date_line = trim(lines[end - 1]);
  const auto prefix = parse_date_prefix(date_line);
  if (!prefix) return std::nullopt;
  auto source = source_after_date(date_line.substr(prefix->length));
  if (!source) return std::nullopt;
  Trailer trailer{end - 1, prefix->date, {}, std::move(*source)};
  if (trailer.first_line > body_start) {
    if (const auto name = as_name(lines[trailer.first_line - 1], false)) {
      trailer.author = std::string(*name);
      --trailer.first_line;
    }
  }
  return trailer;
}

// Paragraphs separated by exactly one blank line; lines inside a paragraph kept as they are.
std::string join_body(const std::vector<std::string_view>& lines, std::size_t begin,
                      std::size_t end) {
  std::string body;
  bool pending_break = false;
  for (std::size_t i = begin; i < end; ++i) {
    if (trim(lines[i]).empty()) {
      pending_break = !body.empty();
      continue;
    }
    if (!body.empty()) body += pending_break ? "\n\n" : "\n";
    pending_break = false;
    body += lines[i];
  }
  return body;
}

struct Headers {
  std::string title;
  std::string date;
  std::string author;
  std::string source;
  std::string url;
};

void set_header(Headers& headers, HeaderField field, std::string_view value) {
  std::string* target = nullptr;
  switch (field) {
    case HeaderField::title:
      target = &headers.title;
      break;
    case HeaderField::date:
      target = &headers.date;
      break;
    case HeaderField::author:
      target = &headers.author;
      strip_by(value);
      break;
    case HeaderField::source:
      target = &headers.source;
      break;
    case HeaderField::url:
      target = &headers.url;
      break;
  }
  // The first non-empty value wins, so "Date:" followed by "Published:" keeps Date.
  if (target != nullptr && target->empty()) *target = std::string(value);
}

std::size_t skip_blank_lines(const std::vector<std::string_view>& lines, std::size_t i) {
  while (i < lines.size() && trim(lines[i]).empty()) ++i;
  return i;
}

}  // namespace

ArticleParse parse_text_article(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  const std::vector<std::string_view> lines = split_lines(text);
  std::size_t i = skip_blank_lines(lines, 0);
  if (i == lines.size()) return {std::nullopt, "empty file", true};

  Headers headers;
  for (; i < lines.size(); ++i) {
    const auto header = parse_header(lines[i]);
    if (!header) break;
    set_header(headers, header->first, header->second);
  }
  i = skip_blank_lines(lines, i);

  Article article;
  article.title = headers.title;
  // The headline line is optional after a Title header; when present it repeats the title
  // and would otherwise start the body.
  if (i < lines.size() && (article.title.empty() || ascii_iequals(trim(lines[i]), article.title))) {
    if (article.title.empty()) article.title = std::string(trim(lines[i]));
    ++i;
  }
  i = skip_blank_lines(lines, i);

  article.author = headers.author;
  if (article.author.empty() && i < lines.size()) {
    if (const auto byline = as_name(lines[i], true)) {
      article.author = std::string(*byline);
      i = skip_blank_lines(lines, i + 1);
    }
  }

  const auto trailer = find_trailer(lines, i);
  article.body = join_body(lines, i, trailer ? trailer->first_line : lines.size());
  if (article.title.empty() && article.body.empty()) return {std::nullopt, "no title or body", true};

  article.source = headers.source;
  article.url = headers.url;
  if (!headers.date.empty()) {
    article.date = parse_date(headers.date);
    if (!article.date) article.raw_date = headers.date;
  }
  if (trailer) {
    if (article.author.empty()) article.author = trailer->author;
    if (article.source.empty()) article.source = trailer->source;
    // A header date that could not be parsed loses to a trailer date that could.
    if (!article.date) {
      article.date = trailer->date;
      article.raw_date.clear();
    }
  }
  return {std::move(article), {}};
}

}  // namespace newsdex
