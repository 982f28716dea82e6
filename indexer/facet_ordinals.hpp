// Numbering facet values for the facets slot (common/schema.hpp, "Facet ordinals").
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/schema.hpp"

namespace newsdex {

// The ordinals of one indexing run, shared by its writer threads. Values are compared like
// filter terms, so "OPEC" and "Opec" share an ordinal; a value new to this run gets the
// next free ordinal unless the database numbered it in an earlier run. Its display name is
// the spelling used most often in this run (the first in byte order among equals), and stays
// as an earlier run recorded it. Holds every distinct value the run sees (about 100 bytes
// each), not every article.
class FacetOrdinals {
 public:
  // Numbering continues from the database's kFacetCountKey; a first build, whose shards
  // replace the database, starts from 0.
  explicit FacetOrdinals(std::uint32_t first_free) : next_(first_free) {}
  static FacetOrdinals continuing(const Xapian::Database& db);

  // The ordinal of a value. existing: the database to look up values numbered by earlier
  // runs, or nullptr when there are none. Thread-safe.
  [[nodiscard]] std::uint32_t ordinal(Facet facet, std::string_view value,
                                      const Xapian::Database* existing);

  // Writes what is new or renamed since the last call into db's metadata (uncommitted),
  // with the count of ordinals taken.
  void write_changes(Xapian::WritableDatabase& db);

 private:
  struct Entry {
    std::uint32_t ordinal = 0;
    std::string name;
    std::size_t name_uses = 0;
    bool fixed = false;    // named by an earlier run
    bool changed = false;  // to be written
    // Uses of other spellings in this run; only for the few values that have them.
    std::unique_ptr<std::map<std::string, std::size_t>> other_spellings;
  };

  void use_spelling(const std::string& key, Entry& entry, std::string_view spelling);
  // Rewrites the name blocks (common/schema.hpp) that hold a changed ordinal.
  void write_name_blocks(Xapian::WritableDatabase& db,
                         const std::map<std::uint32_t, const std::string*>& changed);

  std::mutex mutex_;
  std::uint32_t next_;
  std::unordered_map<std::string, Entry> entries_;  // by facet_value_key
  std::vector<std::string> changed_;                // keys of entries with changed set
};

}  // namespace newsdex
