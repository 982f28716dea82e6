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

namespace newsdex::testing {

// A process running beside the test, its output going to files, its input to a pipe.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args,
                    const std::string& out_path, const std::string& err_path);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  void write_input(const std::string& text);
  void close_input();
  void send_signal(int signal_number);
  // Whether the process has ended (without waiting).
  [[nodiscard]] bool finished();
  // Waits for the end: the exit code, or minus the signal that ended it.
  int wait();

 private:
  int pid_ = -1;
  int input_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

}  // namespace newsdex::testing
