// Counts of all matching articles per day, ISO week, month or year, in time order.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

enum class TimelineUnit { day, week, month, year };

// "day", "week", "month", "year" → the unit; nullopt for any other name.
[[nodiscard]] std::optional<TimelineUnit> parse_timeline_unit(std::string_view name);
[[nodiscard]] std::string_view timeline_unit_name(TimelineUnit unit);

struct TimelineBucket {
  std::string period;  // "1987-03-05", "1987-W10" (ISO week), "1987-03" or "1987"
  Xapian::doccount count = 0;  // matching articles published in the period
  Xapian::doccount archive = 0;  // articles of the whole archive published in it (--normalize)
  double share = 0;  // count / all matches, or with normalized count / archive (0 when empty)
};

struct Timeline {
  TimelineUnit unit = TimelineUnit::month;
  bool normalized = false;
  // Every period from the first to the last with a match, empty ones included.
  std::vector<TimelineBucket> buckets;
  Xapian::doccount undated = 0;  // matching articles without a date
  Xapian::doccount counted = 0;  // matching articles counted: buckets' counts + undated
  bool exact = true;  // counted is every match (false when the time limit cut the match short)
  // Counted per story: counts, undated and counted are stories (a story counts once in each
  // period any of its matching articles falls in), not articles.
  bool stories = false;
};

struct TimelineRequest {
  TimelineUnit unit = TimelineUnit::month;
  bool normalize = false;
  double time_limit = 0;  // seconds, 0: none
  // Counts with Xapian's ValueCountMatchSpy, the one spy a stock xapian-tcpsrv runs for
  // remote shards (dates are the same strings in every shard, so Xapian adds them up).
  bool remote = false;
  bool stories = false;   // count stories (Slot::story), not articles
  // Counts articles (not stories) of a local database in this many docid ranges side by
  // side, one thread each; the others open db_path themselves (Xapian's handles are per
  // thread). The counts are those of one thread.
  std::size_t parts = 1;
  std::string db_path;
};

// Counts every match of query in db by the date slot. Throws std::invalid_argument when the
// matches span more periods than a timeline can show (kMostTimelineBuckets), what Xapian
// throws, and Xapian::DatabaseModifiedError when the indexer committed between the opening
// of the parts' handles (the caller starts again).
[[nodiscard]] Timeline count_timeline(Xapian::Database& db, const Xapian::Query& query,
                                      const TimelineRequest& request);

inline constexpr std::size_t kMostTimelineBuckets = 100'000;

}  // namespace newsdex
