// The fact lists entity extraction relies on: places, given names, titles, organizations,
// aliases of public figures and capitalized words that are not names.
//
// Every name is looked up by a normalized key (see Lexicon::fold): case-folded, accents removed
// (Latin letters), dots dropped, curly apostrophes made straight and whitespace collapsed, so
// "U.S." = "US" = "us" and "Erdoğan" = "erdogan". Variants written in all capitals in the lists
// ("WHO", "US", "ICE") are acronyms: the extractor only accepts them for all-capital text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsdex {

enum class EntityKind { person, organization, place };

// The six TSV files' contents (formats are described in each file's header comment).
struct LexiconTexts {
  std::string_view aliases;
  std::string_view places;
  std::string_view given_names;
  std::string_view titles;
  std::string_view organizations;
  std::string_view not_names;
};

class Lexicon {
 public:
  // Properties of one normalized key (a word or a phrase of space-separated words).
  enum Flag : std::uint16_t {
    given_name = 1U << 0,      // first word of a person's name
    title = 1U << 1,           // honorific / office preceding a name
    title_modifier = 1U << 2,  // can precede a title: "Foreign" (Minister), "Deputy"
    org_head = 1U << 3,        // marks an unknown sequence as an organization: "Bank", "Ministry"
    demonym = 1U << 4,         // nationality adjective: never an entity
    not_name = 1U << 5,        // capitalized word that is never (part of) a name on its own
    common_word = 1U << 6,     // common noun/adjective: not a name when it opens a sequence
                               // ("Officials said"), but may be inside one ("... Journalists")
  };
  // Roles that are checked against capitalization (bit i for role i).
  enum Role : std::uint8_t { role_person, role_organization, role_place, role_title, role_count };

  struct Entry {
    std::int32_t person = -1;        // index into names() of the canonical person, or -1
    std::int32_t organization = -1;  // canonical organization
    std::int32_t place = -1;         // canonical place
    std::uint16_t flags = 0;
    std::uint8_t caps_only = 0;      // bit per Role: only written in capitals in the lists
    std::uint8_t max_words = 0;      // longest listed phrase starting with this key as first word
    std::uint8_t words = 1;          // number of words in this key
    // When the key names different persons or organizations in different years ("Stoltenberg",
    // "George Bush", "Exxon"): one plus an index into the lexicon's alternatives, else 0.
    std::uint32_t alternatives = 0;
  };

  // Builds the lexicon from TSV texts (used by tests with small lists).
  explicit Lexicon(const LexiconTexts& texts);

  // The lists compiled into the binaries from data/lexicon. Built on first use; thread-safe.
  [[nodiscard]] static const Lexicon& builtin();

  // Canonical display name for a known spelling variant or alias of an entity of this kind,
  // matched case-insensitively: (person, "Zelensky") → "Volodymyr Zelenskyy",
  // (place, "U.S.") → "United States". Returns nullopt for a name the lexicon does not know.
  // With a year, a name the lists date resolves as canonical_at does.
  [[nodiscard]] std::optional<std::string_view> canonical(
      EntityKind kind, std::string_view name, std::optional<int> year = std::nullopt) const;

  // The canonical person or organization an entry names in an article of the given year:
  // a key listed under several names ("Stoltenberg": Gerhard, West German finance minister
  // in the 1980s, and Jens, NATO's secretary general from 2014) resolves to the name whose
  // years of use (the lists' years column) hold the year, else to the nearest; without a
  // year, or for a key listed once, to the first listed. -1 when the entry has no such name.
  [[nodiscard]] std::int32_t canonical_at(const Entry& entry, EntityKind kind,
                                          std::optional<int> year) const;

  // Every canonical name a spelling may stand for, in list order (one for most; several
  // for a dated alias such as "Stoltenberg"). Empty for a name the lexicon does not know.
  [[nodiscard]] std::vector<std::string_view> canonicals(EntityKind kind,
                                                         std::string_view name) const;

  // The country a listed place lies in, by the place's canonical name: "Houston" → "United
  // States". Empty for countries, cross-border regions and places the lists do not know.
  [[nodiscard]] std::string_view place_country(std::string_view canonical_place) const;

  // Looks up a normalized key (as produced by fold). nullptr if unknown.
  [[nodiscard]] const Entry* find(std::string_view key) const;
  [[nodiscard]] std::string_view name(std::int32_t index) const { return names_.at(static_cast<std::size_t>(index)); }

  // Convenience: does the (already normalized) key carry this flag?
  [[nodiscard]] bool has(std::string_view key, Flag flag) const;

  // Appends the normalized key of text to out: case-folded, Latin accents stripped, '.' removed,
  // ’ and ‘ and ` made ', runs of white space made one space, leading/trailing space dropped.
  static void fold(std::string_view text, std::string& out);
  [[nodiscard]] static std::string fold(std::string_view text);

  // The spelling-insensitive key of a person's name, for names the lists do not know: the fold
  // key with 'y' read as 'i' and each run of one repeated letter made one letter, so
  // "Zelenskyy", "Zelenskiy" and "Zelensky" all give "zelenski", "Gadaffi" = "gadafi".
  [[nodiscard]] static std::string name_key(std::string_view text);

  // Every listed spelling of a person (variants and the canonical name itself) with the index
  // into names() of its canonical name, in file order.
  struct Variant {
    std::string text;
    std::int32_t canonical = -1;
  };
  [[nodiscard]] const std::vector<Variant>& person_variants() const { return person_variants_; }

  // The hash of the lexicon's open-addressing tables, for other tables of words to share.
  [[nodiscard]] static std::uint64_t key_hash(std::string_view key);

  // Sizes, for reports and tests.
  [[nodiscard]] std::size_t size() const { return values_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  Entry& entry(const std::string& key);
  std::int32_t intern(std::string_view display);
  void add_name(Role role, std::string_view variant, std::int32_t canonical);
  // Records the years a canonical name is in use, from a lists' "FROM-TO" column (either
  // side may be empty: "-1999", "2014-").
  void set_years(std::int32_t canonical, std::string_view years);
  void add_flag(std::string_view phrase, std::uint16_t flag, bool check_caps = false);
  void load_places(std::string_view text);
  void load_aliases(std::string_view text);
  void load_given_names(std::string_view text);
  void load_titles(std::string_view text);
  void load_organizations(std::string_view text);
  void load_not_names(std::string_view text);

  // Moves entries_ into keys_, values_ and index_ (called once the lists are loaded).
  void build_index();

  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;  // while loading
  // The extractor looks up a few keys per word: an open-addressing table of (hash, position)
  // over flat arrays answers with one hash, one probe and one comparison, instead of
  // std::hash, a bucket modulo and a node chase. Positions, not pointers, so copies work.
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t position = 0;  // into keys_ and values_, plus one; 0 = empty
  };
  std::vector<std::string> keys_;
  std::vector<Entry> values_;
  std::vector<Slot> index_;
  std::size_t index_mask_ = 0;
  std::vector<std::string> names_;
  // Years of use by canonical name index; names without a years column are in use always.
  struct Years {
    int from = -1000000;
    int to = 1000000;
  };
  std::unordered_map<std::int32_t, Years> years_;
  // Entry::alternatives: each a list of (role, canonical index) in list order.
  std::vector<std::vector<std::pair<Role, std::int32_t>>> alternatives_;
  std::vector<Variant> person_variants_;
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> name_index_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> place_country_;
};

}  // namespace newsdex
