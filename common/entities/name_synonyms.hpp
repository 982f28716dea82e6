// Free-text search across the spellings of a person's name: Xapian synonyms that let a query
// for "zelensky" also match articles that write "Zelenskyy" or "Zelenskiy".
//
// The index holds stems only (STEM_ALL_Z), so the three spellings are three terms
// (Zzelenski, Zzelenskyy, Zzelenskiy). Xapian 1.4's QueryParser, given FLAG_AUTO_SYNONYMS and a
// database, looks each query word up in the synonym table first as typed ("zelensky") and,
// when that has no entry, as its Z stem ("Zzelenski"), and ORs (OP_SYNONYM) the listed terms
// into the query. So the synonym keys and values written here are Z stems of surnames.
// Phrases and wildcards are not expanded (Xapian does not apply single-word synonyms there).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex {

class Lexicon;

// Groups of stemmed surname terms ("Zzelenski", "Zzelenskyy", ...) that name one person:
//  - from the lexicon: the surnames (last words) of every listed spelling of one person,
//    leaving out given names and words under four letters ("King Charles" / "Charles III");
//  - from the archive: the persons' surname terms (XPN:) already in db whose spelling-
//    insensitive keys agree (Lexicon::name_key: "Hammerstrom" / "Hamerstrom" do, "Shevchenko" /
//    "Shevchenco" do not), so transliterations the lists do not know are joined too.
// A spelling that the archive mostly uses as an ordinary word is left out of both: it may be
// a surname in a few articles ("Magma Copper" taken for a person) but joining it would make
// every "copper" match "Cooper" and, through the stem, "cooperation".
// Each group has at least two distinct terms; the order is deterministic.
[[nodiscard]] std::vector<std::vector<std::string>> name_synonym_groups(
    const Xapian::Database& db, const Lexicon& lexicon);

// Writes the groups above as synonyms (each term → the others of its group), replacing the
// synonyms previously written for those terms. Does not commit. Call once after the articles
// are in (for a first build, on the merged database), then commit.
void add_name_synonyms(Xapian::WritableDatabase& db, const Lexicon& lexicon);

// The same with Lexicon::builtin().
void add_name_synonyms(Xapian::WritableDatabase& db);

}  // namespace newsdex
