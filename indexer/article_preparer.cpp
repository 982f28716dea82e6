// Raw record → parsed article → Xapian document.
#include "indexer/article_preparer.hpp"

#include "common/entities.hpp"
#include "common/jsonl_article.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/text_article.hpp"
#include "indexer/document_builder.hpp"

namespace newsdex {
namespace {

// Scrapers often name files by publication date ("2025-12-02-peace-talks.txt"); such a name
// dates an article whose text carries no date.
std::optional<DateTime> date_from_file_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  constexpr std::size_t kIsoDateLength = 10;
  if (name.size() <= kIsoDateLength || name[4] != '-' || name[7] != '-') return std::nullopt;
  const char after = name[kIsoDateLength];
  if (after != '-' && after != '_' && after != '.') return std::nullopt;
  return parse_date(std::string_view(name).substr(0, kIsoDateLength));
}

// Text never holds NUL bytes; images, archives and other binary files almost always do
// within their first few kilobytes.
bool looks_binary(std::string_view bytes) {
  return bytes.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace

ArticlePreparer::ArticlePreparer(bool extract_entities) : extract_entities_(extract_entities) {
  configure_term_generator(generator_);
}

std::optional<PreparedDocument> ArticlePreparer::prepare(const RawRecord& record,
                                                         RunReport& report) {
  const InputFile& file = *record.file;
  const std::string where = file.path.string();
  if (file.format == InputFormat::text && looks_binary(record.bytes)) {
    report.reject(where, record.line, "parse error", "binary data, not an article");
    return std::nullopt;
  }
  const std::string text = repair_utf8(record.bytes).text;
  ArticleParse parse = file.format == InputFormat::jsonl ? parse_json_article(text)
                                                         : parse_text_article(text);
  if (!parse.article) {
    report.reject(where, record.line, "parse error", parse.error);
    return std::nullopt;
  }
  Article& article = *parse.article;
  article.path = file.relative;
  if (article.id.empty()) article.id = article.url;
  if (article.id.empty()) {
    article.id = record.line > 0 ? file.relative + ":" + std::to_string(record.line) : file.relative;
  }
  if (!article.date && file.format == InputFormat::text) {
    article.date = date_from_file_name(file.path);
  }
  if (!article.date && !article.raw_date.empty()) {
    // A date that is there but unreadable costs the article only its date; say so.
    report.warn(where, record.line,
                "date '" + std::string(truncate_utf8(article.raw_date, 80)) +
                    "' not understood; indexed without a date");
  }
  const Entities entities = extract_entities_
                                ? builtin_entity_extractor().extract(article.title, article.body)
                                : Entities{};
  BuiltDocument built = build_document(article, entities, generator_);
  if (!file.key.empty()) built.document.add_boolean_term(source_file_term(file.key));
  return PreparedDocument{id_term(article.id),         std::move(built.document),
                          std::move(built.facet_values), built.month,
                          file.changed,                record.bytes.size()};
}

}  // namespace newsdex
