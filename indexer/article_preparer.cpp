// Raw record → parsed article → Xapian document.
#include "indexer/article_preparer.hpp"

#include "indexer/story_links.hpp"

#include <algorithm>
#include <cctype>

#include "common/copy_signature.hpp"
#include "common/entities/entities.hpp"
#include "common/jsonl_article.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/text_article.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/story_links.hpp"

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

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// A GUID (UUID) as 8-4-4-4-12 hex digits, optionally in braces.
bool is_guid(std::string_view id) {
  if (id.size() == 38 && id.front() == '{' && id.back() == '}') id = id.substr(1, 36);
  if (id.size() != 36) return false;
  for (const std::size_t dash : {8, 13, 18, 23}) {
    if (id[dash] != '-') return false;
  }
  return is_hex(id.substr(0, 8)) && is_hex(id.substr(9, 4)) && is_hex(id.substr(14, 4)) &&
         is_hex(id.substr(19, 4)) && is_hex(id.substr(24));
}

bool starts_with_folded(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) return false;
  }
  return true;
}

// An id that names one article wherever it is read: a URL ("scheme://..."), a URN, a tag URI
// or a GUID. Publishers mint these to be unique; anything else ("2", "cws-2025-1003-01") is
// unique only within the feed that carries it.
bool globally_unique(std::string_view id) {
  if (starts_with_folded(id, "urn:") || starts_with_folded(id, "tag:")) return id.size() > 4;
  if (is_guid(id)) return true;
  const std::size_t colon = id.find("://");
  if (colon == 0 || colon == std::string_view::npos || colon + 3 == id.size()) return false;
  if (std::isalpha(static_cast<unsigned char>(id.front())) == 0) return false;
  return std::all_of(id.begin(), id.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
  });
}

// The key that tells this article apart from every other (see README "Every article has a
// stable id"): a global id as it is; a bare id scoped by its file; else the file itself, and
// for a JSON line its line number. A NUL byte, which no path holds, joins the parts, so a
// scoped key can never equal another file's key or a global id.
std::string identity_key(const Article& article, const InputFile& file, std::size_t line) {
  const std::string scope = file.key.empty() ? std::string("-") : file.key;
  if (!article.id.empty() && globally_unique(article.id)) return article.id;
  if (!article.url.empty() && globally_unique(article.url)) return article.url;
  const std::string& bare = article.id.empty() ? article.url : article.id;
  if (!bare.empty()) return scope + '\0' + "id " + bare;
  if (line > 0) return scope + '\0' + "line " + std::to_string(line);
  return scope;
}

// Text never holds NUL bytes; images, archives and other binary files almost always do
// within their first few kilobytes.
bool looks_binary(std::string_view bytes) {
  return bytes.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace

ArticlePreparer::ArticlePreparer(bool extract_entities, ArticleDefaults defaults)
    : extract_entities_(extract_entities), defaults_(std::move(defaults)) {
  configure_term_generator(generator_);
  // Load the lexicon and model now, before any input arrives, not with the first article.
  if (extract_entities_) static_cast<void>(builtin_entity_extractor());
}

std::optional<PreparedDocument> ArticlePreparer::prepare(const RawRecord& record,
                                                         std::size_t order, Notices& notices) {
  const InputFile& file = *record.file;
  const std::string where = file.path.string();
  if (file.format == InputFormat::text && looks_binary(record.bytes)) {
    notices.push_back({order, "parse error", true, where, record.line, "binary data, not an article"});
    return std::nullopt;
  }
  const std::string text = repair_utf8(record.bytes).text;
  ArticleParse parse = file.format == InputFormat::jsonl ? parse_json_article(text)
                                                         : parse_text_article(text);
  if (!parse.article) {
    notices.push_back({order, parse.no_text ? "no text" : "parse error", true, where, record.line,
                       parse.error});
    return std::nullopt;
  }
  Article& article = *parse.article;
  article.path = file.relative;
  // Before the document is built, so that the default is indexed and faceted as the
  // article's own value would be.
  if (article.source.empty()) article.source = defaults_.source;
  if (article.author.empty()) article.author = defaults_.author;
  const std::string key = identity_key(article, file, record.line);
  // The id shown in results: the article's own, else its path below the input root.
  if (article.id.empty()) article.id = article.url;
  if (article.id.empty()) {
    article.id = record.line > 0 ? file.relative + ":" + std::to_string(record.line) : file.relative;
  }
  if (!article.date && file.format == InputFormat::text) {
    article.date = date_from_file_name(file.path);
  }
  if (!article.date && !article.raw_date.empty()) {
    // A date that is there but unreadable costs the article only its date; say so.
    notices.push_back({order, "date not understood", false, where, record.line,
                       "date '" + std::string(truncate_utf8(article.raw_date, 80)) +
                           "' not understood; indexed without a date"});
  }
  const std::optional<int> year =
      article.date ? std::optional<int>(article.date->year) : std::nullopt;
  const Entities entities =
      extract_entities_ ? builtin_entity_extractor().extract(article.title, article.body, year)
                        : Entities{};
  BuiltDocument built = build_document(article, entities, generator_);
  std::string source = file.key.empty() ? std::string() : source_file_term(file.key);
  if (!source.empty()) built.document.add_boolean_term(source);
  PreparedDocument prepared;
  prepared.id_term = id_term(key);
  built.document.add_boolean_term(prepared.id_term);
  built.document.add_boolean_term(shown_id_term(article.id));
  // Alone until placed in a story before it is written (story_links.hpp).
  set_document_story(built.document, new_story_id(prepared.id_term));
  // Copies are linked after the run is written (indexer/copy_links.hpp), by these.
  const std::string signature = copy_signature(article.body);
  if (!signature.empty()) {
    built.document.add_value(slot_number(Slot::copy_signature), signature);
    for (const auto& band : copy_band_terms(signature)) built.document.add_boolean_term(band);
  }
  prepared.document = std::move(built.document);
  prepared.facet_values = std::move(built.facet_values);
  prepared.month = built.month;
  prepared.bytes = record.bytes.size();
  prepared.source_term = std::move(source);
  prepared.id = std::move(article.id);
  prepared.where = where;
  prepared.line = record.line;
  prepared.order = order;
  return prepared;
}

}  // namespace newsdex
