// The --version line both tools print: project, schema and Xapian versions.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "common/schema.hpp"
#include "newsdex/project_version.hpp"

namespace newsdex {

// "newsindex (Newsdex) 0.1.0, schema 6, Xapian 1.4.22" for program "newsindex".
[[nodiscard]] inline std::string version_line(std::string_view program) {
  return std::string(program) + " (Newsdex) " + kProjectVersion + ", schema " + std::to_string(kSchemaVersion) +
         ", Xapian " + Xapian::version_string();
}

}  // namespace newsdex
