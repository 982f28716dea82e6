// The query-file format the C++ query drivers share, and their timing output.
//
// bench/run translates bench/queries.tsv into one file per engine; each line is
//   qid <TAB> op <TAB> query <TAB> persons <TAB> places <TAB> from <TAB> to <TAB> facets
// where op is "and" or "or" (the default operator for bare words), query is in the
// engine's own syntax (may be empty for filter-only queries), persons and places are
// '|'-separated lower-case names (may be empty), from/to are YYYY-MM-DD or empty, and
// facets is 0 or 1.
//
// Drivers print one line per query per timed pass: qid <TAB> pass <TAB> microseconds
// <TAB> matches, so bench/run can compute percentiles and compare match counts.
#pragma once

#include <time.h>

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace bench {

struct BenchQuery {
  std::string qid;
  bool any = false;  // op "or"
  std::string query;
  std::vector<std::string> persons;
  std::vector<std::string> places;
  std::string from;  // YYYY-MM-DD or empty
  std::string to;
  bool facets = false;
};

// Reads a translated query file; throws std::runtime_error naming the bad line.
std::vector<BenchQuery> read_queries(const std::string& path);

// CPU time (user and system, every thread) this process has used, in microseconds.
inline double process_cpu_micros() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

// Runs one warm-up pass (untimed, so caches and lazily opened tables are warm) that also
// takes count(query), the exact number of matches, for cross-checking engines (a timed
// run may only estimate it); then `passes` timed passes of run(query), printing a line
// per query and pass. With cpu_clock the microseconds are the process's CPU time (every
// thread's) instead of wall-clock time: on a machine shared with other work, waiting for a
// core swamps the wall-clock differences between two ways of running a query.
template <typename Run, typename Count>
void time_queries(const std::vector<BenchQuery>& queries, int passes, std::ostream& out, Run run,
                  Count count, bool cpu_clock = false) {
  std::vector<unsigned long long> exact;
  for (const auto& q : queries) {
    (void)run(q);
    exact.push_back(count(q));
  }
  for (int pass = 1; pass <= passes; ++pass) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = process_cpu_micros();
      (void)run(queries[i]);
      const double cpu_stop = process_cpu_micros();
      const auto stop = std::chrono::steady_clock::now();
      const double micros =
          cpu_clock ? cpu_stop - cpu_start
                    : std::chrono::duration_cast<std::chrono::nanoseconds>(stop - start).count() / 1000.0;
      out << queries[i].qid << '\t' << pass << '\t' << micros << '\t' << exact[i] << '\n';
    }
  }
}

}  // namespace bench
