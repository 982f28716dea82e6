// The first build's copy pass: band keys bucketed in memory, then the per-article rules of
// link_copies and follow_copies replayed on the bucketed articles alone.
#include "indexer/copy_pass.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/copy_signature.hpp"
#include "common/schema.hpp"
#include "indexer/copy_links.hpp"
#include "indexer/story_links.hpp"

namespace newsdex {
namespace {

struct BandEntry {
  std::uint64_t key = 0;
  Xapian::docid did = 0;
};

constexpr std::uint32_t kNone = UINT32_MAX;

// The articles that share a band key with another (the only ones a copy link can touch),
// and the buckets of articles sharing one.
struct Buckets {
  std::vector<Xapian::docid> articles;  // ascending
  std::vector<std::uint32_t> members;   // indices into articles, bucket after bucket
  std::vector<std::size_t> starts;      // bucket b is members[starts[b] .. starts[b + 1])
};

// Reads the signatures as a value stream, as many bands at a time as memory_bytes holds.
Buckets bucket_bands(const Xapian::Database& db, std::size_t memory_bytes) {
  const Xapian::valueno slot = slot_number(Slot::copy_signature);
  const std::size_t signed_count = std::max<Xapian::doccount>(1, db.get_value_freq(slot));
  const std::size_t per_pass =
      std::clamp<std::size_t>(memory_bytes / (signed_count * sizeof(BandEntry)), 1, kCopyBands);
  std::vector<Xapian::docid> member_dids;
  Buckets buckets;
  buckets.starts.push_back(0);
  for (std::size_t first = 0; first < kCopyBands; first += per_pass) {
    const std::size_t last = std::min(kCopyBands, first + per_pass);
    std::vector<std::vector<BandEntry>> bands(last - first);
    for (auto& band : bands) band.reserve(signed_count);
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      const std::vector<std::uint64_t> keys = copy_band_keys(*it);
      if (keys.empty()) continue;
      for (std::size_t b = first; b < last; ++b) bands[b - first].push_back({keys[b], it.get_docid()});
    }
    for (auto& band : bands) {
      std::sort(band.begin(), band.end(), [](const BandEntry& a, const BandEntry& b) {
        return a.key != b.key ? a.key < b.key : a.did < b.did;
      });
      for (std::size_t i = 0; i < band.size();) {
        std::size_t j = i + 1;
        while (j < band.size() && band[j].key == band[i].key) ++j;
        if (j - i > 1) {
          for (std::size_t k = i; k < j; ++k) member_dids.push_back(band[k].did);
          buckets.starts.push_back(member_dids.size());
        }
        i = j;
      }
      band = {};
    }
  }
  buckets.articles = member_dids;
  std::sort(buckets.articles.begin(), buckets.articles.end());
  buckets.articles.erase(std::unique(buckets.articles.begin(), buckets.articles.end()), buckets.articles.end());
  buckets.members.reserve(member_dids.size());
  for (const Xapian::docid did : member_dids) {
    const auto at = std::lower_bound(buckets.articles.begin(), buckets.articles.end(), did);
    buckets.members.push_back(static_cast<std::uint32_t>(at - buckets.articles.begin()));
  }
  return buckets;
}

// The bucketed articles in memory, and the copy links and stories the rules give them.
class BulkPass {
 public:
  BulkPass(Xapian::WritableDatabase& db, Buckets buckets, bool stories)
      : db_(db), buckets_(std::move(buckets)), stories_(stories) {
    const std::size_t count = buckets_.articles.size();
    // Each article's buckets, as ranges into bucket_ids_.
    std::vector<std::size_t> per_article(count + 1, 0);
    for (const std::uint32_t m : buckets_.members) ++per_article[m + 1];
    for (std::size_t i = 0; i < count; ++i) per_article[i + 1] += per_article[i];
    bucket_ids_.resize(buckets_.members.size());
    article_starts_ = per_article;
    for (std::size_t b = 0; b + 1 < buckets_.starts.size(); ++b) {
      for (std::size_t k = buckets_.starts[b]; k < buckets_.starts[b + 1]; ++k) {
        bucket_ids_[per_article[buckets_.members[k]]++] = static_cast<std::uint32_t>(b);
      }
    }
    load(count);
  }

  // link_copies' rules, article after article in docid order (the order they were written).
  void link() {
    const std::size_t count = buckets_.articles.size();
    std::vector<std::uint32_t> seen(count, kNone);
    std::vector<std::uint32_t> group;
    for (std::uint32_t x = 0; x < count; ++x) {
      // Copies linked to it before keep the link only if it holds.
      for (const std::uint32_t y : linked_to_[x]) {
        if (original_[y] == x && !copies(x, y)) original_[y] = kNone;
      }
      linked_to_[x] = {};
      group.clear();
      seen[x] = x;
      for (std::size_t k = article_starts_[x]; k < article_starts_[x + 1]; ++k) {
        const std::uint32_t bucket = bucket_ids_[k];
        for (std::size_t m = buckets_.starts[bucket]; m < buckets_.starts[bucket + 1]; ++m) {
          const std::uint32_t other = buckets_.members[m];
          if (seen[other] == x) continue;
          seen[other] = x;
          if (copies(x, other)) group.push_back(other);
        }
      }
      if (group.empty()) {
        original_[x] = kNone;
        continue;
      }
      const std::uint32_t first =
          *std::min_element(group.begin(), group.end(), [&](std::uint32_t a, std::uint32_t b) { return earlier(a, b); });
      if (earlier(first, x)) {
        const std::uint32_t theirs = original_[first];
        link(x, theirs == kNone || theirs == x ? first : theirs);
        continue;
      }
      original_[x] = kNone;
      for (const std::uint32_t copy : group) link(copy, x);
    }
  }

  // follow_copies' rules, in docid order: an original's copies take its story, then each
  // copy, in order, its original's story as it stands then.
  void follow() {
    const std::size_t count = buckets_.articles.size();
    std::vector<std::vector<std::uint32_t>> copies_of(count);
    for (std::uint32_t y = 0; y < count; ++y) {
      if (original_[y] != kNone) copies_of[original_[y]].push_back(y);
    }
    std::vector<std::uint32_t> copies;
    for (std::uint32_t x = 0; x < count; ++x) {
      if (original_[x] != kNone) {
        copies.push_back(x);
        continue;
      }
      for (const std::uint32_t copy : copies_of[x]) stories_now_[copy] = stories_now_[x];
    }
    for (const std::uint32_t copy : copies) {
      const std::string& story = stories_now_[original_[copy]];
      if (!story.empty()) stories_now_[copy] = story;
    }
  }

  // Rewrites the documents whose link or story changed, in docid order.
  void write() {
    for (std::uint32_t x = 0; x < buckets_.articles.size(); ++x) {
      const bool linked = original_[x] != kNone;
      const bool moved = stories_ && stories_now_[x] != stories_before_[x];
      if (!linked && !moved) continue;
      const Xapian::docid did = buckets_.articles[x];
      Xapian::Document doc = db_.get_document(did);
      bool changed = linked && set_document_original(doc, id_term(original_[x]));
      if (moved) changed = set_document_story(doc, stories_now_[x]) || changed;
      if (changed) db_.replace_document(did, doc);
    }
  }

 private:
  // Signatures, dates, lengths and stories of the bucketed articles, read in docid order.
  void load(std::size_t count) {
    signatures_.resize(count);
    ranks_.resize(count);
    original_.assign(count, kNone);
    linked_to_.resize(count);
    const Xapian::valueno signature_slot = slot_number(Slot::copy_signature);
    const Xapian::valueno date_slot = slot_number(Slot::date);
    const Xapian::valueno story_slot = slot_number(Slot::story);
    auto signature = db_.valuestream_begin(signature_slot);
    auto date = db_.valuestream_begin(date_slot);
    auto story = db_.valuestream_begin(story_slot);
    if (stories_) stories_before_.resize(count);
    for (std::size_t x = 0; x < count; ++x) {
      const Xapian::docid did = buckets_.articles[x];
      signature.skip_to(did);
      signatures_[x] = *signature;
      if (date != db_.valuestream_end(date_slot)) date.skip_to(did);
      const bool dated = date != db_.valuestream_end(date_slot) && date.get_docid() == did;
      ranks_[x].date = dated ? *date : std::string("~");
      ranks_[x].length = db_.get_doclength(did);
      if (!stories_) continue;
      if (story != db_.valuestream_end(story_slot)) story.skip_to(did);
      if (story != db_.valuestream_end(story_slot) && story.get_docid() == did) stories_before_[x] = *story;
    }
    stories_now_ = stories_before_;
  }

  bool copies(std::uint32_t a, std::uint32_t b) const {
    return one_copies_other(signatures_[a], ranks_[a].length, signatures_[b], ranks_[b].length);
  }

  // newsdex::earlier, the id terms read only when date and length tie.
  bool earlier(std::uint32_t a, std::uint32_t b) {
    if (ranks_[a].date == ranks_[b].date && ranks_[a].length == ranks_[b].length) {
      id_term(a);
      id_term(b);
    }
    return newsdex::earlier(ranks_[a], ranks_[b]);
  }

  void link(std::uint32_t copy, std::uint32_t original) {
    original_[copy] = original;
    linked_to_[original].push_back(copy);
  }

  const std::string& id_term(std::uint32_t x) {
    std::string& term = ranks_[x].id_term;
    if (term.empty()) {
      const Xapian::Document doc = db_.get_document(buckets_.articles[x]);
      auto it = doc.termlist_begin();
      it.skip_to(std::string(kIdPrefix));
      if (it != doc.termlist_end() && (*it).starts_with(kIdPrefix)) term = *it;
    }
    return term;
  }

  Xapian::WritableDatabase& db_;
  Buckets buckets_;
  bool stories_;
  std::vector<std::size_t> article_starts_;  // article x's buckets: bucket_ids_[starts[x] .. starts[x + 1])
  std::vector<std::uint32_t> bucket_ids_;
  std::vector<std::string> signatures_;
  std::vector<CopyRank> ranks_;
  std::vector<std::uint32_t> original_;  // kNone for none
  std::vector<std::vector<std::uint32_t>> linked_to_;  // the articles linked to each, maybe since unlinked
  std::vector<std::string> stories_before_;
  std::vector<std::string> stories_now_;
};

}  // namespace

void link_copies_in_bulk(Xapian::WritableDatabase& db, bool stories, std::size_t memory_bytes) {
  BulkPass pass(db, bucket_bands(db, memory_bytes), stories);
  pass.link();
  if (stories) pass.follow();
  pass.write();
}

}  // namespace newsdex
