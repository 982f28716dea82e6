// The facet filters of SearchOptions by facet.
#include "searcher/search_options.hpp"

#include <utility>

#include "common/schema.hpp"

namespace newsdex {

const std::vector<std::string>& SearchOptions::filter_values(Facet facet) const {
  switch (facet) {
    case Facet::person:
      return persons;
    case Facet::organization:
      return organizations;
    case Facet::place:
      return places;
    case Facet::source:
      return sources;
    case Facet::author:
      break;
  }
  return authors;
}

std::vector<std::string>& SearchOptions::filter_values(Facet facet) {
  return const_cast<std::vector<std::string>&>(std::as_const(*this).filter_values(facet));
}

}  // namespace newsdex
