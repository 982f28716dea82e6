// Final rules over an article's entities: wire abbreviations, bare legal forms and generic words,
// lone given names, and companies written with their legal form.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/entities/entity_mentions.hpp"

namespace newsdex::entity_detail {
namespace {

// Legal forms that close a company name, as normalized keys.
constexpr std::string_view kLegalSuffixes[] = {
    "inc", "incorporated", "corp", "corporation", "co", "cos", "company", "ltd", "limited",
    "llc", "llp", "lp", "plc", "ag", "sa", "nv", "bv", "gmbh", "spa", "kk", "pty", "bhd"};

// Wire-service abbreviations of results tables and price reports: capitalized at a line start
// or in a headline, never a name.
constexpr std::string_view kWireAbbreviations[] = {
    "shr",  "shrs", "dlr",  "dlrs", "mth",  "mths", "qtr", "qtrs", "cts",  "vs",
    "pct",  "mln",  "mlns", "bln",  "blns", "avg",  "revs", "oper", "yr",  "yrs",
    "wk",   "wks",  "pts",  "bpd",  "stg"};

// Words that are generic in a company's name: alone (or with legal forms) they name no one.
constexpr std::string_view kGenericOrgWords[] = {
    "bank",     "banks",    "exchange", "securities", "service", "services", "group", "holdings",
    "news",     "house",    "industry", "industries", "union",   "office",   "commission",
    "association", "radio", "administration", "development", "commodity", "telephone", "sport",
    "electric", "financial", "capital", "international", "national", "trust", "savings",
    "federal",  "american", "general", "united", "standard", "investors", "partners", "and",
    "&",        "of",       "the",     "department", "ministry", "agency", "board", "council",
    "committee", "party",   "government", "court", "loan", "credit", "insurance"};

template <std::size_t N>
bool listed(const std::string_view (&list)[N], std::string_view key) {
  return std::find(std::begin(list), std::end(list), key) != std::end(list);
}

std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : Lexicon::fold(name) + " ") {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else if (c != ',') {
      word.push_back(c);
    }
  }
  return words;
}

bool any_wire_abbreviation(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [](const std::string& w) { return listed(kWireAbbreviations, w); });
}

// Only legal forms and generic words (or words the lists say are never a name).
bool generic_only(const std::vector<std::string>& words, const Lexicon& lexicon) {
  return std::all_of(words.begin(), words.end(), [&](const std::string& w) {
    return is_legal_suffix(w) || listed(kGenericOrgWords, w) ||
           lexicon.has(w, Lexicon::not_name);
  });
}

// "Chrysler Corp" → "Chrysler" when the lists know the name without its legal forms; any
// other name stays whole. "Goldman, Sachs and Co" is also looked up without its comma.
std::string company_name(const std::string& name, const Lexicon& lexicon, std::optional<int> year) {
  const auto known = [&](const std::string& text) {
    auto found = lexicon.canonical(EntityKind::organization, text, year);
    if (!found && text.find(',') != std::string::npos) {
      std::string plain = text;
      std::erase(plain, ',');
      found = lexicon.canonical(EntityKind::organization, plain, year);
    }
    return found;
  };
  if (const auto found = known(name)) return std::string(*found);
  std::string rest = name;
  while (true) {
    const auto space = rest.find_last_of(' ');
    if (space == std::string::npos) break;
    const std::string last = Lexicon::fold(rest.substr(space + 1));
    if (!is_legal_suffix(last) && last != "and" && last != "&") break;
    rest.erase(space);
    while (!rest.empty() && (rest.back() == ',' || rest.back() == ' ')) rest.pop_back();
    if (const auto found = known(rest)) return std::string(*found);
  }
  return name;
}

void keep_unique(std::vector<std::string>& names) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (auto& n : names) {
    if (seen.insert(n).second) out.push_back(std::move(n));
  }
  names = std::move(out);
}

}  // namespace

bool is_legal_suffix(std::string_view key) { return listed(kLegalSuffixes, key); }

void tidy_entities(Entities& entities, const Lexicon& lexicon, std::optional<int> year) {
  std::vector<std::string> organizations;
  std::vector<std::string> persons;
  for (auto& org : entities.organizations) {
    const auto words = words_of(org);
    if (words.empty() || any_wire_abbreviation(words)) continue;
    if (!lexicon.canonical(EntityKind::organization, org) && generic_only(words, lexicon)) continue;
    organizations.push_back(company_name(org, lexicon, year));
  }
  for (auto& person : entities.persons) {
    const auto words = words_of(person);
    if (words.empty() || any_wire_abbreviation(words)) continue;
    if (std::any_of(words.begin(), words.end(), [](const std::string& w) {
          return is_legal_suffix(w);
        })) {
      if (!generic_only(words, lexicon)) organizations.push_back(company_name(person, lexicon, year));
      continue;
    }
    // "Electric", "Federal Savings": a generic word of company names is not a person's.
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) {
                      return listed(kGenericOrgWords, w) && w != "and" && w != "&" &&
                             w != "of" && w != "the";
                    })) {
      continue;
    }
    if (words.size() == 1 &&
        lexicon.has(words[0], static_cast<Lexicon::Flag>(Lexicon::given_name | Lexicon::org_head |
                                                         Lexicon::common_word |
                                                         Lexicon::not_name | Lexicon::title))) {
      continue;
    }
    persons.push_back(std::move(person));
  }
  // "Chrysler" said, after "Chrysler Corp": the person is the company's short name.
  std::erase_if(persons, [&](const std::string& person) {
    const std::string key = Lexicon::fold(person) + " ";
    return std::any_of(entities.organizations.begin(), entities.organizations.end(),
                       [&](const std::string& org) {
                         return (Lexicon::fold(org) + " ").starts_with(key);
                       });
  });
  std::erase_if(entities.places, [&](const std::string& place) {
    return any_wire_abbreviation(words_of(place));
  });
  keep_unique(organizations);
  entities.organizations = std::move(organizations);
  entities.persons = std::move(persons);
}

}  // namespace newsdex::entity_detail
