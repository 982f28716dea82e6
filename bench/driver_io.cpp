// Reading the translated query files (format in driver_io.hpp).
#include "driver_io.hpp"

#include <fstream>
#include <stdexcept>

namespace bench {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    const auto end = text.find(sep, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  if (text.empty()) return names;
  for (auto& name : split(text, '|')) {
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

std::vector<BenchQuery> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<BenchQuery> queries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const auto fields = split(line, '\t');
    if (fields.size() != 8) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected 8 fields");
    }
    BenchQuery q;
    q.qid = fields[0];
    q.any = fields[1] == "or";
    q.query = fields[2];
    q.persons = split_names(fields[3]);
    q.places = split_names(fields[4]);
    q.from = fields[5];
    q.to = fields[6];
    q.facets = fields[7] == "1";
    queries.push_back(std::move(q));
  }
  return queries;
}

}  // namespace bench
