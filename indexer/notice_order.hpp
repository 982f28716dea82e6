// Puts the warnings of a parallel indexing run back into input order.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>

#include "indexer/run_report.hpp"

namespace newsdex {

// Holds each chunk's notices until the chunk is written by every writer and every earlier
// chunk's notices are published, then publishes them. Thread-safe.
class NoticeOrder {
 public:
  NoticeOrder(RunReport& report, std::size_t writers) : report_(report), writers_(writers) {}
  NoticeOrder(const NoticeOrder&) = delete;
  NoticeOrder& operator=(const NoticeOrder&) = delete;

  // The notices of reading and preparing chunk sequence; call before its last batch goes to
  // the writers.
  void prepared(std::size_t sequence, Notices notices);
  // One writer has written every document of chunk sequence, raising notices.
  void written(std::size_t sequence, Notices notices);

 private:
  struct Pending {
    Notices notices;
    std::size_t writers_done = 0;
  };
  void publish_ready();

  RunReport& report_;
  const std::size_t writers_;
  std::mutex mutex_;
  std::map<std::size_t, Pending> pending_;
  std::size_t next_ = 0;
};

}  // namespace newsdex
