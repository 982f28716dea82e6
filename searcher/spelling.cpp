// Spelling suggestions from the index's own vocabulary: Z-prefixed stems and person names.
#include "searcher/spelling.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "common/schema.hpp"
#include "common/text.hpp"

namespace newsdex {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ";
}

// The facet a field of the query language names (person, org, organization, place), or
// nullopt: sources and authors are not respelt.
std::optional<Facet> facet_of_field(std::string_view name) {
  if (name == "organization") return Facet::organization;
  for (const auto& facet : {Facet::person, Facet::organization, Facet::place}) {
    if (facet_field(facet).query_field == name) return facet;
  }
  return std::nullopt;
}

struct Candidate {
  std::string word;  // as shown
  int distance = 0;
  Xapian::doccount frequency = 0;
};

bool better(const Candidate& a, const Candidate& b) {
  if (a.distance != b.distance) return a.distance < b.distance;
  if (a.frequency != b.frequency) return a.frequency > b.frequency;
  return a.word < b.word;
}

// The word a stem is shown as: the user's word with its stem swapped for the candidate's
// ("ekonomies" → "economies" for the stem "economi"), else the stem when it stems to itself.
std::optional<std::string> surface_form(Xapian::Stem& stem, const std::string& word, const std::string& word_stem,
                                        const std::string& candidate) {
  if (word.compare(0, word_stem.size(), word_stem) == 0) {
    std::string shown = candidate + word.substr(word_stem.size());
    if (stem(shown) == candidate) return shown;
  }
  if (stem(candidate) == candidate) return candidate;
  return std::nullopt;
}

class Speller {
 public:
  explicit Speller(const Xapian::Database& db) : db_(db), stem_(make_stemmer()) {}

  // The best replacement for a lower-case ASCII word, or nullopt to keep it. A word of a
  // facet's value (person:, --org …) is replaced by a word of that facet's names only.
  std::optional<std::string> correct(const std::string& word, std::optional<Facet> facet) {
    if (word.size() < 3) return std::nullopt;
    const int limit = word.size() <= 4 ? 1 : 2;
    std::optional<Candidate> best;
    Xapian::doccount own = 0;
    const auto consider = [&](std::string shown, int distance, Xapian::doccount frequency) {
      if (frequency <= own || shown == word) return;
      Candidate candidate{std::move(shown), distance, frequency};
      if (!best || better(candidate, *best)) best = std::move(candidate);
    };
    if (facet) {
      own = db_.get_termfreq(facet_term(*facet, word));
      if (*facet == Facet::person) own = std::max(own, db_.get_termfreq(person_surname_term(word)));
      // A word of longer names ("alan" of "alan greenspan") is as common as they are together.
      consider_name_words(*facet, word, 0, [&](const std::string&, int, Xapian::doccount frequency) {
        own = std::max(own, frequency);
      });
      if (own >= kFewMatches) return std::nullopt;
      consider_name_words(*facet, word, limit, consider);
      if (!best) return std::nullopt;
      return best->word;
    }
    const std::string word_stem = stem_(word);
    own = db_.get_termfreq(std::string(kStemPrefix) + word_stem);
    if (own >= kFewMatches) return std::nullopt;
    // Stems of the text that start with the same letter.
    const std::string prefix = std::string(kStemPrefix) + word_stem.front();
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      const std::string term = *it;
      const std::string_view candidate = std::string_view(term).substr(kStemPrefix.size());
      const int distance = edit_distance(word_stem, candidate, limit);
      if (distance > limit || distance == 0) continue;
      if (auto shown = surface_form(stem_, word, word_stem, std::string(candidate))) {
        consider(std::move(*shown), distance, it.get_termfreq());
      }
    }
    // Words of person names ("volcker" of "paul volcker"), shown as they are.
    consider_name_words(Facet::person, word, limit, consider);
    if (!best) return std::nullopt;
    return best->word;
  }

 private:
  // Hands consider each word of the facet's names within limit edits of word (other than
  // word itself; with limit 0, word itself), with the number of articles holding the name.
  template <typename Consider>
  void consider_name_words(Facet facet, const std::string& word, int limit, const Consider& consider) {
    const std::string prefix(facet_field(facet).term_prefix);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      const std::string term = *it;
      std::string_view name = std::string_view(term).substr(prefix.size());
      while (!name.empty()) {
        const std::size_t space = name.find(' ');
        const std::string_view part = name.substr(0, space);
        name = space == std::string_view::npos ? std::string_view{} : name.substr(space + 1);
        if (part.empty() || part.front() != word.front()) continue;
        if (!std::all_of(part.begin(), part.end(), is_letter)) continue;
        const int distance = edit_distance(word, part, limit);
        // With a limit of 0, the names holding word itself.
        if ((distance == 0) != (limit == 0) || distance > limit) continue;
        consider(std::string(part), distance, it.get_termfreq());
      }
    }
  }

  const Xapian::Database& db_;
  Xapian::Stem stem_;
};

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const auto too_far = limit + 1;
  const auto gap = static_cast<int>(a.size()) - static_cast<int>(b.size());
  if (gap > limit || -gap > limit) return too_far;
  // Three rows of the optimal-string-alignment table.
  std::vector<int> before(b.size() + 1);
  std::vector<int> previous(b.size() + 1);
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = static_cast<int>(i);
    int smallest = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
      smallest = std::min(smallest, row[j]);
    }
    if (smallest > limit) return too_far;
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return std::min(previous[b.size()], too_far);
}

std::optional<std::string> suggest_spelling(const Xapian::Database& db, std::string_view query,
                                            std::optional<Facet> facet) {
  Speller speller(db);
  std::string suggested;
  bool changed = false;
  // The facet of a field being read: of the next word after "person:", of every word up to
  // the closing quote after 'person:"'.
  std::optional<Facet> field;
  bool quoted_field = false;
  std::size_t i = 0;
  while (i < query.size()) {
    if (!is_letter(query[i])) {
      if (query[i] == '"' && quoted_field) {
        quoted_field = false;
        field.reset();
      } else if (query[i] == '"' && field && i > 0 && query[i - 1] == ':') {
        quoted_field = true;
      } else if (!quoted_field && query[i] != ':') {
        field.reset();
      }
      suggested += query[i++];
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && is_letter(query[end])) ++end;
    const std::string_view word = query.substr(i, end - i);
    // Letters run on into digits, other bytes or a field's colon: not a plain word.
    const bool plain = (end == query.size() || (!(query[end] & 0x80) && query[end] != ':' &&
                                                !(query[end] >= '0' && query[end] <= '9'))) &&
                       (i == 0 || (!(query[i - 1] & 0x80) && !(query[i - 1] >= '0' && query[i - 1] <= '9')));
    const bool after_date = i >= 5 && query.substr(i - 5, 5) == "date:";
    std::optional<std::string> replacement;
    if (plain && !after_date && !is_operator(word)) {
      std::string lower(word);
      for (char& c : lower) c = ascii_lower(c);
      replacement = speller.correct(lower, facet ? facet : field);
    }
    if (!quoted_field) field.reset();
    if (end < query.size() && query[end] == ':') field = facet_of_field(word);
    if (replacement) {
      // Keep a capital the user typed.
      if (word.front() >= 'A' && word.front() <= 'Z') (*replacement)[0] = static_cast<char>((*replacement)[0] - 'a' + 'A');
      suggested += *replacement;
      changed = true;
    } else {
      suggested += word;
    }
    i = end;
  }
  if (!changed) return std::nullopt;
  return suggested;
}

}  // namespace newsdex
