// Publishing a parallel run's warnings chunk by chunk, in input order.
#include "indexer/notice_order.hpp"

#include <iterator>

namespace newsdex {

void NoticeOrder::prepared(std::size_t sequence, Notices notices) {
  std::lock_guard lock(mutex_);
  Notices& held = pending_[sequence].notices;
  held.insert(held.end(), std::make_move_iterator(notices.begin()),
              std::make_move_iterator(notices.end()));
}

void NoticeOrder::written(std::size_t sequence, Notices notices) {
  std::lock_guard lock(mutex_);
  Pending& pending = pending_[sequence];
  pending.notices.insert(pending.notices.end(), std::make_move_iterator(notices.begin()),
                         std::make_move_iterator(notices.end()));
  ++pending.writers_done;
  publish_ready();
}

void NoticeOrder::publish_ready() {
  while (!pending_.empty() && pending_.begin()->first == next_ &&
         pending_.begin()->second.writers_done == writers_) {
    // publish sorts by record position (stably), so a writer's notice follows the reader's
    // and the worker's about the same record.
    report_.publish(std::move(pending_.begin()->second.notices));
    pending_.erase(pending_.begin());
    ++next_;
  }
}

}  // namespace newsdex
