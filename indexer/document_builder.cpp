// Article → Xapian document, as common/schema.hpp lays it out.
#include "indexer/document_builder.hpp"

#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "common/text.hpp"

namespace newsdex {
namespace {

// Adds the facet's filter terms, and its entries to facet_values (the facets slot).
void add_facet(Xapian::Document& doc, Facet facet, const std::vector<std::string>& values,
               std::string& facet_values) {
  for (const auto& value : values) {
    doc.add_boolean_term(facet_term(facet, value));
    if (facet == Facet::person) doc.add_boolean_term(person_surname_term(value));
    if (!facet_values.empty()) facet_values += kListSeparator;
    facet_values += facet_field(facet).tag;
    facet_values += value;
  }
}

// "Ann Lee, Bo Chen" → {"Ann Lee", "Bo Chen"}.
std::vector<std::string> split_authors(std::string_view authors) {
  std::vector<std::string> names;
  while (!authors.empty()) {
    const auto comma = authors.find(',');
    const std::string name = collapse_whitespace(authors.substr(0, comma));
    if (!name.empty()) names.push_back(name);
    if (comma == std::string_view::npos) break;
    authors.remove_prefix(comma + 1);
  }
  return names;
}

}  // namespace

Xapian::Document build_document(const Article& article, const Entities& entities,
                                Xapian::TermGenerator& generator) {
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(article.title, 1, std::string(kTitlePrefix));
  generator.index_text(article.title, kTitleWeight);
  // A gap keeps phrases from matching across the end of the title into the body.
  generator.increase_termpos();
  generator.index_text(article.body);

  doc.add_boolean_term(id_term(article.id));
  std::string facet_values;
  add_facet(doc, Facet::person, entities.persons, facet_values);
  add_facet(doc, Facet::organization, entities.organizations, facet_values);
  add_facet(doc, Facet::place, entities.places, facet_values);
  if (!article.source.empty()) add_facet(doc, Facet::source, {article.source}, facet_values);
  add_facet(doc, Facet::author, split_authors(article.author), facet_values);
  if (!facet_values.empty()) doc.add_value(slot_number(Slot::facets), facet_values);
  if (article.date) doc.add_value(slot_number(Slot::date), date_value(*article.date));

  StoredArticle stored;
  stored.id = article.id;
  stored.title = article.title;
  stored.body = article.body;
  stored.author = article.author;
  stored.source = article.source;
  stored.url = article.url;
  stored.path = article.path;
  stored.date = article.date;
  stored.persons = entities.persons;
  stored.organizations = entities.organizations;
  stored.places = entities.places;
  doc.set_data(encode_stored_article(stored));
  // The generator holds a reference to the document; drop it so the document can be handed
  // to a writer thread without the two sharing its (not thread-safe) reference count.
  generator.set_document(Xapian::Document());
  return doc;
}

}  // namespace newsdex
