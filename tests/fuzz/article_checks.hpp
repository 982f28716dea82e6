// The contract of a parser's ArticleParse, checked by the text and JSON Lines fuzz targets.
#pragma once

#include "common/article.hpp"
#include "common/date.hpp"
#include "fuzz_checks.hpp"

namespace newsdex::fuzz {

// An article xor an error; every field valid UTF-8 (the indexer stores them in JSON, which
// refuses anything else); a date, when present, a real one that survives formatting.
inline void check_article_parse(const ArticleParse& parse) {
  NEWSDEX_FUZZ_CHECK(parse.article.has_value() == parse.error.empty());
  if (!parse.article) return;
  const Article& article = *parse.article;
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.id));
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.title));
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.body));
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.author));
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.source));
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.url));
  NEWSDEX_FUZZ_CHECK(is_clean_utf8(article.raw_date));
  NEWSDEX_FUZZ_CHECK(article.path.empty());
  if (article.date) {
    NEWSDEX_FUZZ_CHECK(is_valid_date(*article.date));
    const auto again = parse_date(format_iso_datetime(*article.date));
    NEWSDEX_FUZZ_CHECK(again && *again == *article.date);
  }
}

}  // namespace newsdex::fuzz
