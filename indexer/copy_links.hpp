// Linking each article whose text copies an earlier one to that one (Slot::copy_of).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex {

// For each article written in this run (by id term, in order): finds the articles whose
// band terms it shares and whose signatures agree (kCopyThreshold), and links the group to
// its earliest article (by date, an article without one last; else the lowest docid): a
// copy gets Slot::copy_of and copy_term of the original, the original none. An article
// whose text changed drops the links that no longer hold. Costs a few posting lists per
// article, whatever the size of the archive. Does not commit.
void link_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids);

}  // namespace newsdex
