// A small tmpfs mounted for a test (a mount point, a full disk, a read-only file system).
#pragma once

#include <string>

namespace newsdex::testing {

// Mounts a tmpfs of the given size ("4m") at path, created as needed; unmounted again on
// destruction. Mounting needs root: elsewhere mounted() is false and the test skips.
class TmpfsMount {
 public:
  TmpfsMount(std::string path, const std::string& size, bool read_only = false);
  ~TmpfsMount();
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  // Bytes in use on the file system.
  [[nodiscard]] unsigned long long used_bytes() const;

 private:
  std::string path_;
  bool mounted_ = false;
};

}  // namespace newsdex::testing
