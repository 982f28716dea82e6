// Fuzzes parse_text_article on repaired bytes, as the indexer calls it for a .txt file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "article_checks.hpp"
#include "common/text.hpp"
#include "common/text_article.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string text = repair_utf8(bytes).text;
  fuzz::check_article_parse(parse_text_article(text));
  return 0;
}
