// Linking each article whose text copies an earlier one to that one (Slot::copy_of).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// What decides which article of a group of copies is the original.
struct CopyRank {
  std::string date;  // the date slot, "~" without a date so that it sorts last
  Xapian::termcount length = 0;  // the document's length
  std::string id_term;
};

// Whether a is the original rather than b: the earlier article; of one day, the longer (a
// copy is most often cut short), then the lower id term. A strict total order on articles.
[[nodiscard]] bool earlier(const CopyRank& a, const CopyRank& b);

// Whether one text copies the other, from their signatures (Slot::copy_signature) and
// document lengths: their shingle sets are alike (kCopyThreshold), or the shorter is mostly
// within the longer (kCopyContainment). Symmetric.
[[nodiscard]] bool one_copies_other(std::string_view signature_a, Xapian::termcount length_a,
                                    std::string_view signature_b, Xapian::termcount length_b);

// Points the document at the article whose unique-id term is original_term (Slot::copy_of
// and its copy_term), or at none when original_term is empty. Returns false when it did
// already.
bool set_document_original(Xapian::Document& document, const std::string& original_term);

// For each article written in this run (by id term, in order): finds the articles whose
// band terms it shares and whose signatures agree (kCopyThreshold), and links the group to
// its earliest article (by date, an article without one last; else the lowest docid): a
// copy gets Slot::copy_of and copy_term of the original, the original none. An article
// whose text changed drops the links that no longer hold. Costs a few posting lists per
// article, whatever the size of the archive. Does not commit.
void link_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids);

}  // namespace newsdex
