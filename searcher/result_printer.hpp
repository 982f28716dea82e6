// Prints search results for people (text) or programs (JSON).
#pragma once

#include <iosfwd>

#include "searcher/searcher.hpp"

namespace newsdex {

// One JSON object: query, total, total_exact, offset, results[] and, with facets, facets{}.
// Absent fields are null; snippets mark matched words with **; a damaged hit has
// "damaged": true. Strings are as stored, escaped as JSON requires.
void print_json(const SearchResults& results, std::ostream& out);

// One result of a --format jsonl listing: the object print_json lists for it, on one line.
// relaxation is the search's (SearchResults::relaxation), for the "explain" key.
void print_json_line(const SearchHit& hit, const Relaxation& relaxation, std::ostream& out);

// Numbered results with date, source, title, snippet and persons, then facet counts.
// Matched words are bold when bold is set, else wrapped in *. Every string from the
// database passes through terminal_safe, so only these escape codes reach a terminal.
void print_text(const SearchResults& results, bool bold, std::ostream& out);

}  // namespace newsdex

namespace newsdex {

// The facets part of print_text: each facet's values with their counts (with significance,
// "(count of archive)"), months in date order then the undated count.
void print_facets_text(const SearchResults& results, std::ostream& out);

}  // namespace newsdex
