// The data/lexicon TSV files read into rows: the one reader of their format, shared by the
// extraction rules (Lexicon) and the tagger's gazetteer (ner::Gazetteer), so that both see the
// same names, variants and demonyms. Column meanings are described in each file's header.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::lexicon_tsv {

// Every view in a row points into the text it was read from, which must outlive the rows.
// Columns are trimmed of spaces and tabs; blank lines, '#' comments and a line's trailing '\r'
// are skipped; rows whose name column is empty are left out.

// places.tsv: a country, city, state or region.
struct PlaceRow {
  std::string_view kind;                  // "country", "city", "state" or "region"
  std::string_view name;                  // canonical display name
  std::string_view country;               // the country it lies in; empty for countries
  std::vector<std::string_view> variants;
  std::vector<std::string> demonyms;      // each listed demonym and its plural (demonym_forms)
};
[[nodiscard]] std::vector<PlaceRow> read_places(std::string_view text);

// aliases.tsv and organizations.tsv: a canonical name and its variants.
struct NameRow {
  std::string_view kind;  // aliases: "person", "organization" or "place"; organizations:
                          // "head" for a head word ("Bank"), else the kind of organization
  std::string_view name;
  std::vector<std::string_view> variants;  // empty for a head word
  std::string_view years;                  // "FROM-TO" years of use, either side optional
};
[[nodiscard]] std::vector<NameRow> read_aliases(std::string_view text);
[[nodiscard]] std::vector<NameRow> read_organizations(std::string_view text);

// given_names.tsv, titles.tsv and not_names.tsv: a word or phrase and its kind.
struct WordRow {
  std::string_view word;
  std::string_view kind;  // titles: "modifier" or the kind of title; not_names: "common" for
                          // a common word; given names: the name's origin
};
[[nodiscard]] std::vector<WordRow> read_given_names(std::string_view text);
[[nodiscard]] std::vector<WordRow> read_titles(std::string_view text);
[[nodiscard]] std::vector<WordRow> read_not_names(std::string_view text);

// The spellings a listed demonym stands for: itself and its plural with an s ("American",
// "Americans"), except when it already ends in s ("Swiss", never "Swisss").
[[nodiscard]] std::vector<std::string> demonym_forms(std::string_view demonym);

}  // namespace newsdex::lexicon_tsv
