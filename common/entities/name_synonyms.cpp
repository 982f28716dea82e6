// Synonyms between the stemmed spellings of one person's surname (see name_synonyms.hpp).
#include "common/entities/name_synonyms.hpp"

#include <map>
#include <set>

#include "common/entities/lexicon.hpp"
#include "common/schema.hpp"

namespace newsdex {
namespace {

// The last word of a folded name.
std::string last_word(const std::string& key) {
  const auto space = key.rfind(' ');
  return space == std::string::npos ? key : key.substr(space + 1);
}

bool all_letters(const std::string& word) {
  for (const char c : word) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'' || static_cast<unsigned char>(c) >= 0x80)) {
      return false;
    }
  }
  return !word.empty();
}

// Whether the archive mostly uses the surname's stem as an ordinary word: in more than twice
// (with a little slack for few articles) as many articles as name a person by that surname.
bool mostly_a_word(const Xapian::Database& db, const std::string& surname_term, const std::string& z_term) {
  return db.get_termfreq(z_term) > 2 * db.get_termfreq(surname_term) + 2;
}

}  // namespace

std::vector<std::vector<std::string>> name_synonym_groups(const Xapian::Database& db,
                                                          const Lexicon& lexicon) {
  const Xapian::Stem stem = make_stemmer();
  const auto z_term = [&](const std::string& word) { return std::string(kStemPrefix) + stem(word); };
  // Keyed by canonical name (lexicon groups) or by name key (archive groups); a name key that
  // matches a listed surname joins that person's group.
  std::map<std::string, std::set<std::string>> groups;
  std::map<std::string, std::string> group_of_name_key;
  for (const auto& variant : lexicon.person_variants()) {
    const std::string word = last_word(Lexicon::fold(variant.text));
    if (word.size() < 4 || !all_letters(word) || lexicon.has(word, Lexicon::given_name)) continue;
    const std::string term = z_term(word);
    // Articles name the person by the canonical name, so its surname counts the mentions.
    const std::string canonical(lexicon.name(variant.canonical));
    if (mostly_a_word(db, person_surname_term(canonical), term)) continue;
    const std::string group = "=" + canonical;
    groups[group].insert(term);
    group_of_name_key.try_emplace(Lexicon::name_key(word), group);
  }
  const std::string prefix(kPersonSurnamePrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string word = Lexicon::fold((*it).substr(prefix.size()));
    if (word.size() < 4 || !all_letters(word)) continue;
    const std::string term = z_term(word);
    if (mostly_a_word(db, *it, term)) continue;
    const std::string key = Lexicon::name_key(word);
    const auto known = group_of_name_key.find(key);
    groups[known != group_of_name_key.end() ? known->second : "~" + key].insert(term);
  }
  std::vector<std::vector<std::string>> out;
  for (const auto& [name, terms] : groups) {
    if (terms.size() >= 2) out.emplace_back(terms.begin(), terms.end());
  }
  return out;
}

void add_name_synonyms(Xapian::WritableDatabase& db, const Lexicon& lexicon) {
  for (const auto& group : name_synonym_groups(db, lexicon)) {
    for (const auto& term : group) {
      db.clear_synonyms(term);
      for (const auto& other : group) {
        if (other != term) db.add_synonym(term, other);
      }
    }
  }
}

void add_name_synonyms(Xapian::WritableDatabase& db) { add_name_synonyms(db, Lexicon::builtin()); }

}  // namespace newsdex
