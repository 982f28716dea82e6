// Reading stub files and opening their shards.
#include "searcher/shards.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>

#include "common/text.hpp"

namespace newsdex {
namespace {

// A stub file is small; a bigger file is a database or something else.
constexpr std::uintmax_t kLargestStub = 1 << 20;

std::optional<ShardSpec> remote_spec(std::string_view address) {
  const auto colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  ShardSpec spec;
  spec.remote = true;
  spec.host = std::string(address.substr(0, colon));
  const std::string_view port = address.substr(colon + 1);
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), spec.port);
  if (error != std::errc() || end != port.data() + port.size() || spec.port == 0 || spec.port > 65535) {
    return std::nullopt;
  }
  spec.name = std::string(address);
  return spec;
}

// A stub may list another stub: its shards are listed in its place, so that each shard's
// facets are counted on their own. depth bounds stubs that list each other.
std::optional<std::vector<ShardSpec>> read_stub_at(const std::string& path, int depth) {
  namespace fs = std::filesystem;
  constexpr int kDeepestStub = 8;
  std::error_code error;
  // A directory holding no database of its own whose XAPIANDB is a stub (as newsindex
  // --shard-by writes) lists its shards there: Xapian would open them as one database,
  // whose facet ordinals mix the shards'.
  if (depth <= kDeepestStub && fs::is_directory(path, error) && !fs::exists(fs::path(path) / "iamglass", error)) {
    return read_stub_at((fs::path(path) / "XAPIANDB").string(), depth + 1);
  }
  if (depth > kDeepestStub || !fs::is_regular_file(path, error) || error ||
      fs::file_size(path, error) > kLargestStub || error) {
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<ShardSpec> specs;
  const fs::path folder = fs::path(path).parent_path();
  for (std::string line; std::getline(in, line);) {
    const std::string text(trim(line));
    if (text.empty() || text.front() == '#') continue;
    const auto space = text.find_first_of(" \t");
    if (space == std::string::npos) return std::nullopt;
    const std::string kind = text.substr(0, space);
    const std::string rest(trim(std::string_view(text).substr(space + 1)));
    if (kind == "remote") {
      auto spec = remote_spec(rest);
      if (!spec) return std::nullopt;
      specs.push_back(std::move(*spec));
    } else if (kind == "auto" || kind == "glass" || kind == "chert") {
      const fs::path shard = rest;
      const std::string shard_path = (shard.is_absolute() ? shard : folder / shard).string();
      if (auto listed = read_stub_at(shard_path, depth + 1)) {
        specs.insert(specs.end(), listed->begin(), listed->end());
        continue;
      }
      ShardSpec spec;
      spec.path = shard_path;
      spec.name = shard_path;
      specs.push_back(std::move(spec));
    } else {
      return std::nullopt;
    }
  }
  if (specs.empty()) return std::nullopt;
  return specs;
}

}  // namespace

std::optional<std::vector<ShardSpec>> read_stub(const std::string& path) { return read_stub_at(path, 0); }

bool needs_shard_search(const std::vector<ShardSpec>& specs) {
  if (specs.size() > 1) return true;
  for (const ShardSpec& spec : specs) {
    if (spec.remote) return true;
  }
  return false;
}

ShardSet open_shards(const std::vector<ShardSpec>& specs, double timeout, bool allow_partial) {
  const auto milliseconds = static_cast<useconds_t>(timeout * 1000);
  ShardSet set;
  for (const ShardSpec& spec : specs) {
    Xapian::Database shard;
    if (spec.remote) {
      set.remote = true;
      try {
        shard = Xapian::Remote::open(spec.host, spec.port, milliseconds, milliseconds);
      } catch (const Xapian::Error& error) {
        if (!allow_partial) {
          throw ShardUnreachable("cannot reach the shard " + spec.name + ": " + error.get_msg());
        }
        set.unreachable.push_back(spec.name);
        continue;
      }
    } else {
      shard = Xapian::Database(spec.path);
    }
    set.all.add_database(shard);
    set.shards.push_back(std::move(shard));
    set.names.push_back(spec.name);
  }
  if (set.shards.empty()) {
    std::string names;
    for (const std::string& name : set.unreachable) names += (names.empty() ? "" : ", ") + name;
    throw ShardUnreachable("no shard could be reached (" + names + ")");
  }
  return set;
}

}  // namespace newsdex
