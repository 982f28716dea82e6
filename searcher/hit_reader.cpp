// Reading the stored article of a result, or what the index holds of a damaged one.
#include "searcher/hit_reader.hpp"

#include <optional>
#include <stdexcept>
#include <string_view>

#include "common/schema.hpp"

namespace newsdex {
namespace {

// The id from the article's unique-id term; an id too long for a term shows as the
// shortened term, which still tells the article apart. A key scoped by its file ("<file>\0id
// <id>", "<file>\0line <n>") shows as the article's own id, or as the file and line.
std::string id_from_terms(const Xapian::Document& doc) {
  auto term = doc.termlist_begin();
  term.skip_to(std::string(kIdPrefix));
  if (term == doc.termlist_end() || !(*term).starts_with(kIdPrefix)) return {};
  const std::string key = (*term).substr(kIdPrefix.size());
  const std::size_t scope_end = key.rfind('\0');
  if (scope_end == std::string::npos) return key;
  const std::string_view scoped = std::string_view(key).substr(scope_end + 1);
  if (scoped.starts_with("id ")) return std::string(scoped.substr(3));
  if (scoped.starts_with("line ")) return key.substr(0, scope_end) + ':' + std::string(scoped.substr(5));
  return key.substr(0, scope_end);
}

// The date slot holds "YYYYMMDDhhmmss", time 000000 when unknown.
std::optional<DateTime> date_from_value(const std::string& value) {
  if (value.size() != 14) return std::nullopt;
  std::string text = value.substr(0, 4) + '-' + value.substr(4, 2) + '-' + value.substr(6, 2);
  if (value.compare(8, 6, "000000") != 0) {
    text += 'T' + value.substr(8, 2) + ':' + value.substr(10, 2) + ':' + value.substr(12, 2);
  }
  return parse_date(text);
}

// Fills the facet fields from the facets slot, by the display names of the ordinals.
void facets_from_value(const Xapian::Database& db, std::string_view entries,
                       StoredArticle& article) {
  FacetEntry entry;
  while (next_facet_entry(entries, entry)) {
    if (entry.facet_index >= kFacetFields.size()) continue;  // a month
    std::string name = db.get_metadata(facet_name_key(entry.ordinal));
    if (name.empty()) continue;
    switch (kFacetFields[entry.facet_index].facet) {
      case Facet::person:
        article.persons.push_back(std::move(name));
        break;
      case Facet::organization:
        article.organizations.push_back(std::move(name));
        break;
      case Facet::place:
        article.places.push_back(std::move(name));
        break;
      case Facet::source:
        article.source = std::move(name);
        break;
      case Facet::author:
        article.author = std::move(name);
        break;
    }
  }
}

// The shown id of the article whose unique-id term is original_term; the term's own id when
// that article is gone or unreadable.
std::string shown_id(const Xapian::Database& db, const std::string& original_term) {
  const auto posting = db.postlist_begin(original_term);
  if (posting == db.postlist_end(original_term)) return original_term.substr(kIdPrefix.size());
  const Xapian::Document original = db.get_document(*posting);
  try {
    return unpack_stored_article(original.get_value(slot_number(Slot::article))).id;
  } catch (const std::runtime_error&) {
    return id_from_terms(original);
  }
}

}  // namespace

ReadArticle read_stored_article(const Xapian::Database& db, Xapian::docid did) {
  const Xapian::Document doc = db.get_document(did);
  ReadArticle read;
  try {
    read.article = unpack_stored_article(doc.get_value(slot_number(Slot::article)));
    const std::string original_term = doc.get_value(slot_number(Slot::copy_of));
    if (!original_term.empty()) read.article.copy_of = shown_id(db, original_term);
    return read;
  } catch (const Xapian::DatabaseCorruptError& error) {
    read.damage = error.get_msg();
  } catch (const std::runtime_error& error) {
    read.damage = error.what();
  }
  // The terms and the other values are stored apart from the record (other tables, other
  // blocks), so they often survive its damage; what does not is left empty.
  read.article = StoredArticle();
  try {
    read.article.id = id_from_terms(doc);
    read.article.date = date_from_value(doc.get_value(slot_number(Slot::date)));
    facets_from_value(db, doc.get_value(slot_number(Slot::facets)), read.article);
  } catch (const Xapian::DatabaseCorruptError&) {
  }
  return read;
}

}  // namespace newsdex
