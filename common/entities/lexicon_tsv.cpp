// Reading the data/lexicon TSV files.
#include "common/entities/lexicon_tsv.hpp"

namespace newsdex::lexicon_tsv {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// The columns of each line that is neither blank nor a comment.
std::vector<std::vector<std::string_view>> read_lines(std::string_view text) {
  std::vector<std::vector<std::string_view>> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    lines.push_back(split(line, '\t'));
  }
  return lines;
}

std::string_view column(const std::vector<std::string_view>& columns, std::size_t index) {
  return index < columns.size() ? columns[index] : std::string_view();
}

// The non-empty items of a '|'-separated list.
std::vector<std::string_view> list_items(std::string_view list) {
  std::vector<std::string_view> items;
  for (const auto item : split(list, '|')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::vector<NameRow> read_names(std::string_view text) {
  std::vector<NameRow> rows;
  for (const auto& columns : read_lines(text)) {
    NameRow row{column(columns, 0), column(columns, 1), {}, column(columns, 3)};
    if (row.name.empty()) continue;
    row.variants = list_items(column(columns, 2));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<WordRow> read_words(std::string_view text, std::size_t word_column,
                                std::size_t kind_column) {
  std::vector<WordRow> rows;
  for (const auto& columns : read_lines(text)) {
    const WordRow row{column(columns, word_column), column(columns, kind_column)};
    if (!row.word.empty()) rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::vector<std::string> demonym_forms(std::string_view demonym) {
  std::vector<std::string> forms{std::string(demonym)};
  if (!demonym.empty() && demonym.back() != 's') forms.push_back(std::string(demonym) + "s");
  return forms;
}

std::vector<PlaceRow> read_places(std::string_view text) {
  std::vector<PlaceRow> rows;
  for (const auto& columns : read_lines(text)) {
    PlaceRow row{column(columns, 0), column(columns, 1), column(columns, 2), {}, {}};
    if (row.name.empty()) continue;
    row.variants = list_items(column(columns, 3));
    for (const auto demonym : list_items(column(columns, 4))) {
      for (auto& form : demonym_forms(demonym)) row.demonyms.push_back(std::move(form));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<NameRow> read_aliases(std::string_view text) { return read_names(text); }

std::vector<NameRow> read_organizations(std::string_view text) {
  std::vector<NameRow> rows = read_names(text);
  for (auto& row : rows) {
    if (row.kind == "head") row.variants.clear();
  }
  return rows;
}

std::vector<WordRow> read_given_names(std::string_view text) { return read_words(text, 0, 1); }

std::vector<WordRow> read_titles(std::string_view text) { return read_words(text, 1, 0); }

std::vector<WordRow> read_not_names(std::string_view text) { return read_words(text, 0, 1); }

}  // namespace newsdex::lexicon_tsv
