// Copy links and copies' stories after a first build, for the whole database in one pass.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace newsdex {

// Does what link_copies and then follow_copies (when stories is true) do for every article
// of db, with the same outcome, in time and reads that grow with the database rather than
// with its archive size times the articles written: the signatures are read once (or once
// per few bands) as a value stream in docid order, articles are bucketed by band key in
// memory, the candidates checked by signature in memory, and only the documents whose copy
// link or story changes are read and rewritten, in docid order.
// Precondition: every article in db was written by this run in docid order (a first build,
// whose shards are merged in writer order) and none is linked as a copy yet. memory_bytes
// bounds the band keys held at once (at least one band at a time is held whatever it says).
// Does not commit.
void link_copies_in_bulk(Xapian::WritableDatabase& db, bool stories, std::size_t memory_bytes);

}  // namespace newsdex
