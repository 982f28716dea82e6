// Articles written by tests: JSON Lines files, a real sample body and the way another outlet
// retypes it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::testing {

// An article as one JSON Lines record.
[[nodiscard]] nlohmann::json jsonl_article(const std::string& id, const std::string& date,
                                           const std::string& title, const std::string& body);

// Writes one record per line to path, creating its directory.
void write_jsonl_lines(const std::filesystem::path& path,
                       const std::vector<nlohmann::json>& articles);

// The body of the line_number-th (from 1) article of data/'s wire feed: real text to copy.
[[nodiscard]] std::string sample_wire_body(int line_number = 1);

// body as another outlet runs it: a byline and a trailer added, quotes and dashes retyped,
// its second sentence dropped.
[[nodiscard]] std::string syndicated_rewrite(std::string body);

// Writes to path (JSON Lines) six wire stories over three months, October to December
// 2025, each an original ("orig-N") and its syndicated copy ("copy-N") a day later in the
// same month: stories no month or year boundary splits.
void write_month_stories(const std::filesystem::path& path);

}  // namespace newsdex::testing
