// Stop requests that arrive as signals (SIGINT, SIGTERM): the run finishes what it has read,
// commits it and prints its summary instead of dying with uncommitted work.
#pragma once

namespace newsdex {

// Records that signal_number asked the run to stop. Async-signal-safe.
void request_stop(int signal_number) noexcept;

// The signal that asked to stop, or 0.
[[nodiscard]] int stop_signal() noexcept;

// Installs request_stop as the handler of SIGINT and SIGTERM.
void install_stop_handlers();

}  // namespace newsdex
