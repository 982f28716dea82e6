// Opening, creating and listing the period shards of a sharded archive.
#include "indexer/shard_set.hpp"

#include <cstdio>
#include <fstream>

#include "common/entities/name_synonyms.hpp"
#include "common/schema.hpp"
#include "indexer/copy_links.hpp"
#include "indexer/story_links.hpp"
#include "indexer/durable_file.hpp"
#include "indexer/switch_over.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

constexpr std::string_view kStubMarker = "# newsindex --shard-by ";
constexpr std::string_view kRecordsName = "file-records";
constexpr std::string_view kUndatedName = "undated";

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Whether name is a shard of this period: "1987" by year, "1987-03" by month, or "undated".
bool is_shard_name(ShardPeriod period, std::string_view name) {
  if (name == kUndatedName) return true;
  if (period == ShardPeriod::year) return name.size() >= 4 && all_digits(name);
  const std::size_t dash = name.rfind('-');
  return dash != std::string_view::npos && dash >= 4 && all_digits(name.substr(0, dash)) &&
         name.size() - dash == 3 && all_digits(name.substr(dash + 1));
}

}  // namespace

std::string_view period_name(ShardPeriod period) {
  switch (period) {
    case ShardPeriod::year:
      return "year";
    case ShardPeriod::month:
      return "month";
    case ShardPeriod::none:
      break;
  }
  return "none";
}

std::optional<ShardPeriod> recorded_sharding(const fs::path& db_dir) {
  std::ifstream in(db_dir / kStubFileName);
  std::string first;
  if (!in || !std::getline(in, first) || !first.starts_with(kStubMarker)) return std::nullopt;
  const std::string_view period = std::string_view(first).substr(kStubMarker.size());
  if (period == "year") return ShardPeriod::year;
  if (period == "month") return ShardPeriod::month;
  return std::nullopt;
}

std::string shard_name(ShardPeriod period, std::optional<std::uint32_t> month) {
  if (!month) return std::string(kUndatedName);
  char name[32];
  const unsigned year = *month / 12;
  if (period == ShardPeriod::month) {
    std::snprintf(name, sizeof name, "%04u-%02u", year, *month % 12 + 1);
  } else {
    std::snprintf(name, sizeof name, "%04u", year);
  }
  return name;
}

ShardSet::Shard::Shard(Xapian::WritableDatabase database)
    : db(std::move(database)), ordinals(FacetOrdinals::continuing(db)) {}

ShardSet::ShardSet(fs::path db_dir, ShardPeriod period)
    : db_dir_(std::move(db_dir)),
      period_(period),
      records_((db_dir_ / kRecordsName).string(), Xapian::DB_CREATE_OR_OPEN) {
  for (const auto& entry : fs::directory_iterator(db_dir_)) {
    const std::string name = entry.path().filename().string();
    // A period directory without iamglass is a shard whose creation was cut short; it is
    // created again when an article needs it.
    if (is_shard_name(period_, name) && fs::exists(entry.path() / "iamglass")) {
      open_shard(name, false);
    }
  }
  write_stub();
}

ShardSet::Shard& ShardSet::open_shard(const std::string& name, bool create) {
  const fs::path path = db_dir_ / name;
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
  check_schema(db, path.string());
  if (create) {
    write_schema_metadata(db);
    db.commit();
  }
  auto& shard = shards_[name];
  shard = std::make_unique<Shard>(std::move(db));
  return *shard;
}

Xapian::WritableDatabase ShardSet::all() const {
  Xapian::WritableDatabase all;
  all.add_database(records_);
  for (const auto& [name, shard] : shards_) all.add_database(shard->db);
  return all;
}

ShardRouter::Target ShardSet::target_for(const PreparedDocument& prepared) {
  const std::string name = shard_name(period_, prepared.month);
  auto found = shards_.find(name);
  Shard* shard = found == shards_.end() ? nullptr : found->second.get();
  if (shard == nullptr) {
    shard = &open_shard(name, true);
    test_kill_point("shard-created");
    write_stub();
  }
  shard->written = true;
  shard->id_terms.push_back(prepared.id_term);
  return {&shard->db, &shard->ordinals};
}

std::vector<Xapian::WritableDatabase*> ShardSet::others_holding(
    const std::string& id_term, const Xapian::WritableDatabase& target) {
  std::vector<Xapian::WritableDatabase*> holding;
  for (auto& [name, shard] : shards_) {
    if (&shard->db != &target && shard->db.term_exists(id_term)) holding.push_back(&shard->db);
  }
  return holding;
}

void ShardSet::commit() {
  // A shard nothing changed in keeps its revision: Xapian commits nothing for it.
  for (auto& [name, shard] : shards_) {
    if (shard->written) shard->ordinals.write_changes(shard->db);
    shard->db.commit();
  }
  records_.commit();
}

void ShardSet::place_stories(const StoryOptions& options, std::size_t memory_bytes) {
  stories_.emplace(options, memory_bytes);
  follow_copies_ = options.enabled;
}

bool ShardSet::place_story(PreparedDocument& prepared, const Target& target, const std::string& previous,
                           Xapian::docid replaced) {
  if (!stories_ || !stories_->enabled()) return false;
  placing_ = shard_name(period_, prepared.month);
  stories_->place(placing_, *target.db, prepared, previous, replaced);
  return true;
}

void ShardSet::story_placed(const PreparedDocument& prepared, Xapian::docid did) {
  if (stories_) stories_->placed(placing_, prepared, did);
}

void ShardSet::finish() {
  // The placers read the shards, which close below.
  stories_.reset();
  for (auto& [name, shard] : shards_) {
    if (shard->written) {
      add_name_synonyms(shard->db);
      link_copies(shard->db, shard->id_terms);
      if (follow_copies_) follow_copies(shard->db, shard->id_terms);
    }
    shard->db.commit();
    shard->db.close();
  }
  write_stub();
}

void ShardSet::write_stub() const {
  std::string stub = std::string(kStubMarker) + std::string(period_name(period_)) + "\n";
  stub += "# One Xapian database per period below this directory (paths are relative to it).\n";
  for (const auto& [name, shard] : shards_) stub += "auto " + name + "\n";
  write_atomically(db_dir_ / kStubFileName, stub);
}

}  // namespace newsdex
