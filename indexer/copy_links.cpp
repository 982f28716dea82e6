// Copy links after a run: candidates by band terms, checked by signature.
#include "indexer/copy_links.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/copy_signature.hpp"
#include "common/schema.hpp"

namespace newsdex {
namespace {

using Member = CopyRank;

std::string own_id_term(const Xapian::Document& doc) {
  auto term = doc.termlist_begin();
  term.skip_to(std::string(kIdPrefix));
  if (term == doc.termlist_end() || !(*term).starts_with(kIdPrefix)) return {};
  return *term;
}

Member member(const Xapian::Database& db, Xapian::docid did, const Xapian::Document& doc) {
  std::string date = doc.get_value(slot_number(Slot::date));
  return {date.empty() ? std::string("~") : date, db.get_doclength(did), own_id_term(doc)};
}

bool one_copies_other(const Xapian::Database& db, Xapian::docid a, std::string_view signature_a, Xapian::docid b,
                      std::string_view signature_b) {
  return newsdex::one_copies_other(signature_a, db.get_doclength(a), signature_b, db.get_doclength(b));
}

// Points document did at original_term (or at none when it is empty), unless it already is.
void set_original(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& original_term) {
  Xapian::Document doc = db.get_document(did);
  if (set_document_original(doc, original_term)) db.replace_document(did, doc);
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
  std::vector<std::pair<Xapian::docid, Member>> group;
  std::unordered_set<Xapian::docid> seen{did};
  for (const auto& band : copy_band_terms(signature)) {
    for (auto it = db.postlist_begin(band); it != db.postlist_end(band); ++it) {
      if (!seen.insert(*it).second) continue;
      const Xapian::Document other = db.get_document(*it);
      if (!one_copies_other(db, did, signature, *it, other.get_value(slot_number(Slot::copy_signature)))) continue;
      group.emplace_back(*it, member(db, *it, other));
    }
  }
  if (group.empty()) {
    set_original(db, did, {});
    return;
  }
  const auto& [first_did, first] = *std::min_element(
      group.begin(), group.end(), [](const auto& a, const auto& b) { return earlier(a.second, b.second); });
  if (earlier(first, self)) {
    // The earliest one's own original, when it has one, keeps every copy on one article.
    const std::string theirs = db.get_document(first_did).get_value(slot_number(Slot::copy_of));
    set_original(db, did, theirs.empty() || theirs == id_term ? first.id_term : theirs);
    return;
  }
  set_original(db, did, {});
  for (const auto& copy : group) set_original(db, copy.first, id_term);
}

}  // namespace

bool set_document_original(Xapian::Document& document, const std::string& original_term) {
  const std::string current = document.get_value(slot_number(Slot::copy_of));
  if (current == original_term) return false;
  if (!current.empty()) {
    try {
      document.remove_term(copy_term(current));
    } catch (const Xapian::InvalidArgumentError&) {
    }
  }
  if (original_term.empty()) {
    document.remove_value(slot_number(Slot::copy_of));
  } else {
    document.add_value(slot_number(Slot::copy_of), original_term);
    document.add_boolean_term(copy_term(original_term));
  }
  return true;
}

// The original of a group is its earliest article; of one day, the longest (a copy is most
// often cut short), then the lowest id, never the docid, which the number of writers decides.
bool earlier(const CopyRank& a, const CopyRank& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.length != b.length) return a.length > b.length;
  return a.id_term < b.id_term;
}

// Containment is estimated from the signatures' Jaccard similarity and the texts' lengths.
bool one_copies_other(std::string_view signature_a, Xapian::termcount length_a, std::string_view signature_b,
                      Xapian::termcount length_b) {
  const double jaccard = signature_similarity(signature_a, signature_b);
  if (jaccard >= kCopyThreshold) return true;
  if (jaccard < kCopyMinJaccard) return false;
  const double shorter = std::min<double>(length_a, length_b);
  if (shorter <= 0) return false;
  const double shared = jaccard * (static_cast<double>(length_a) + length_b) / (1 + jaccard);
  return shared / shorter >= kCopyContainment;
}

void link_copies(Xapian::WritableDatabase& db, const std::vector<std::string>& written_ids) {
  std::unordered_set<std::string> done;
  for (const auto& id_term : written_ids) {
    if (done.insert(id_term).second) link_one(db, id_term);
  }
}

}  // namespace newsdex
