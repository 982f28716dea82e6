// The public name look-ups of entities.hpp, over the built-in lists.
#include "common/entities/entities.hpp"
#include "common/entities/lexicon.hpp"
#include "common/schema.hpp"

namespace newsdex {

std::vector<std::string_view> canonical_names(Facet facet, std::string_view name) {
  switch (facet) {
    case Facet::person:
      return Lexicon::builtin().canonicals(EntityKind::person, name);
    case Facet::organization:
      return Lexicon::builtin().canonicals(EntityKind::organization, name);
    case Facet::place:
      return Lexicon::builtin().canonicals(EntityKind::place, name);
    case Facet::source:
    case Facet::author:
      break;
  }
  return {};
}

std::optional<std::string_view> canonical_name(EntityKind kind, std::string_view name,
                                               std::optional<int> year) {
  return Lexicon::builtin().canonical(kind, name, year);
}

std::string_view place_country(std::string_view canonical_place) {
  return Lexicon::builtin().place_country(canonical_place);
}

}  // namespace newsdex
