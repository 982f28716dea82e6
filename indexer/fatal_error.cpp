// The last resort for an error that ends newsindex through std::terminate.
#include "indexer/fatal_error.hpp"

#include <xapian.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <system_error>

#include "common/exit_codes.hpp"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

fs::path db_dir_for_errors;
fs::path scratch_to_remove;

std::string describe_exception_in_flight() {
  const std::exception_ptr pending = std::current_exception();
  if (!pending) return "an internal error";
  try {
    std::rethrow_exception(pending);
  } catch (const Xapian::Error& error) {
    std::string text = error.get_msg();
    if (error.get_error_string() != nullptr) text += std::string(" (") + error.get_error_string() + ")";
    return text;
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
  }
  return "an internal error";
}

[[noreturn]] void report_and_exit() {
  const std::string what = describe_exception_in_flight();
  const fs::path path = scratch_to_remove.empty() ? db_dir_for_errors : scratch_to_remove;
  if (!scratch_to_remove.empty()) {
    std::error_code ignored;
    fs::remove_all(scratch_to_remove, ignored);
  }
  std::cerr << "newsindex: cannot write " << path.string() << ": " << what << std::endl;
  // Other threads may still hold Xapian objects: no destructors run from here.
  std::_Exit(kExitUsage);
}

}  // namespace

void install_fatal_error_handler(const fs::path& db_dir) {
  db_dir_for_errors = db_dir;
  std::set_terminate(report_and_exit);
}

void remove_on_fatal_error(const fs::path& scratch) { scratch_to_remove = scratch; }

}  // namespace newsdex
