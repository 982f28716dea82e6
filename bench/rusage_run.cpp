// rusage_run OUT COMMAND [ARGS...]: runs COMMAND, waits for it, and writes
// "<wall seconds> <peak RSS KiB> <exit status> <CPU seconds, user + system>" to OUT.
//
// Why not wait4 from Python: Linux carries a process's RSS high-water mark across exec,
// so a child forked from the (large) Python benchmark starts with Python's RSS as its
// "peak". Forked from this small program the floor is a couple of MB instead.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: rusage_run OUT COMMAND [ARGS...]\n", stderr);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("rusage_run: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    std::perror("rusage_run: exec");
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) < 0) {
    std::perror("rusage_run: wait4");
    return 2;
  }
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::FILE* out = std::fopen(argv[1], "w");
  if (out == nullptr) {
    std::perror("rusage_run: cannot write OUT");
    return 2;
  }
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  std::fprintf(out, "%.6f %ld %d %.6f\n", wall.count(), usage.ru_maxrss, code,
               seconds(usage.ru_utime) + seconds(usage.ru_stime));
  std::fclose(out);
  return code;
}
