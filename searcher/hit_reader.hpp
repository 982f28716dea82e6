// Reading what a result shows of an article: through the indexer's commits, and from the
// index's terms and values when the article's stored record is damaged.
#pragma once

#include <xapian.h>

#include <string>

#include "common/stored_article.hpp"

namespace newsdex {

// How often read_through_commits tries one read before it gives up.
inline constexpr int kMostRereads = 50;

// Returns read(), which reads db. A reader keeps its revision only until the indexer's
// second commit after it, so each time Xapian says the revision was discarded, db is
// reopened on the newest one and read runs again: each read is short, so it soon fits
// between two commits. Throws Xapian::DatabaseModifiedError after kMostRereads tries, and
// what read throws otherwise. read must not rely on anything read before the reopening.
template <typename Read>
auto read_through_commits(Xapian::Database& db, Read&& read) -> decltype(read()) {
  for (int tries = 1;; ++tries) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (tries == kMostRereads) throw;
      db.reopen();
    }
  }
}

struct ReadArticle {
  StoredArticle article;
  std::string damage;  // empty, or why the stored record could not be read
};

// The stored article of document did (Slot::article). When that record does not unpack (a
// damaged database), what the index still holds of it: the id, the date and the facet
// values (persons, organizations, places, source, author), with damage set. Throws what
// Xapian throws (Xapian::DocNotFoundError when there is no such document).
[[nodiscard]] ReadArticle read_stored_article(const Xapian::Database& db, Xapian::docid did);

}  // namespace newsdex
