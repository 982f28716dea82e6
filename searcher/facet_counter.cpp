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

bool FacetCounter::add_story_value(StoryValues& story, std::uint64_t key) {
  const auto first = story_keys_.begin() + static_cast<std::ptrdiff_t>(story.begin);
  const auto last = first + story.size;
  const auto at = std::lower_bound(first, last, key);
  if (at != last && *at == key) return false;
  auto offset = at - first;
  if (story.size == story.capacity) {
    // Full: the story's values move to the end of the array with room to double. What they
    // leave behind is not reused; a story grows by doubling, so that is at most what it holds.
    const std::uint32_t capacity = std::max<std::uint32_t>(8, story.capacity * 2);
    const std::size_t begin = story_keys_.size();
    story_keys_.resize(begin + capacity);
    std::copy_n(story_keys_.begin() + static_cast<std::ptrdiff_t>(story.begin), story.size,
                story_keys_.begin() + static_cast<std::ptrdiff_t>(begin));
    story.begin = begin;
    story.capacity = capacity;
  }
  const auto moved = story_keys_.begin() + static_cast<std::ptrdiff_t>(story.begin);
  std::copy_backward(moved + offset, moved + story.size, moved + story.size + 1);
  moved[offset] = key;
  ++story.size;
  return true;
}

void FacetCounter::count_for_story(Xapian::docid did) {
  auto [at, added] = stories_.try_emplace(story_key(did));
  StoryValues& story = at->second;
  if (added) ++documents_;
  if (!values_) return;
  const bool was_dated = story.dated;
  std::string_view entries = facets_.value_of(did);
  FacetEntry entry;
  while (next_facet_entry(entries, entry)) {
    const std::uint64_t key = entry_key(entry);
    if (entry.facet_index == kMonthEntryIndex) story.dated = true;
    if (add_story_value(story, key)) count_entry(key, true);
  }
  if (added && !story.dated) ++undated_stories_;
  if (!added && !was_dated && story.dated) --undated_stories_;
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
  // A story seen by both counters was counted by each: once less, for it and for each value
  // both counted for it.
  for (const auto& [their_key, theirs] : other.stories_) {
    std::uint64_t key = their_key;
    // Ids outside the hex digits are numbered by each counter as it meets them.
    if (key >> 32 != 0 && key >> 60 == 0) {
      const std::string& id = other.other_names_[key - (std::uint64_t{1} << 32)];
      auto [known, added] = other_ids_.try_emplace(id, (std::uint64_t{1} << 32) + other_names_.size());
      if (added) other_names_.push_back(id);
      key = known->second;
    }
    auto [at, added] = stories_.try_emplace(key);
    StoryValues& ours = at->second;
    const auto their_values = other.story_keys_.begin() + static_cast<std::ptrdiff_t>(theirs.begin);
    if (added) {
      ours.dated = theirs.dated;
      for (std::uint32_t i = 0; i < theirs.size; ++i) add_story_value(ours, their_values[i]);
      continue;
    }
    --documents_;
    if (!ours.dated || !theirs.dated) --undated_stories_;
    for (std::uint32_t i = 0; i < theirs.size; ++i) {
      // Counted by both: once less.
      if (!add_story_value(ours, their_values[i])) count_entry(their_values[i], false);
    }
    ours.dated = ours.dated || theirs.dated;
  }
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
