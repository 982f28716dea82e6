// Runs a built binary and captures what it prints, for integration tests.
#pragma once

#include <string>
#include <vector>

namespace newsdex::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process did not exit normally (e.g. a crash)
  std::string out;
  std::string err;
};

// Runs program with args, feeding input on its standard input, and waits for it.
[[nodiscard]] ProcessResult run_process(const std::string& program,
                                        const std::vector<std::string>& args,
                                        const std::string& input = {});

}  // namespace newsdex::testing
