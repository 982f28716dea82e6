// Articles written by tests (see article_fixtures.hpp).
#include "article_fixtures.hpp"

#include <fstream>
#include <regex>

#include "cli.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace newsdex::testing {

json jsonl_article(const std::string& id, const std::string& date, const std::string& title,
                   const std::string& body) {
  return {{"id", id}, {"date", date}, {"title", title}, {"body", body}};
}

void write_jsonl_lines(const fs::path& path, const std::vector<json>& articles) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path);
  for (const auto& article : articles) out << article.dump() << '\n';
}

std::string sample_wire_body(int line_number) {
  std::ifstream in(kDataDir + "/articles/wire/capital-wire-2025.jsonl");
  std::string line;
  for (int i = 0; i < line_number; ++i) std::getline(in, line);
  return json::parse(line).at("body").get<std::string>();
}

std::string syndicated_rewrite(std::string body) {
  body = std::regex_replace(body, std::regex("\""), "\xE2\x80\x9C");
  body = std::regex_replace(body, std::regex(" - "), " \xE2\x80\x94 ");
  const auto first_stop = body.find(". ");
  const auto second_stop = body.find(". ", first_stop + 2);
  body.erase(first_stop + 2, second_stop - first_stop);
  return "By Staff Writer. " + body + " (Reporting by the Metro desk; editing by A. Editor)";
}

void write_month_stories(const fs::path& path) {
  // Wire lines of unrelated events, and the days their originals are dated.
  const std::vector<std::pair<int, int>> stories = {{1, 3}, {3, 20}, {4, 5}, {7, 20}, {9, 4}, {10, 18}};
  std::vector<json> articles;
  for (std::size_t i = 0; i < stories.size(); ++i) {
    const auto [line, day] = stories[i];
    const std::string month = "2025-" + std::to_string(10 + i / 2);
    const std::string body = sample_wire_body(line);
    const auto date = [&](int on) { return month + (on < 10 ? "-0" : "-") + std::to_string(on); };
    const std::string n = std::to_string(i + 1);
    articles.push_back(jsonl_article("orig-" + n, date(day), "Original " + n, body));
    articles.push_back(jsonl_article("copy-" + n, date(day + 1), "Copy " + n, syndicated_rewrite(body)));
  }
  write_jsonl_lines(path, articles);
}

}  // namespace newsdex::testing
