// Fuzzes parse_json_article on repaired bytes, as the indexer calls it for a JSON Lines line.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "article_checks.hpp"
#include "common/jsonl_article.hpp"
#include "common/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string line = repair_utf8(bytes).text;
  fuzz::check_article_parse(parse_json_article(line));
  return 0;
}
