// Text files from data/lexicon compiled into the binaries.
#pragma once

#include <optional>
#include <string_view>

namespace newsdex {

// Returns the content of the embedded file with this base name (e.g. "aliases.tsv"),
// or nullopt when no such file was embedded. The view stays valid for the program's life.
[[nodiscard]] std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace newsdex
