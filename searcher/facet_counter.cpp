// Counting facet values over all matches.
#include "searcher/facet_counter.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iterator>

namespace newsdex {
namespace {

constexpr std::size_t kPendingBytes = 32 << 10;

// The ordinals the database has given out, to size the counts; 0 when unreadable, as the
// counts then grow on demand.
std::size_t ordinal_count(const Xapian::Database& db) {
  const std::string text = db.get_metadata(std::string(kFacetCountKey));
  std::size_t count = 0;
  std::from_chars(text.data(), text.data() + text.size(), count);
  return count;
}

// Most frequent first, then by value.
void order_and_cut(std::vector<FacetCount>& counts, std::size_t limit) {
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (counts.size() > limit) counts.resize(limit);
}

}  // namespace

FacetCounter::FacetCounter(const Xapian::Database& db, Xapian::doccount budget)
    : FacetCounter(db, budget, Counted::articles, true) {}

// Counting stories alone needs no counts by value.
FacetCounter::FacetCounter(const Xapian::Database& db, Xapian::doccount budget, Counted counted,
                           bool values)
    : db_(db),
      facets_(db, slot_number(Slot::facets)),
      budget_(budget),
      counts_(values ? ordinal_count(db) : 0),
      counted_by_(counted),
      values_(values),
      story_ids_(db, slot_number(Slot::story)) {}

std::string_view FacetCounter::SlotReader::value_of(Xapian::docid did) {
  // Only a docid behind the last one (not expected from the matcher) needs a fresh stream.
  if (last_ == 0 || did < last_) stream_ = db_.valuestream_begin(slot_);
  last_ = did;
  // At the end of the stream no later document has a value; check() moves like skip_to().
  const Xapian::ValueIterator end;
  if (stream_ == end || !stream_.check(did) || stream_ == end || stream_.get_docid() != did) {
    return {};
  }
  value_ = *stream_;
  return value_;
}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  if (articles_ == budget_) return;
  ++articles_;
  const Xapian::docid did = doc.get_docid();
  last_counted_ = did;
  if (counted_by_ == Counted::stories) {
    count_for_story(did);
    return;
  }
  ++documents_;
  pending_ += facets_.value_of(did);
  if (pending_.size() >= kPendingBytes) count_pending();
}

namespace {

constexpr std::uint64_t entry_key(const FacetEntry& entry) {
  return std::uint64_t{entry.facet_index} << 32 | entry.ordinal;
}

}  // namespace

void FacetCounter::count_entry(std::uint64_t key, bool up) {
  const auto index = static_cast<std::size_t>(key >> 32);
  const auto ordinal = static_cast<std::uint32_t>(key);
  if (index == kMonthEntryIndex) {
    const std::uint32_t month = ordinal - month_number(kFirstYear, 1);
    Xapian::doccount& count = month < recent_months_.size() ? recent_months_[month] : other_months_[ordinal];
    count = up ? count + 1 : count - 1;
    return;
  }
  if (ordinal >= counts_.size()) counts_.resize(std::size_t{ordinal} + 1);
  if (!up) {
    --counts_[ordinal];
    return;
  }
  if (counts_[ordinal]++ == 0) counted_[index].push_back(ordinal);
}

std::uint64_t FacetCounter::story_key(Xapian::docid did) {
  constexpr std::uint64_t kOtherIds = std::uint64_t{1} << 32;
  const std::string_view id = story_ids_.value_of(did);
  if (id.empty()) return did;
  if (id.size() < 16) {
    std::uint64_t value = 0;
    bool hex = true;
    for (const char c : id) {
      if (c >= '0' && c <= '9') {
        value = value << 4 | static_cast<std::uint64_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value = value << 4 | static_cast<std::uint64_t>(c - 'a' + 10);
      } else {
        hex = false;
        break;
      }
    }
    if (hex) return std::uint64_t{id.size()} << 60 | value;
  }
  auto [at, added] = other_ids_.try_emplace(std::string(id), kOtherIds + other_names_.size());
  if (added) other_names_.emplace_back(id);
  return at->second;
}

namespace {

// Keys below 2^32 stand for articles without a story (story_key): no other match is of
// their story, so nothing of theirs is kept.
constexpr bool is_story_of_its_own(std::uint64_t key) { return key >> 32 == 0; }

}  // namespace

void FacetCounter::count_for_story(Xapian::docid did) {
  const std::uint64_t key = story_key(did);
  const bool alone = is_story_of_its_own(key);
  const auto [story, added] = alone ? std::pair<std::uint32_t, bool>{0, true} : stories_.find_or_add(key);
  if (added) ++documents_;
  if (!values_) return;
  const std::string_view bytes = facets_.value_of(did);
  std::string_view entries = bytes;
  FacetEntry entry;
  if (added) {
    // The story's first article: every value it has is new to the story.
    bool dated = false;
    while (next_facet_entry(entries, entry)) {
      if (entry.facet_index == kMonthEntryIndex) dated = true;
      count_entry(entry_key(entry), true);
    }
    if (!dated) ++undated_stories_;
    if (!alone) stories_.keep_first(story, bytes, dated);
    return;
  }
  const bool was_dated = stories_.dated(story);
  while (next_facet_entry(entries, entry)) {
    const std::uint64_t entry_as_key = entry_key(entry);
    if (stories_.add(story, entry_as_key)) count_entry(entry_as_key, true);
  }
  if (!was_dated && stories_.dated(story)) --undated_stories_;
}

void FacetCounter::count_entries(std::string_view bytes) {
  FacetEntry entry;
  while (next_facet_entry(bytes, entry)) {
    if (entry.facet_index == kMonthEntryIndex) {
      const std::uint32_t month = entry.ordinal - month_number(kFirstYear, 1);
      if (month < recent_months_.size()) {
        ++recent_months_[month];
      } else {
        ++other_months_[entry.ordinal];
      }
      continue;
    }
    if (entry.ordinal >= counts_.size()) counts_.resize(std::size_t{entry.ordinal} + 1);
    if (counts_[entry.ordinal]++ == 0) counted_[entry.facet_index].push_back(entry.ordinal);
  }
}

void FacetCounter::count_pending() {
  count_entries(pending_);
  pending_.clear();
}

void FacetCounter::add(const FacetCounter& other) {
  add_counts(other);
  add_stories(other);
}

void FacetCounter::add_counts(const FacetCounter& other) {
  count_entries(other.pending_);
  documents_ += other.documents_;
  articles_ += other.articles_;
  undated_stories_ += other.undated_stories_;
  if (counts_.size() < other.counts_.size()) counts_.resize(other.counts_.size());
  for (std::size_t facet = 0; facet < counted_.size(); ++facet) {
    for (const std::uint32_t ordinal : other.counted_[facet]) {
      if (counts_[ordinal] == 0) counted_[facet].push_back(ordinal);
      counts_[ordinal] += other.counts_[ordinal];
    }
  }
  for (std::size_t i = 0; i < recent_months_.size(); ++i) recent_months_[i] += other.recent_months_[i];
  for (const auto& [month, count] : other.other_months_) other_months_[month] += count;
}

void FacetCounter::add_stories(const FacetCounter& other) {
  // A story seen by both counters was counted by each: once less, for it and for each value
  // both counted for it.
  for (std::uint32_t story = 0; story < other.stories_.size(); ++story) {
    std::uint64_t key = other.stories_.key(story);
    // Ids outside the hex digits are numbered by each counter as it meets them.
    if (key >> 32 != 0 && key >> 60 == 0) {
      const std::string& id = other.other_names_[key - (std::uint64_t{1} << 32)];
      auto [known, added] = other_ids_.try_emplace(id, (std::uint64_t{1} << 32) + other_names_.size());
      if (added) other_names_.push_back(id);
      key = known->second;
    }
    const auto [ours, added] = stories_.find_or_add(key);
    if (added) {
      if (values_) stories_.copy(ours, other.stories_, story);
      continue;
    }
    --documents_;
    if (!values_) continue;
    if (!stories_.dated(ours) || !other.stories_.dated(story)) --undated_stories_;
    for (const std::uint64_t value : other.stories_.entries(story)) {
      // Counted by both: once less.
      if (!stories_.add(ours, value)) count_entry(value, false);
    }
  }
}

void FacetCounter::add(FacetCounter&& other) {
  add_counts(other);
  // No story met here yet: other's stories move over whole rather than one by one. The
  // counts are added as add() adds them: this counter's own arrays stay, so that searches
  // one after another reuse the memory the same way whichever counter counted.
  if (stories_.size() == 0 && other_names_.empty()) {
    stories_ = std::move(other.stories_);
    other_ids_ = std::move(other.other_ids_);
    other_names_ = std::move(other.other_names_);
    return;
  }
  add_stories(other);
}

std::vector<FacetCount> FacetCounter::top(Facet facet, std::size_t limit) {
  count_pending();
  if (limit == 0) return {};
  std::vector<std::uint32_t> ordinals = counted_[facet_index(facet)];
  // Select by count (linear), then look up names only for the values that make the cut,
  // all of those tied with the last one included (ties are ordered by name).
  const auto by_count = [this](std::uint32_t a, std::uint32_t b) { return counts_[a] > counts_[b]; };
  if (ordinals.size() > limit) {
    std::nth_element(ordinals.begin(), ordinals.begin() + static_cast<std::ptrdiff_t>(limit - 1),
                     ordinals.end(), by_count);
    const Xapian::doccount cut = counts_[ordinals[limit - 1]];
    ordinals.erase(std::remove_if(ordinals.begin(), ordinals.end(),
                                  [&](std::uint32_t ordinal) { return counts_[ordinal] < cut; }),
                   ordinals.end());
  }
  std::vector<FacetCount> result;
  result.reserve(ordinals.size());
  for (const std::uint32_t ordinal : ordinals) result.push_back({name_of(ordinal), counts_[ordinal], 0, std::nullopt});
  order_and_cut(result, limit);
  return result;
}

std::string FacetCounter::name_of(std::uint32_t ordinal) const {
  std::string name = db_.get_metadata(facet_name_key(ordinal));
  // The indexer commits names with the documents that use them; a database damaged
  // otherwise shows the value by number rather than hide its count.
  if (name.empty()) name = "#" + std::to_string(ordinal);
  return name;
}

std::vector<FacetCount> FacetCounter::at_least(Facet facet, Xapian::doccount min_count) {
  count_pending();
  std::vector<FacetCount> result;
  for (const std::uint32_t ordinal : counted_[facet_index(facet)]) {
    if (counts_[ordinal] >= min_count) result.push_back({name_of(ordinal), counts_[ordinal], 0, std::nullopt});
  }
  return result;
}

Xapian::doccount FacetCounter::undated() {
  count_pending();
  if (counted_by_ == Counted::stories) return undated_stories_;
  Xapian::doccount dated = 0;
  for (const Xapian::doccount count : recent_months_) dated += count;
  for (const auto& [month, count] : other_months_) dated += count;
  return documents_ - dated;
}

std::vector<FacetCount> FacetCounter::top_months(std::size_t limit) {
  count_pending();
  std::vector<FacetCount> result;
  const auto add = [&](std::uint32_t year, std::uint32_t month, Xapian::doccount count) {
    char text[16];
    std::snprintf(text, sizeof text, "%04u-%02u", year, month);
    result.push_back({text, count, 0, std::nullopt});
  };
  for (std::uint32_t i = 0; i < recent_months_.size(); ++i) {
    if (recent_months_[i] != 0) add(kFirstYear + i / 12, i % 12 + 1, recent_months_[i]);
  }
  for (const auto& [month, count] : other_months_) add(month / 12, month % 12 + 1, count);
  // The limit keeps the busiest months; they read best in time order ("YYYY-MM" sorts so).
  order_and_cut(result, limit);
  std::sort(result.begin(), result.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
  return result;
}

}  // namespace newsdex
