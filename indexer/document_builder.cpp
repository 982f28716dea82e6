// Article → Xapian document, as common/schema.hpp lays it out.
#include "indexer/document_builder.hpp"

#include "common/analysis.hpp"
#include "common/entities/entities.hpp"
#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "common/text.hpp"

namespace newsdex {
namespace {

// Adds the facet's filter terms, and its values to built.facet_values.
void add_facet(BuiltDocument& built, Facet facet, const std::vector<std::string>& values) {
  for (const auto& value : values) {
    built.document.add_boolean_term(facet_term(facet, value));
    if (facet == Facet::person) built.document.add_boolean_term(person_surname_term(value));
    built.facet_values.emplace_back(facet, value);
  }
}

// A place also files the article under the country it lies in, so place:"United States" finds
// Houston datelines. Filter terms only: facet counts show the places the article names.
void add_place_containers(BuiltDocument& built, const std::vector<std::string>& places) {
  for (const auto& place : places) {
    const std::string_view country = place_country(place);
    if (!country.empty()) built.document.add_boolean_term(facet_term(Facet::place, country));
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

BuiltDocument build_document(const Article& article, const Entities& entities,
                             Xapian::TermGenerator& generator) {
  BuiltDocument built;
  Xapian::Document& doc = built.document;
  generator.set_document(doc);
  index_article_text(generator, article.title, article.body);

  const std::vector<std::string> sources =
      article.source.empty() ? std::vector<std::string>{} : std::vector<std::string>{article.source};
  const std::vector<std::string> authors = split_authors(article.author);
  const auto values = [&](Facet facet) -> const std::vector<std::string>& {
    switch (facet) {
      case Facet::person:
        return entities.persons;
      case Facet::organization:
        return entities.organizations;
      case Facet::place:
        return entities.places;
      case Facet::source:
        return sources;
      case Facet::author:
        break;
    }
    return authors;
  };
  for (const auto& field : kFacetFields) add_facet(built, field.facet, values(field.facet));
  add_place_containers(built, entities.places);
  if (article.date) {
    doc.add_value(slot_number(Slot::date), date_value(*article.date));
    built.month = month_number(article.date->year, article.date->month);
  }

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
  doc.add_value(slot_number(Slot::article), pack_stored_article(stored));
  // The generator holds a reference to the document; drop it so the document can be handed
  // to a writer thread without the two sharing its (not thread-safe) reference count.
  generator.set_document(Xapian::Document());
  return built;
}

}  // namespace newsdex
