// The last resort for an error that ends newsindex through std::terminate.
#pragma once

#include <filesystem>

namespace newsdex {

// Installs a std::terminate handler that reports the exception in flight in the one-line form
// of every other write error ("newsindex: cannot write PATH: …"), removes the directory
// registered with remove_on_fatal_error, and exits with kExitUsage. Xapian 1.4 can throw from
// a destructor while an error of a commit unwinds (seen with a full disk), which ends the
// process through std::terminate whatever its caller catches.
void install_fatal_error_handler(const std::filesystem::path& db_dir);

// The scratch directory of a first build, removed if the process ends through the handler;
// an empty path once the scratch must stay (its switch-over has begun) or is gone.
// Call before worker threads start or after they end.
void remove_on_fatal_error(const std::filesystem::path& scratch);

}  // namespace newsdex
