// Lexicon look-ups over an article's tokens: the longest listed name, title or not-name at a
// position, and the small questions the rules ask about a word's neighbours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entities/entity_tokenizer.hpp"
#include "common/entities/lexicon.hpp"

namespace newsdex::entity_detail {

// What a stretch of a capitalized sequence is: an unknown run of words, a listed person,
// organization or place, a title, a demonym, a listed not-name, a connective between
// segments, or a segment merged into another.
enum class Seg : std::uint8_t { run, person, org, place, title, demonym, not_name, joiner, gone };

// A lexicon match: its length in tokens, its kind and, for person, org and place, the
// lexicon's index of the canonical name.
struct Match {
  std::size_t len = 0;
  Seg type = Seg::run;
  std::int32_t canon = -1;
};

class PhraseMatcher {
 public:
  // lexicon and tokens must outlive the matcher; tokens must be fully tokenized. year is the
  // article's: dated aliases resolve to whom they meant then.
  PhraseMatcher(const Lexicon& lexicon, const TokenStream& tokens, std::optional<int> year)
      : lex_(lexicon), stream_(tokens), year_(year) {}

  [[nodiscard]] const Lexicon& lexicon() const { return lex_; }
  [[nodiscard]] const std::vector<Token>& tokens() const { return tokens_; }
  [[nodiscard]] std::string_view key(std::size_t i) const { return stream_.key(i); }
  [[nodiscard]] bool is_conn(std::size_t i) const { return is_connective(tokens_[i]); }
  [[nodiscard]] bool flag(std::size_t i, Lexicon::Flag f) const { return lex_.has(key(i), f); }

  // The person or organization a lexicon entry names in this article's year.
  [[nodiscard]] std::int32_t person_of(const Lexicon::Entry& entry) const {
    return lex_.canonical_at(entry, EntityKind::person, year_);
  }
  [[nodiscard]] std::int32_t organization_of(const Lexicon::Entry& entry) const {
    return lex_.canonical_at(entry, EntityKind::organization, year_);
  }

  // Entry of the phrase tokens[i, i+len), or nullptr.
  [[nodiscard]] const Lexicon::Entry* phrase(std::size_t i, std::size_t len);

  // Longest lexicon match at i within [i, e) of the sequence starting at s; len 0 if none.
  [[nodiscard]] Match match(std::size_t i, std::size_t s, std::size_t e);

  // Is token i the start of some lexicon name (so "Charlotte Smith" is a person but
  // "Jordan Valley" is not read as one)?
  [[nodiscard]] bool starts_known(std::size_t i) const;

  // Lower-case title words right before the sequence at s: "spokesman Dmitry Peskov".
  [[nodiscard]] bool title_before(std::size_t s);

  // ", president of ...", ", a trade lawyer": a comma and a lower-case title after a name
  // that ends before token e.
  [[nodiscard]] bool apposition_after(std::size_t e);

 private:
  [[nodiscard]] bool all_caps(std::size_t i, std::size_t len) const;
  [[nodiscard]] bool role_ok(const Lexicon::Entry& e, Lexicon::Role role, std::size_t i,
                             std::size_t len) const;
  [[nodiscard]] std::size_t max_words(std::size_t i, std::size_t e) const;
  [[nodiscard]] std::size_t title_length(std::size_t i, std::size_t e, int depth);
  [[nodiscard]] bool after_article(std::size_t i) const;

  const Lexicon& lex_;
  const TokenStream& stream_;
  const std::vector<Token>& tokens_ = stream_.tokens();
  std::optional<int> year_;
  std::string scratch_;  // phrase keys, reused to spare an allocation per look-up
};

}  // namespace newsdex::entity_detail
