// Copy links after a run: candidates by band terms, checked by signature.
#include "indexer/copy_links.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/copy_signature.hpp"
#include "common/schema.hpp"

namespace newsdex {
namespace {

struct Member {
  Xapian::docid did = 0;
  std::string date;  // the date slot, "~" without a date so that it sorts last
  Xapian::termcount length = 0;
  std::string id_term;
};

std::string own_id_term(const Xapian::Document& doc) {
  auto term = doc.termlist_begin();
  term.skip_to(std::string(kIdPrefix));
  if (term == doc.termlist_end() || !(*term).starts_with(kIdPrefix)) return {};
  return *term;
}

Member member(const Xapian::Database& db, Xapian::docid did, const Xapian::Document& doc) {
  std::string date = doc.get_value(slot_number(Slot::date));
  return {did, date.empty() ? std::string("~") : date, db.get_doclength(did), own_id_term(doc)};
}

// The original of a group is its earliest article; of one day, the longest (a copy is most
// often cut short), then the lowest id, never the docid, which the number of writers decides.
bool earlier(const Member& a, const Member& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.length != b.length) return a.length > b.length;
  return a.id_term < b.id_term;
}

// Whether one text copies the other: their shingle sets are alike, or the shorter is mostly
// within the longer (a copy cut to its first paragraphs). Containment is estimated from the
// signatures' Jaccard similarity and the texts' lengths.
bool one_copies_other(const Xapian::Database& db, Xapian::docid a, std::string_view signature_a, Xapian::docid b,
                      std::string_view signature_b) {
  const double jaccard = signature_similarity(signature_a, signature_b);
  if (jaccard >= kCopyThreshold) return true;
  if (jaccard < kCopyMinJaccard) return false;
  const double length_a = db.get_doclength(a);
  const double length_b = db.get_doclength(b);
  const double shorter = std::min(length_a, length_b);
  if (shorter <= 0) return false;
  const double shared = jaccard * (length_a + length_b) / (1 + jaccard);
  return shared / shorter >= kCopyContainment;
}

// Points document did at original_term (or at none when it is empty), unless it already is.
void set_original(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& original_term) {
  Xapian::Document doc = db.get_document(did);
  const std::string current = doc.get_value(slot_number(Slot::copy_of));
  if (current == original_term) return;
  if (!current.empty()) {
    try {
      doc.remove_term(copy_term(current));
    } catch (const Xapian::InvalidArgumentError&) {
    }
  }
  if (original_term.empty()) {
    doc.remove_value(slot_number(Slot::copy_of));
  } else {
    doc.add_value(slot_number(Slot::copy_of), original_term);
    doc.add_boolean_term(copy_term(original_term));
  }
  db.replace_document(did, doc);
}

void link_one(Xapian::WritableDatabase& db, const std::string& id_term) {
  const auto posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) return;
  const Xapian::docid did = *posting;
  const Xapian::Document doc = db.get_document(did);
  const std::string signature = doc.get_value(slot_number(Slot::copy_signature));
  const Member self = member(db, did, doc);
  // Copies linked to an earlier version of this article keep the link only if it holds.
  const std::string copies = copy_term(id_term);
  std::vector<Xapian::docid> linked;
  for (auto it = db.postlist_begin(copies); it != db.postlist_end(copies); ++it) linked.push_back(*it);
  for (const Xapian::docid copy : linked) {
    const std::string theirs = db.get_document(copy).get_value(slot_number(Slot::copy_signature));
    if (!one_copies_other(db, did, signature, copy, theirs)) set_original(db, copy, {});
  }
  std::vector<Member> group;
  std::unordered_set<Xapian::docid> seen{did};
  for (const auto& band : copy_band_terms(signature)) {
    for (auto it = db.postlist_begin(band); it != db.postlist_end(band); ++it) {
      if (!seen.insert(*it).second) continue;
      const Xapian::Document other = db.get_document(*it);
      if (!one_copies_other(db, did, signature, *it, other.get_value(slot_number(Slot::copy_signature)))) continue;
      group.push_back(member(db, *it, other));
    }
  }
  if (group.empty()) {
    set_original(db, did, {});
    return;
  }
  const Member& first = *std::min_element(group.begin(), group.end(), earlier);
  if (earlier(first, self)) {
    // The earliest one's own original, when it has one, keeps every copy on one article.
    const std::string theirs = db.get_document(first.did).get_value(slot_number(Slot::copy_of));
    set_original(db, did, theirs.empty() || theirs == id_term ? first.id_term : theirs);
    return;
  }
  set_original(db, did, {});
  for (const Member& copy : group) set_original(db, copy.did, id_term);
}

}  // namespace

void link_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids) {
  std::unordered_set<std::string> done;
  for (const auto& id_term : written_ids) {
    if (done.insert(id_term).second) link_one(db, id_term);
  }
}

}  // namespace newsdex
