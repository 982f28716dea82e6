// Display names of facet ordinals read a block at a time (common/schema.hpp, "name blocks").
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex {

// Names from one database: ordinals are numbered per database, so a sharded search keeps one
// of these per shard. For callers that need the names of many ordinals, as counting facets
// over a remote shard does; a few names are cheaper read one by one (facet_name_key).
class FacetNameBlocks {
 public:
  // db must outlive this.
  explicit FacetNameBlocks(const Xapian::Database& db) : db_(db) {}

  // The display name of ordinal; empty when the database records none.
  [[nodiscard]] const std::string& name(std::uint32_t ordinal);

 private:
  const Xapian::Database& db_;
  std::unordered_map<std::uint32_t, std::vector<std::string>> blocks_;
  std::unordered_map<std::uint32_t, std::string> singles_;  // beyond their block's end
};

}  // namespace newsdex
