// Display names of facet ordinals read a block at a time.
#include "searcher/facet_name_blocks.hpp"

#include "common/schema.hpp"

namespace newsdex {

const std::string& FacetNameBlocks::name(std::uint32_t ordinal) {
  const std::uint32_t block = ordinal / kFacetNamesPerBlock;
  auto [names, added] = blocks_.try_emplace(block);
  if (added) names->second = decode_facet_names(db_.get_metadata(facet_names_block_key(block)));
  const std::uint32_t index = ordinal % kFacetNamesPerBlock;
  if (index < names->second.size() && !names->second[index].empty()) return names->second[index];
  auto [single, read] = singles_.try_emplace(ordinal);
  if (read) single->second = db_.get_metadata(facet_name_key(ordinal));
  return single->second;
}

}  // namespace newsdex
