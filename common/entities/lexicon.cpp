#include "common/entities/lexicon.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "common/embedded_files.hpp"
#include "common/entities/lexicon_tsv.hpp"
#include "common/latin_letters.hpp"
#include "common/utf8.hpp"

namespace newsdex {
namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// All letters upper case and at least two of them: an acronym as written in the lists.
bool is_acronym(std::string_view text) {
  int upper = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const unsigned cp = decode_utf8(text, i, len, static_cast<unsigned char>(text[i]));
    i += len;
    const auto category = Xapian::Unicode::get_category(cp);
    if (category == Xapian::Unicode::UPPERCASE_LETTER ||
        category == Xapian::Unicode::TITLECASE_LETTER) {
      ++upper;
    } else if (category == Xapian::Unicode::LOWERCASE_LETTER) {
      return false;
    }
  }
  return upper >= 2;
}

}  // namespace

void Lexicon::fold(std::string_view text, std::string& out) {
  const std::size_t start = out.size();
  // Most text folded is one ASCII word without dots: only its capitals change. It is written
  // in one pass after one resize instead of a push_back per byte; other text starts over below.
  out.resize(start + text.size());
  char* to = out.data() + start;
  bool plain = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= ' ' || c >= 0x80 || c == '.') {
      plain = false;
      break;
    }
    *to++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch;
  }
  if (plain) return;
  out.resize(start);
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (c == '.') continue;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        pending_space = out.size() > start;
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
      continue;
    }
    std::size_t len = 1;
    unsigned cp = decode_utf8(text, i, len, static_cast<unsigned char>(text[i]));
    i += len;
    if (Xapian::Unicode::is_whitespace(cp)) {
      pending_space = out.size() > start;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
      out.push_back('\'');
      continue;
    }
    if (cp == 0x2010 || cp == 0x2011) {
      out.push_back('-');
      continue;
    }
    if (cp == 0x0130) {  // İ
      out.push_back('i');
      continue;
    }
    cp = Xapian::Unicode::tolower(cp);
    if (const std::string_view base = latin_base(cp); !base.empty()) {
      out.append(base);
      continue;
    }
    append_utf8(out, cp);
  }
}

std::string Lexicon::fold(std::string_view text) {
  std::string out;
  fold(text, out);
  return out;
}

std::string Lexicon::name_key(std::string_view text) {
  const std::string folded = fold(text);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (c == 'y') c = 'i';
    const bool letter = c >= 'a' && c <= 'z';
    if (letter && !out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

Lexicon::Entry& Lexicon::entry(const std::string& key) {
  auto [it, inserted] = entries_.try_emplace(key);
  if (inserted) {
    it->second.words = static_cast<std::uint8_t>(
        std::min<std::size_t>(255, 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '))));
    // Index the first word so lookups know how far to look ahead.
    const auto space = key.find(' ');
    const std::string first = key.substr(0, space);
    auto [fit, finserted] = entries_.try_emplace(first);
    (void)finserted;
    fit->second.max_words = std::max(fit->second.max_words, it->second.words);
    // try_emplace may have rehashed: look the entry up again.
    return entries_.find(key)->second;
  }
  return it->second;
}

std::int32_t Lexicon::intern(std::string_view display) {
  auto it = name_index_.find(display);
  if (it != name_index_.end()) return it->second;
  const auto index = static_cast<std::int32_t>(names_.size());
  names_.emplace_back(display);
  name_index_.emplace(std::string(display), index);
  return index;
}

void Lexicon::add_name(Role role, std::string_view variant, std::int32_t canonical) {
  const std::string key = fold(variant);
  if (key.empty()) return;
  Entry& e = entry(key);
  std::int32_t* slot = role == role_person ? &e.person
                       : role == role_organization ? &e.organization
                                                   : &e.place;
  const auto bit = static_cast<std::uint8_t>(1U << role);
  const bool caps = is_acronym(variant);
  if (role == role_person) person_variants_.push_back(Variant{std::string(variant), canonical});
  if (*slot < 0) {
    *slot = canonical;
    if (caps) e.caps_only |= bit;
    return;
  }
  if (!caps) e.caps_only &= static_cast<std::uint8_t>(~bit);
  if (*slot == canonical || role == role_place) return;
  if (e.alternatives == 0) {
    alternatives_.emplace_back();
    e.alternatives = static_cast<std::uint32_t>(alternatives_.size());
  }
  auto& listed = alternatives_[e.alternatives - 1];
  if (std::find_if(listed.begin(), listed.end(), [&](const auto& a) { return a.first == role; }) ==
      listed.end()) {
    listed.emplace_back(role, *slot);
  }
  if (std::find(listed.begin(), listed.end(), std::pair{role, canonical}) == listed.end()) {
    listed.emplace_back(role, canonical);
  }
}

void Lexicon::set_years(std::int32_t canonical, std::string_view years) {
  if (years.empty()) return;
  const auto dash = years.find('-');
  const auto year = [](std::string_view text, int open) {
    int value = 0;
    if (text.empty()) return open;
    for (const char c : text) {
      if (c < '0' || c > '9') throw std::runtime_error("bad years in lexicon: " + std::string(text));
      value = value * 10 + (c - '0');
    }
    return value;
  };
  Years& entry = years_[canonical];
  if (dash == std::string_view::npos) {
    entry.from = entry.to = year(years, 0);
  } else {
    entry.from = year(trim(years.substr(0, dash)), entry.from);
    entry.to = year(trim(years.substr(dash + 1)), entry.to);
  }
}

void Lexicon::add_flag(std::string_view phrase, std::uint16_t flag, bool check_caps) {
  const std::string key = fold(phrase);
  if (key.empty()) return;
  Entry& e = entry(key);
  if (check_caps) {
    const auto bit = static_cast<std::uint8_t>(1U << role_title);
    if ((e.flags & flag) == 0) {
      if (is_acronym(phrase)) e.caps_only |= bit;
    } else if (!is_acronym(phrase)) {
      e.caps_only &= static_cast<std::uint8_t>(~bit);
    }
  }
  e.flags |= flag;
}

void Lexicon::load_places(std::string_view text) {
  for (const auto& row : lexicon_tsv::read_places(text)) {
    const auto index = intern(row.name);
    add_name(role_place, row.name, index);
    if (!row.country.empty() && row.country != row.name) place_country_.emplace(row.name, row.country);
    for (const auto variant : row.variants) add_name(role_place, variant, index);
    for (const auto& demonym_form : row.demonyms) add_flag(demonym_form, demonym);
  }
}

std::string_view Lexicon::place_country(std::string_view canonical_place) const {
  const auto it = place_country_.find(canonical_place);
  return it == place_country_.end() ? std::string_view() : std::string_view(it->second);
}

void Lexicon::load_aliases(std::string_view text) {
  for (const auto& row : lexicon_tsv::read_aliases(text)) {
    const Role role = row.kind == "organization" ? role_organization
                      : row.kind == "place"      ? role_place
                                                 : role_person;
    const auto index = intern(row.name);
    add_name(role, row.name, index);
    for (const auto variant : row.variants) add_name(role, variant, index);
    set_years(index, row.years);
  }
}

void Lexicon::load_given_names(std::string_view text) {
  for (const auto& row : lexicon_tsv::read_given_names(text)) add_flag(row.word, given_name);
}

void Lexicon::load_titles(std::string_view text) {
  for (const auto& row : lexicon_tsv::read_titles(text)) {
    if (row.kind == "modifier") {
      add_flag(row.word, title_modifier);
    } else {
      add_flag(row.word, title, true);
    }
  }
}

void Lexicon::load_organizations(std::string_view text) {
  for (const auto& row : lexicon_tsv::read_organizations(text)) {
    if (row.kind == "head") {
      add_flag(row.name, org_head);
      continue;
    }
    const auto index = intern(row.name);
    add_name(role_organization, row.name, index);
    for (const auto variant : row.variants) add_name(role_organization, variant, index);
    set_years(index, row.years);
  }
}

void Lexicon::load_not_names(std::string_view text) {
  for (const auto& row : lexicon_tsv::read_not_names(text)) {
    add_flag(row.word, row.kind == "common" ? common_word : not_name);
  }
}

Lexicon::Lexicon(const LexiconTexts& texts) {
  // Aliases first: a person alias list is the most specific source of canonical names.
  load_aliases(texts.aliases);
  load_organizations(texts.organizations);
  load_places(texts.places);
  load_titles(texts.titles);
  load_given_names(texts.given_names);
  load_not_names(texts.not_names);
  build_index();
}

std::uint64_t Lexicon::key_hash(std::string_view key) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then a multiply-xorshift finish
  for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  h ^= h >> 32U;
  h *= 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29U);
}

void Lexicon::build_index() {
  keys_.reserve(entries_.size());
  values_.reserve(entries_.size());
  std::size_t capacity = 16;
  while (capacity < entries_.size() * 2) capacity *= 2;
  index_.assign(capacity, Slot{});
  index_mask_ = capacity - 1;
  for (auto& [key, value] : entries_) {
    const std::uint64_t h = key_hash(key);
    std::size_t slot = static_cast<std::size_t>(h) & index_mask_;
    while (index_[slot].position != 0) slot = (slot + 1) & index_mask_;
    keys_.push_back(key);
    values_.push_back(value);
    index_[slot] = Slot{h, static_cast<std::uint32_t>(keys_.size())};
  }
  entries_.clear();
}

const Lexicon& Lexicon::builtin() {
  // Never destroyed: freeing its tables at exit would cost a search as much as building them.
  static const Lexicon* const lexicon = [] {
    const auto file = [](std::string_view name) {
      const auto text = embedded_file(name);
      if (!text) throw std::runtime_error("lexicon file not embedded: " + std::string(name));
      return *text;
    };
    return new Lexicon(LexiconTexts{file("aliases.tsv"), file("places.tsv"), file("given_names.tsv"),
                                    file("titles.tsv"), file("organizations.tsv"),
                                    file("not_names.tsv")});
  }();
  return *lexicon;
}

const Lexicon::Entry* Lexicon::find(std::string_view key) const {
  const std::uint64_t h = key_hash(key);
  for (std::size_t slot = static_cast<std::size_t>(h) & index_mask_;; slot = (slot + 1) & index_mask_) {
    const Slot& s = index_[slot];
    if (s.position == 0) return nullptr;
    if (s.hash == h && keys_[s.position - 1] == key) return &values_[s.position - 1];
  }
}

bool Lexicon::has(std::string_view key, Flag flag) const {
  const Entry* e = find(key);
  return e != nullptr && (e->flags & flag) != 0;
}

std::int32_t Lexicon::canonical_at(const Entry& entry, EntityKind kind,
                                   std::optional<int> year) const {
  const std::int32_t first = kind == EntityKind::person         ? entry.person
                             : kind == EntityKind::organization ? entry.organization
                                                                : entry.place;
  if (first < 0 || entry.alternatives == 0 || !year) return first;
  const Role role = kind == EntityKind::person ? role_person : role_organization;
  std::int32_t best = first;
  long best_distance = -1;
  for (const auto& [listed_role, canonical] : alternatives_[entry.alternatives - 1]) {
    if (listed_role != role) continue;
    const auto it = years_.find(canonical);
    const Years years = it == years_.end() ? Years{} : it->second;
    const long distance = *year < years.from ? long{years.from} - *year
                          : *year > years.to ? long{*year} - years.to
                                             : 0;
    if (best_distance < 0 || distance < best_distance) {
      best = canonical;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<std::string_view> Lexicon::canonicals(EntityKind kind, std::string_view name) const {
  std::vector<std::string_view> found;
  const Entry* e = find(fold(name));
  if (e == nullptr) return found;
  const std::int32_t first = kind == EntityKind::person         ? e->person
                             : kind == EntityKind::organization ? e->organization
                                                                : e->place;
  if (first < 0) return found;
  found.emplace_back(names_[static_cast<std::size_t>(first)]);
  if (e->alternatives == 0 || kind == EntityKind::place) return found;
  const Role role = kind == EntityKind::person ? role_person : role_organization;
  for (const auto& [listed_role, canonical] : alternatives_[e->alternatives - 1]) {
    if (listed_role == role && canonical != first) {
      found.emplace_back(names_[static_cast<std::size_t>(canonical)]);
    }
  }
  return found;
}

std::optional<std::string_view> Lexicon::canonical(EntityKind kind, std::string_view name,
                                                   std::optional<int> year) const {
  const Entry* e = find(fold(name));
  if (e == nullptr) return std::nullopt;
  const std::int32_t index = canonical_at(*e, kind, year);
  if (index < 0) return std::nullopt;
  return std::string_view(names_[static_cast<std::size_t>(index)]);
}

}  // namespace newsdex
