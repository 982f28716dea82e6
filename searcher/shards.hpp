// The shards a stub database file lists, each opened on its own, remote ones with a timeout.
#pragma once

#include <xapian.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace newsdex {

// One database a stub file lists: a local path, or a database served by xapian-tcpsrv.
struct ShardSpec {
  std::string name;  // as errors and --json name it: the path, or "HOST:PORT"
  bool remote = false;
  std::string path;  // local: relative paths are taken from the stub's folder
  std::string host;  // remote
  unsigned port = 0;
};

// The shards the stub database file at path lists ("auto PATH" and "remote HOST:PORT" lines,
// blank lines and "#" comments aside), or a directory's stub file (DIR/XAPIANDB, when DIR
// holds no database of its own: a sharded archive); nullopt when path is no such file (a
// database, or a file with any other line), which Xapian then opens itself.
[[nodiscard]] std::optional<std::vector<ShardSpec>> read_stub(const std::string& path);

// A shard that cannot be reached or opened. what() names the shard ("HOST:PORT" or path).
struct ShardUnreachable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The shards that answered, as one database (for ranking with global statistics) and each
// alone (for what must be counted per shard).
struct ShardSet {
  Xapian::Database all;
  std::vector<Xapian::Database> shards;  // shards[i] is the i-th sub-database of all
  std::vector<std::string> names;        // of shards
  std::vector<std::string> unreachable;  // left out (allow_partial), in stub order
  bool remote = false;                   // some shard is served over the network
};

// Opens every shard of specs; a remote one may take timeout seconds to connect and then to
// answer each request. Throws ShardUnreachable naming the first shard that fails, unless
// allow_partial: then it is listed in unreachable and left out (still thrown when none
// answers). A local shard that fails throws what Xapian throws.
[[nodiscard]] ShardSet open_shards(const std::vector<ShardSpec>& specs, double timeout,
                                   bool allow_partial);

// Whether a sharded search must treat specs as shards rather than let Xapian open the stub
// as one database: several databases, or any remote one.
[[nodiscard]] bool needs_shard_search(const std::vector<ShardSpec>& specs);

}  // namespace newsdex
