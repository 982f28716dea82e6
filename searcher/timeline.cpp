// Counting matches per period: a match spy tallies days, which are then put into periods.
#include "searcher/timeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/schema.hpp"
#include "searcher/docid_ranges.hpp"

namespace newsdex {
namespace {

namespace chr = std::chrono;

// Articles per publication day (yyyymmdd as a number), plus those without a date.
struct DayCounts {
  std::map<std::uint32_t, Xapian::doccount> days;
  Xapian::doccount undated = 0;
};

// The day of a date slot value ("YYYYMMDDhhmmss"); nullopt when it is not a valid date.
std::optional<chr::year_month_day> day_of(std::string_view value) {
  if (value.size() < 8) return std::nullopt;
  int number = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    if (value[i] < '0' || value[i] > '9') return std::nullopt;
    number = number * 10 + (value[i] - '0');
  }
  const chr::year_month_day day{chr::year(number / 10000), chr::month(number / 100 % 100),
                                chr::day(number % 100)};
  if (!day.ok()) return std::nullopt;
  return day;
}

std::uint32_t day_key(const chr::year_month_day& day) {
  return static_cast<std::uint32_t>(static_cast<int>(day.year()) * 10000 +
                                    static_cast<int>(static_cast<unsigned>(day.month())) * 100 +
                                    static_cast<int>(static_cast<unsigned>(day.day())));
}

void tally(DayCounts& counts, std::string_view value, Xapian::doccount articles = 1) {
  if (const auto day = day_of(value)) {
    counts.days[day_key(*day)] += articles;
  } else {
    counts.undated += articles;
  }
}

// Tallies the matches by day; per story, notes each story's days instead (story_days).
class DaySpy : public Xapian::MatchSpy {
 public:
  explicit DaySpy(bool stories) : stories_(stories) {}

  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    ++documents_;
    if (!stories_) {
      tally(counts_, doc.get_value(slot_number(Slot::date)));
      return;
    }
    std::string id = doc.get_value(slot_number(Slot::story));
    // An article without a story is a story of its own; no story id holds a NUL byte.
    if (id.empty()) id = std::string(1, '\0') + std::to_string(doc.get_docid());
    const auto [at, added] = story_index_.try_emplace(std::move(id), story_index_.size());
    const auto day = day_of(doc.get_value(slot_number(Slot::date)));
    story_days_.emplace_back(at->second, day ? day_key(*day) : 0);
  }
  [[nodiscard]] const DayCounts& counts() const { return counts_; }
  [[nodiscard]] Xapian::doccount documents() const { return documents_; }
  [[nodiscard]] Xapian::doccount stories() const { return static_cast<Xapian::doccount>(story_index_.size()); }
  // (story, day key) of each match; day 0 when it has no date.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>>& story_days() { return story_days_; }

 private:
  bool stories_;
  DayCounts counts_;
  Xapian::doccount documents_ = 0;
  std::unordered_map<std::string, std::uint32_t> story_index_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> story_days_;
};

// Every article of the archive by day, read from the date slot's value stream.
DayCounts archive_days(const Xapian::Database& db) {
  DayCounts counts;
  const auto slot = slot_number(Slot::date);
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) tally(counts, *it);
  return counts;
}

// The date slot's values among the matches of query, counted where the shards are; an
// article without a date has no value, so the undated are the rest of documents.
DayCounts day_counts_by_value(Xapian::Enquire& enquire, Xapian::doccount check_at_least,
                              Xapian::MSet& mset, Xapian::doccount& documents) {
  Xapian::ValueCountMatchSpy spy(slot_number(Slot::date));
  enquire.add_matchspy(&spy);
  mset = enquire.get_mset(0, 0, check_at_least);
  DayCounts counts;
  Xapian::doccount valued = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    tally(counts, *it, it.get_termfreq());
    valued += it.get_termfreq();
  }
  documents = spy.get_total();
  counts.undated += documents - valued;
  return counts;
}

// Every article of the archive by day, counted by the shards themselves.
DayCounts archive_days_by_value(Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset;
  Xapian::doccount documents = 0;
  return day_counts_by_value(enquire, db.get_doccount(), mset, documents);
}

// The matches of one docid range by day, and the bounds Xapian gives on their number.
struct DayPart {
  DayCounts days;
  Xapian::doccount documents = 0;
  Xapian::doccount lower = 0;
  Xapian::doccount upper = 0;
};

DayPart count_days_in(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid first,
                      Xapian::docid last, double time_limit) {
  DocidRanges range({{first, last}});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&range)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (time_limit > 0) enquire.set_time_limit(time_limit);
  DaySpy spy(false);
  enquire.add_matchspy(&spy);
  const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
  return {spy.counts(), spy.documents(), mset.get_matches_lower_bound(), mset.get_matches_upper_bound()};
}

// The matches by day, counted in request.parts docid ranges side by side (see
// TimelineRequest::parts); exact is set when every part counted every match.
DayCounts count_days_in_parts(Xapian::Database& db, const Xapian::Query& query,
                              const TimelineRequest& request, Xapian::doccount& documents, bool& exact) {
  const std::string serialised = query.serialise();
  const Xapian::docid last = db.get_lastdocid();
  const Xapian::rev revision = db.get_revision();
  const auto first_of = [&](std::size_t part) {
    return static_cast<Xapian::docid>(std::uint64_t{last} * part / request.parts + 1);
  };
  std::vector<DayPart> parts(request.parts);
  std::vector<std::future<void>> others;
  for (std::size_t part = 1; part < request.parts; ++part) {
    others.push_back(std::async(std::launch::async, [&, part] {
      if (first_of(part) > first_of(part + 1) - 1) return;
      const Xapian::Database handle(request.db_path);
      if (handle.get_revision() != revision) {
        throw Xapian::DatabaseModifiedError("the database changed while a timeline opened it");
      }
      // Xapian's reference counts are not atomic: each thread builds its own query.
      parts[part] = count_days_in(handle, Xapian::Query::unserialise(serialised), first_of(part),
                                  first_of(part + 1) - 1, request.time_limit);
    }));
  }
  if (first_of(0) <= first_of(1) - 1) {
    parts[0] = count_days_in(db, query, first_of(0), first_of(1) - 1, request.time_limit);
  }
  for (auto& other : others) other.get();
  DayCounts days;
  documents = 0;
  exact = true;
  for (const DayPart& part : parts) {
    for (const auto& [day, count] : part.days.days) days.days[day] += count;
    days.undated += part.days.undated;
    documents += part.documents;
    exact = exact && part.lower == part.upper && part.documents == part.lower;
  }
  return days;
}

chr::year_month_day from_key(std::uint32_t key) {
  return chr::year_month_day{chr::year(static_cast<int>(key / 10000)), chr::month(key / 100 % 100),
                             chr::day(key % 100)};
}

// The first day of the period holding day.
chr::sys_days period_start(TimelineUnit unit, chr::sys_days day) {
  const chr::year_month_day date{day};
  switch (unit) {
    case TimelineUnit::day:
      return day;
    case TimelineUnit::week: {
      // ISO weeks start on Monday.
      const unsigned weekday = chr::weekday{day}.iso_encoding();  // Monday 1 … Sunday 7
      return day - chr::days(weekday - 1);
    }
    case TimelineUnit::month:
      return chr::sys_days{date.year() / date.month() / 1};
    case TimelineUnit::year:
      return chr::sys_days{date.year() / 1 / 1};
  }
  return day;
}

chr::sys_days next_period(TimelineUnit unit, chr::sys_days start) {
  const chr::year_month_day date{start};
  switch (unit) {
    case TimelineUnit::day:
      return start + chr::days(1);
    case TimelineUnit::week:
      return start + chr::days(7);
    case TimelineUnit::month:
      return chr::sys_days{(date.year() / date.month() / 1) + chr::months(1)};
    case TimelineUnit::year:
      return chr::sys_days{(date.year() + chr::years(1)) / 1 / 1};
  }
  return start;
}

std::string period_label(TimelineUnit unit, chr::sys_days start) {
  const chr::year_month_day date{start};
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  char text[32];
  switch (unit) {
    case TimelineUnit::day:
      std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, static_cast<unsigned>(date.day()));
      break;
    case TimelineUnit::week: {
      // The ISO week-numbering year is the year of the week's Thursday.
      const chr::year_month_day thursday{start + chr::days(3)};
      const chr::sys_days first_day{thursday.year() / 1 / 1};
      const auto week = (start + chr::days(3) - first_day).count() / 7 + 1;
      std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(thursday.year()),
                    static_cast<int>(week));
      break;
    }
    case TimelineUnit::month:
      std::snprintf(text, sizeof text, "%04d-%02u", year, month);
      break;
    case TimelineUnit::year:
      std::snprintf(text, sizeof text, "%04d", year);
      break;
  }
  return text;
}

// Counts by period start.
std::map<chr::sys_days, Xapian::doccount> by_period(TimelineUnit unit, const DayCounts& counts) {
  std::map<chr::sys_days, Xapian::doccount> periods;
  for (const auto& [key, count] : counts.days) {
    periods[period_start(unit, chr::sys_days{from_key(key)})] += count;
  }
  return periods;
}

// Stories per period, from each match's (story, day): a story counts once in each period
// any of its matching articles falls in, and as undated when none of them has a date.
std::map<chr::sys_days, Xapian::doccount> stories_by_period(
    TimelineUnit unit, std::vector<std::pair<std::uint32_t, std::uint32_t>>& story_days,
    Xapian::doccount& undated) {
  std::vector<std::pair<std::uint32_t, chr::sys_days>> story_periods;
  std::unordered_set<std::uint32_t> dated;
  std::unordered_set<std::uint32_t> seen;
  for (const auto& [story, day] : story_days) {
    seen.insert(story);
    if (day == 0) continue;
    dated.insert(story);
    story_periods.emplace_back(story, period_start(unit, chr::sys_days{from_key(day)}));
  }
  std::sort(story_periods.begin(), story_periods.end());
  story_periods.erase(std::unique(story_periods.begin(), story_periods.end()), story_periods.end());
  std::map<chr::sys_days, Xapian::doccount> periods;
  for (const auto& [story, start] : story_periods) ++periods[start];
  undated = static_cast<Xapian::doccount>(seen.size() - dated.size());
  return periods;
}

}  // namespace

std::optional<TimelineUnit> parse_timeline_unit(std::string_view name) {
  if (name == "day") return TimelineUnit::day;
  if (name == "week") return TimelineUnit::week;
  if (name == "month") return TimelineUnit::month;
  if (name == "year") return TimelineUnit::year;
  return std::nullopt;
}

std::string_view timeline_unit_name(TimelineUnit unit) {
  switch (unit) {
    case TimelineUnit::day:
      return "day";
    case TimelineUnit::week:
      return "week";
    case TimelineUnit::month:
      return "month";
    case TimelineUnit::year:
      return "year";
  }
  return "month";
}

Timeline count_timeline(Xapian::Database& db, const Xapian::Query& query, const TimelineRequest& request) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  // Only the counts matter: no weights, no order.
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (request.time_limit > 0) enquire.set_time_limit(request.time_limit);
  Xapian::MSet mset;
  DayCounts days;
  Xapian::doccount documents = 0;
  // Remote shards run only Xapian's own spies, which cannot tell stories apart: there the
  // timeline counts articles, and says so.
  const bool stories = request.stories && !request.remote;
  DaySpy spy(stories);
  bool exact = true;
  if (request.parts > 1 && !request.remote && !stories && db.size() == 1) {
    days = count_days_in_parts(db, query, request, documents, exact);
  } else {
    if (request.remote) {
      days = day_counts_by_value(enquire, db.get_doccount(), mset, documents);
    } else {
      enquire.add_matchspy(&spy);
      mset = enquire.get_mset(0, 0, db.get_doccount());
      days = spy.counts();
      documents = spy.documents();
    }
    exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
            documents == mset.get_matches_lower_bound();
  }

  Timeline timeline;
  timeline.unit = request.unit;
  timeline.normalized = request.normalize;
  timeline.stories = stories;
  timeline.undated = days.undated;
  timeline.counted = stories ? spy.stories() : documents;
  timeline.exact = exact;
  const auto periods = stories ? stories_by_period(request.unit, spy.story_days(), timeline.undated)
                               : by_period(request.unit, days);
  if (periods.empty()) return timeline;
  std::map<chr::sys_days, Xapian::doccount> archive;
  if (request.normalize) {
    archive = by_period(request.unit, request.remote ? archive_days_by_value(db) : archive_days(db));
  }

  const chr::sys_days last = periods.rbegin()->first;
  for (chr::sys_days start = periods.begin()->first; start <= last; start = next_period(request.unit, start)) {
    if (timeline.buckets.size() == kMostTimelineBuckets) {
      throw std::invalid_argument("the matches span more than " + std::to_string(kMostTimelineBuckets) +
                                  " periods of a " + std::string(timeline_unit_name(request.unit)) +
                                  "; use a longer --timeline unit or --from/--to");
    }
    TimelineBucket bucket;
    bucket.period = period_label(request.unit, start);
    if (const auto it = periods.find(start); it != periods.end()) bucket.count = it->second;
    if (request.normalize) {
      if (const auto it = archive.find(start); it != archive.end()) bucket.archive = it->second;
      bucket.share = bucket.archive == 0 ? 0.0 : static_cast<double>(bucket.count) / bucket.archive;
    } else {
      bucket.share = timeline.counted == 0 ? 0.0 : static_cast<double>(bucket.count) / timeline.counted;
    }
    timeline.buckets.push_back(std::move(bucket));
  }
  return timeline;
}

}  // namespace newsdex
