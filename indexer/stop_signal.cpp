// Signal handling for clean stops.
#include "indexer/stop_signal.hpp"

#include <atomic>
#include <csignal>

namespace newsdex {
namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "must be usable from a signal handler");

extern "C" void on_stop_signal(int signal_number) { request_stop(signal_number); }

}  // namespace

void request_stop(int signal_number) noexcept { g_stop_signal.store(signal_number); }

int stop_signal() noexcept { return g_stop_signal.load(); }

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a read blocked on standard input returns, so the run can stop.
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace newsdex
