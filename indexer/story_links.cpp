// Stories after a run: copies follow their originals, other articles join or found one.
#include "indexer/story_links.hpp"

#include <cstdlib>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/schema.hpp"
#include "indexer/stop_signal.hpp"
#include "indexer/story_match.hpp"

namespace newsdex {
namespace {

std::string story_of(const Xapian::Document& doc) { return doc.get_value(slot_number(Slot::story)); }

// Puts document did into story, unless it is there already.
void set_story(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& story) {
  Xapian::Document doc = db.get_document(did);
  if (set_document_story(doc, story)) db.replace_document(did, doc);
}

std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& id_term) {
  const auto posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) return std::nullopt;
  return *posting;
}

// The story of an article that copies none: the one it is in when that holds others (it
// stays with them), else the one it joins, else its own.
std::string story_for(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& id_term,
                      StoryMatcher* matcher) {
  const std::string current = story_of(db.get_document(did));
  if (!current.empty() && db.get_termfreq(story_term(current)) > 1) return current;
  if (matcher != nullptr) {
    std::string joined = matcher->best_story(did);
    if (!joined.empty()) return joined;
  }
  return new_story_id(id_term);
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

void assign_stories(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids,
                    const StoryOptions& options, const std::vector<StoryTerms>* terms) {
  if (!options.enabled) return;
  std::optional<StoryMatcher> matcher;
  if (options.group_events) matcher.emplace(db, options.match);
  if (matcher) {
    // An id written twice is in the database as last written.
    std::unordered_map<Xapian::docid, const StoryTerms*> run;
    for (std::size_t i = 0; i < written_ids.size(); ++i) {
      if (const auto did = docid_of(db, written_ids[i])) {
        run[*did] = terms != nullptr && i < terms->size() ? &(*terms)[i] : nullptr;
      }
    }
    for (const auto& [did, captured] : run) matcher->pending(did, captured);
    matcher->earlier_articles(db.get_doccount() > run.size());
  }
  std::unordered_set<std::string> done;
  std::vector<std::pair<Xapian::docid, std::string>> copies;  // and their originals' id terms
  // Originals first, so that a copy written before its original finds the original's story.
  for (const auto& id_term : written_ids) {
    if (!done.insert(id_term).second) continue;
    // A stop signal asks for a prompt exit: what is left stays in the stories it founds.
    if (matcher && stop_signal() != 0) matcher.reset();
    const auto did = docid_of(db, id_term);
    if (!did) continue;
    const std::string original = db.get_document(*did).get_value(slot_number(Slot::copy_of));
    if (!original.empty()) {
      copies.emplace_back(*did, original);
      continue;
    }
    const std::string story = story_for(db, *did, id_term, matcher ? &*matcher : nullptr);
    set_story(db, *did, story);
    if (matcher) matcher->settled(*did, story);
    // Its copies indexed before, in other runs, follow it.
    const std::string copies_term = copy_term(id_term);
    std::vector<Xapian::docid> linked;
    for (auto it = db.postlist_begin(copies_term); it != db.postlist_end(copies_term); ++it) {
      linked.push_back(*it);
    }
    for (const Xapian::docid copy : linked) {
      set_story(db, copy, story);
    }
  }
  for (const auto& [did, original] : copies) {
    const auto original_did = docid_of(db, original);
    std::string story = original_did ? story_of(db.get_document(*original_did)) : std::string();
    if (story.empty()) {
      auto own = db.termlist_begin(did);
      own.skip_to(std::string(kIdPrefix));
      story = story_for(db, did, *own, nullptr);
    }
    set_story(db, did, story);
    if (matcher) matcher->settled(did, story);
  }
}

}  // namespace newsdex
