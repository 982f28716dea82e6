// Stories: placed before an article is written; copies follow their originals after a run.
#include "indexer/story_links.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_set>

#include "common/schema.hpp"

namespace newsdex {
namespace {

std::string story_of(const Xapian::Document& doc) { return doc.get_value(slot_number(Slot::story)); }

// Puts document did into story, unless it is there already.
void set_story(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& story) {
  Xapian::Document doc = db.get_document(did);
  if (story_of(doc) == story) return;
  set_document_story(doc, story);
  db.replace_document(did, doc);
}

// In a first build the stories of the ids placed take this share of the placer's memory (one
// part in kIdMemoryParts), the articles compared the rest: an id costs a small part of what an
// article's vector does, and a new version mostly comes soon after the old.
constexpr std::size_t kIdMemoryParts = 8;
// Estimated bytes of a hash table's node and bucket beside its key and value, and the
// characters a std::string holds without a heap block of its own.
constexpr std::size_t kHashEntryBytes = 48;
constexpr std::size_t kShortString = 15;

std::size_t heap_bytes(const std::string& text) { return text.size() > kShortString ? text.capacity() + 1 : 0; }

std::size_t id_entry_bytes(const std::string& id_term, const std::string& story) {
  return kHashEntryBytes + sizeof(std::string) + sizeof(std::string) + sizeof(std::uint64_t) + heap_bytes(id_term) + heap_bytes(story);
}

std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& id_term) {
  const auto posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) return std::nullopt;
  return *posting;
}

}  // namespace

bool set_document_story(Xapian::Document& document, const std::string& story) {
  const std::string current = story_of(document);
  if (current == story) return false;
  if (!current.empty()) {
    try {
      document.remove_term(story_term(current));
    } catch (const Xapian::InvalidArgumentError&) {
    }
  }
  document.add_value(slot_number(Slot::story), story);
  document.add_boolean_term(story_term(story));
  return true;
}

StoryOptions story_options_from_environment() {
  StoryOptions options;
  const char* stories = std::getenv("NEWSDEX_STORIES");
  const std::string_view setting = stories == nullptr ? "" : stories;
  options.enabled = setting != "off";
  options.group_events = options.enabled && setting != "copies";
  return options;
}

StoryPlacer::StoryPlacer(const StoryOptions& options, const Xapian::Database* archive,
                         std::size_t memory_bytes)
    : archive_(archive) {
  if (archive_ == nullptr) id_budget_ = options.group_events ? memory_bytes / kIdMemoryParts : memory_bytes;
  if (options.group_events) matcher_.emplace(archive, options.match, memory_bytes - id_budget_);
}

bool StoryPlacer::holds_others(const std::string& story, Xapian::docid replaced) const {
  if (archive_ != nullptr) return archive_->get_termfreq(story_term(story)) > (replaced != 0 ? 1U : 0U);
  const auto size = story_sizes_.find(story);
  return size != story_sizes_.end() && size->second.articles > 1;
}

void StoryPlacer::count_in(const std::string& story) {
  const auto [size, added] = story_sizes_.try_emplace(story);
  if (added) id_bytes_ += kHashEntryBytes + sizeof(std::string) + sizeof(StorySize) + heap_bytes(story);
  ++size->second.articles;
  ++size->second.kept;
}

void StoryPlacer::count_out(const std::string& story, bool articles, bool kept) {
  const auto size = story_sizes_.find(story);
  if (size == story_sizes_.end()) return;
  if (articles) --size->second.articles;
  if (kept) --size->second.kept;
  // A story no id kept is in can be asked about no more.
  if (size->second.kept != 0 && size->second.articles != 0) return;
  id_bytes_ -= std::min(id_bytes_, kHashEntryBytes + sizeof(std::string) + sizeof(StorySize) + heap_bytes(story));
  story_sizes_.erase(size);
}

void StoryPlacer::forget_older_half() {
  oldest_kept_ += (placed_ - oldest_kept_ + 1) / 2;
  for (auto it = run_stories_.begin(); it != run_stories_.end();) {
    if (it->second.number >= oldest_kept_) {
      ++it;
      continue;
    }
    id_bytes_ -= std::min(id_bytes_, id_entry_bytes(it->first, it->second.story));
    count_out(it->second.story, false, true);
    it = run_stories_.erase(it);
  }
}

void StoryPlacer::place(PreparedDocument& prepared, const std::string& previous, Xapian::docid replaced) {
  std::string before = previous;
  auto found = run_stories_.end();
  if (archive_ == nullptr) {
    found = run_stories_.find(prepared.id_term);
    before = found == run_stories_.end() ? std::string() : found->second.story;
  }
  story_.clear();
  if (!before.empty() && holds_others(before, replaced)) {
    story_ = before;
  } else if (matcher_) {
    story_ = matcher_->best_story(prepared.story_terms, replaced);
  }
  if (story_.empty()) story_ = new_story_id(prepared.id_term);
  set_document_story(prepared.document, story_);
  if (archive_ != nullptr) return;
  // The earlier version of the id leaves its story.
  if (found != run_stories_.end()) {
    id_bytes_ -= std::min(id_bytes_, id_entry_bytes(found->first, found->second.story));
    count_out(found->second.story, true, true);
    found->second = {story_, placed_};
  } else {
    found = run_stories_.emplace(prepared.id_term, Placed{story_, placed_}).first;
  }
  id_bytes_ += id_entry_bytes(found->first, found->second.story);
  count_in(story_);
  ++placed_;
  while (id_bytes_ > id_budget_ && !run_stories_.empty()) forget_older_half();
}

void StoryPlacer::placed(const PreparedDocument& prepared, Xapian::docid did) {
  if (matcher_) matcher_->settled(prepared.story_terms, story_, did);
}

void follow_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids) {
  // Views of written_ids' own strings: a run may write millions.
  std::unordered_set<std::string_view> done;
  std::vector<std::pair<Xapian::docid, std::string>> copies;  // and their originals' id terms
  // Originals first, so that a copy written before its original finds the original's story.
  for (const auto& id_term : written_ids) {
    if (!done.insert(id_term).second) continue;
    const auto did = docid_of(db, id_term);
    if (!did) continue;
    const Xapian::Document doc = db.get_document(*did);
    const std::string original = doc.get_value(slot_number(Slot::copy_of));
    if (!original.empty()) {
      copies.emplace_back(*did, original);
      continue;
    }
    // Its copies indexed before, in other runs, follow it.
    const std::string story = story_of(doc);
    const std::string copies_term = copy_term(id_term);
    std::vector<Xapian::docid> linked;
    for (auto it = db.postlist_begin(copies_term); it != db.postlist_end(copies_term); ++it) {
      linked.push_back(*it);
    }
    for (const Xapian::docid copy : linked) set_story(db, copy, story);
  }
  for (const auto& [did, original] : copies) {
    const auto original_did = docid_of(db, original);
    const std::string story = original_did ? story_of(db.get_document(*original_did)) : std::string();
    if (!story.empty()) set_story(db, did, story);
  }
}

}  // namespace newsdex
