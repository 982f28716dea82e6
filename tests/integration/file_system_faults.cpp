// Mounting and unmounting a tmpfs for a test, with mount(8).
#include "file_system_faults.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>

#include "process.hpp"

namespace newsdex::testing {

TmpfsMount::TmpfsMount(std::string path, const std::string& size, bool read_only)
    : path_(std::move(path)) {
  if (::geteuid() != 0) return;
  std::filesystem::create_directories(path_);
  const std::string options = "size=" + size + (read_only ? ",ro" : "");
  mounted_ = run_process("/bin/mount", {"-t", "tmpfs", "-o", options, "tmpfs", path_}).exit_code == 0;
}

TmpfsMount::~TmpfsMount() {
  // Lazily, so that a test that failed with a file still open cannot keep it mounted.
  if (mounted_) (void)run_process("/bin/umount", {"-l", path_});
}

unsigned long long TmpfsMount::used_bytes() const {
  struct statvfs stats {};
  if (::statvfs(path_.c_str(), &stats) != 0) return 0;
  return static_cast<unsigned long long>(stats.f_blocks - stats.f_bfree) * stats.f_frsize;
}

}  // namespace newsdex::testing
