// Stories: placed before an article is written; copies follow their originals after a run.
#include "indexer/story_links.hpp"

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
  if (options.group_events) matcher_.emplace(archive, options.match, memory_bytes);
}

bool StoryPlacer::holds_others(const std::string& story, Xapian::docid replaced) const {
  if (archive_ != nullptr) return archive_->get_termfreq(story_term(story)) > (replaced != 0 ? 1U : 0U);
  const auto size = story_sizes_.find(story);
  return size != story_sizes_.end() && size->second > 1;
}

void StoryPlacer::place(PreparedDocument& prepared, const std::string& previous, Xapian::docid replaced) {
  std::string before = previous;
  if (archive_ == nullptr) {
    const auto found = run_stories_.find(prepared.id_term);
    before = found == run_stories_.end() ? std::string() : found->second;
  }
  story_.clear();
  if (!before.empty() && holds_others(before, replaced)) {
    story_ = before;
  } else if (matcher_) {
    story_ = matcher_->best_story(prepared.story_terms, replaced);
  }
  if (story_.empty()) story_ = new_story_id(prepared.id_term);
  set_document_story(prepared.document, story_);
  if (archive_ == nullptr) {
    // The earlier version of the id leaves its story.
    if (!before.empty() && --story_sizes_[before] == 0) story_sizes_.erase(before);
    ++story_sizes_[story_];
    run_stories_[prepared.id_term] = story_;
  }
}

void StoryPlacer::placed(const PreparedDocument& prepared, Xapian::docid did) {
  if (matcher_) matcher_->settled(prepared.story_terms, story_, did);
}

void follow_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids) {
  std::unordered_set<std::string> done;
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
