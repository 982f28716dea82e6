#include "common/entities/entities.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/entities/entity_mentions.hpp"
#include "common/entities/entity_tokenizer.hpp"
#include "common/entities/ner/ner_tagger.hpp"

namespace newsdex {
namespace {

using entity_detail::AcronymLinks;
using entity_detail::candidate;
using entity_detail::Conn;
using entity_detail::cued;
using entity_detail::in;
using entity_detail::Mention;
using entity_detail::Mode;
using entity_detail::Strength;
using entity_detail::strong;
using entity_detail::Tok;
using entity_detail::Token;
using entity_detail::TokenStream;
using entity_detail::weak;
using Entry = Lexicon::Entry;

// ---------------------------------------------------------------------------------------------
// Small word lists that are grammar rather than facts.

// Reporting verbs: "Smith said", "said Smith".
constexpr std::string_view kSpeechVerbs[] = {
    "said",    "says",      "told",     "added",    "wrote",    "warned",  "stated",  "noted",
    "argued",  "insisted",  "explained", "replied", "tweeted",  "posted",  "announced",
    "declared", "confirmed", "denied",  "acknowledged", "urged", "tells", "adds"};
// Lower-case nouns that introduce an organization's name: "auditing firm Kestrel Analytics".
constexpr std::string_view kOrgCues[] = {
    "firm",      "company",     "group",        "maker",     "carmaker",  "automaker",
    "chipmaker", "drugmaker",   "startup",      "start-up",  "lender",    "insurer",
    "association", "federation", "depository",  "brokerage", "retailer",  "airline",
    "conglomerate", "manufacturer", "supplier", "utility",   "broadcaster", "consultancy"};

// ---------------------------------------------------------------------------------------------
// Segments of a capitalized sequence.

// The statistical tagger's label of a token: the type of the span it lies in.
enum class Ner : std::uint8_t { none, per, org, loc, misc };

Ner ner_type(std::string_view type) {
  if (type == "PER") return Ner::per;
  if (type == "ORG") return Ner::org;
  if (type == "LOC") return Ner::loc;
  return Ner::misc;
}

enum class Seg : std::uint8_t { run, person, org, place, title, demonym, not_name, joiner, gone };

struct Segment {
  std::size_t b = 0;
  std::size_t e = 0;
  Seg type = Seg::run;
  std::int32_t canon = -1;  // lexicon name index for person/org/place
  bool org_head = false;
  std::ptrdiff_t mention = -1;  // index of the mention emitted for it
};

class Article {
 public:
  Article(const Lexicon& lexicon, const ner::NerTagger* tagger, std::optional<int> year)
      : lex_(lexicon), tagger_(tagger), year_(year) {}

  Entities run(std::string_view title, std::string_view body) {
    stream_.reserve(title.size() + body.size());
    stream_.tokenize(title, true);
    stream_.tokenize(body, false);
    // The tagger sees the whole article: its document features (a word's other occurrences,
    // earlier predictions) are much of its accuracy. Tagging only the sentences with unknown
    // capitalized words saved little time on Reuters-21578 and lost half the persons.
    // Wrapped lines reach the tagger joined, as the rules read them; same length, same offsets.
    if (tagger_ != nullptr) {
      label_tokens(tagger_->find_entities(title, entity_detail::unwrap_lines(body)), title, body);
    }
    scan();
    Entities found = entity_detail::resolve_mentions(mentions_, acronyms_, stream_, lex_);
    entity_detail::tidy_entities(found, lex_, year_);
    return found;
  }

 private:
  std::string_view key(std::size_t i) const { return stream_.key(i); }

  // The person or organization a lexicon entry names in this article's year.
  std::int32_t person_of(const Entry& entry) const {
    return lex_.canonical_at(entry, EntityKind::person, year_);
  }
  std::int32_t organization_of(const Entry& entry) const {
    return lex_.canonical_at(entry, EntityKind::organization, year_);
  }

  // ------------------------------------------------------------------------- tagger spans
  // Gives each word token the span of the tagger it starts in. Tokens point into title or
  // body (entity_tokenizer keeps views of the input), so offsets come from the pointers.
  void label_tokens(const ner::ArticleEntities& spans, std::string_view title,
                    std::string_view body) {
    span_.assign(tokens_.size(), -1);
    ner_.assign(tokens_.size(), Ner::none);
    types_.clear();
    for (const auto& span : spans.title) types_.push_back(ner_type(span.type));
    for (const auto& span : spans.body) types_.push_back(ner_type(span.type));
    std::size_t next_title = 0;
    std::size_t next_body = 0;
    const auto inside = [](std::string_view text, const char* p) {
      return !text.empty() && p >= text.data() && p < text.data() + text.size();
    };
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      if (t.type != Tok::word || t.text.empty()) continue;
      const bool in_title = inside(title, t.text.data());
      if (!in_title && !inside(body, t.text.data())) continue;
      const auto& list = in_title ? spans.title : spans.body;
      std::size_t& next = in_title ? next_title : next_body;
      const auto offset =
          static_cast<std::size_t>(t.text.data() - (in_title ? title.data() : body.data()));
      while (next < list.size() && list[next].end <= offset) ++next;
      if (next < list.size() && list[next].begin <= offset) {
        const std::size_t id = (in_title ? 0 : spans.title.size()) + next;
        span_[i] = static_cast<std::int32_t>(id);
        ner_[i] = types_[id];
      }
    }
  }

  // Does the tagger put tokens a and b (both words) in different spans of different types?
  // Two PER spans side by side ("Exchequer Nigel" "Lawson") are one name cut wrongly.
  bool span_break(std::size_t a, std::size_t b) const {
    return !span_.empty() && span_[a] >= 0 && span_[b] >= 0 && span_[a] != span_[b] &&
           ner_[a] != ner_[b];
  }

  // The tagger's type for the run [b, e): the type of its words when at least half of them
  // carry it (the first such type), else none.
  Ner run_type(std::size_t b, std::size_t e) const {
    if (ner_.empty()) return Ner::none;
    std::size_t words = 0;
    std::size_t counts[5] = {0, 0, 0, 0, 0};
    Ner first = Ner::none;
    for (std::size_t i = b; i < e; ++i) {
      if (is_conn(i)) continue;
      ++words;
      ++counts[static_cast<std::size_t>(ner_[i])];
      if (first == Ner::none) first = ner_[i];
    }
    if (first == Ner::none) return Ner::none;
    return 2 * counts[static_cast<std::size_t>(first)] >= words ? first : Ner::none;
  }

  // ------------------------------------------------------------------------- lexicon matching
  bool is_conn(std::size_t i) const {
    const Token& t = tokens_[i];
    return t.conn != Conn::none && (!t.cap || t.mode == Mode::all_caps);
  }

  // Entry of the phrase tokens_[i, i+len), or nullptr.
  const Entry* phrase(std::size_t i, std::size_t len) {
    if (len == 1) return lex_.find(key(i));
    scratch_.clear();
    for (std::size_t k = i; k < i + len; ++k) {
      if (k > i) scratch_.push_back(' ');
      scratch_.append(key(k));
    }
    return lex_.find(scratch_);
  }

  bool all_caps(std::size_t i, std::size_t len) const {
    for (std::size_t k = i; k < i + len; ++k) {
      if (!tokens_[k].all_caps && !is_conn(k)) return false;
    }
    return true;
  }

  bool role_ok(const Entry& e, Lexicon::Role role, std::size_t i, std::size_t len) const {
    if ((e.caps_only & (1U << role)) == 0) return true;
    if (!all_caps(i, len)) return false;
    // In an all-caps headline "WHO" is as likely the pronoun as the organization.
    return !(tokens_[i].mode == Mode::all_caps && (e.flags & Lexicon::not_name) != 0);
  }

  std::size_t max_words(std::size_t i, std::size_t e) const {
    const Entry* first = lex_.find(key(i));
    const std::size_t m = first == nullptr ? 1 : std::max<std::size_t>(1, first->max_words);
    return std::min(m, e - i);
  }

  // Length of a title (with modifiers) starting at i, or 0.
  std::size_t title_length(std::size_t i, std::size_t e, int depth) {
    if (i >= e || is_conn(i)) return 0;
    std::size_t best = 0;
    const std::size_t m = max_words(i, e);
    for (std::size_t len = 1; len <= m; ++len) {
      if (is_conn(i + len - 1)) continue;
      const Entry* entry = phrase(i, len);
      if (entry == nullptr) continue;
      const std::uint16_t flags = entry->flags;
      if ((flags & Lexicon::title) != 0 && role_ok(*entry, Lexicon::role_title, i, len)) {
        best = std::max(best, len);
      }
      if ((flags & Lexicon::title_modifier) != 0 && depth < 4) {
        const std::size_t rest = title_length(i + len, e, depth + 1);
        if (rest > 0) best = std::max(best, len + rest);
      }
    }
    return best;
  }

  struct Match {
    std::size_t len = 0;
    Seg type = Seg::run;
    std::int32_t canon = -1;
  };

  // Longest lexicon match at i within [i, e).
  Match match(std::size_t i, std::size_t s, std::size_t e) {
    Match best;
    const std::size_t m = max_words(i, e);
    for (std::size_t len = m; len >= 1; --len) {
      if (is_conn(i + len - 1)) continue;
      const Entry* entry = phrase(i, len);
      if (entry == nullptr) continue;
      const bool place_ok = entry->place >= 0 && role_ok(*entry, Lexicon::role_place, i, len);
      if (entry->person >= 0 && role_ok(*entry, Lexicon::role_person, i, len)) {
        best = {len, Seg::person, person_of(*entry)};
      } else if (place_ok && entry->organization >= 0 && after_article(i)) {
        // "the Amazon" is the region, "Amazon said" the company.
        best = {len, Seg::place, entry->place};
      } else if (entry->organization >= 0 && role_ok(*entry, Lexicon::role_organization, i, len)) {
        best = {len, Seg::org, organization_of(*entry)};
      } else if (entry->place >= 0 && role_ok(*entry, Lexicon::role_place, i, len)) {
        best = {len, Seg::place, entry->place};
      } else if ((entry->flags & Lexicon::demonym) != 0) {
        best = {len, Seg::demonym, -1};
      } else if ((entry->flags & Lexicon::not_name) != 0 ||
                 ((entry->flags & Lexicon::common_word) != 0 &&
                  (i == s || tokens_[i].sentence_initial))) {
        best = {len, Seg::not_name, -1};
      } else {
        continue;
      }
      break;
    }
    const std::size_t t = title_length(i, e, 0);
    if (t > best.len || (t > 0 && t == best.len &&
                         (best.type == Seg::demonym || best.type == Seg::not_name))) {
      best = {t, Seg::title, -1};
    }
    return best;
  }

  bool flag(std::size_t i, Lexicon::Flag f) const { return lex_.has(key(i), f); }

  // Is token i preceded by the definite article ("the Amazon", "The Amazon")?
  bool after_article(std::size_t i) const {
    return i > 0 && tokens_[i - 1].type == Tok::word && key(i - 1) == "the" &&
           (!tokens_[i - 1].cap || tokens_[i - 1].sentence_initial);
  }

  // Is token i the start of some lexicon name (so "Charlotte Smith" is a person but
  // "Jordan Valley" is not read as one)?
  bool starts_known(std::size_t i) const {
    const Entry* entry = lex_.find(key(i));
    return entry != nullptr && (entry->person >= 0 || entry->organization >= 0 ||
                                entry->place >= 0 || entry->max_words > 1 ||
                                (entry->flags & (Lexicon::title | Lexicon::not_name |
                                                 Lexicon::demonym | Lexicon::org_head)) != 0);
  }

  // ------------------------------------------------------------------------- sequences
  void scan() {
    const std::size_t n = tokens_.size();
    std::size_t i = 0;
    while (i < n) {
      const Token& t = tokens_[i];
      if (t.type != Tok::word || !t.cap || is_conn(i) || t.credit) {
        ++i;
        continue;
      }
      std::size_t e = i + 1;
      bool stop = t.stop_after;
      while (!stop && e < n) {
        if (tokens_[e].type != Tok::word || tokens_[e].credit) break;
        if (tokens_[e].cap && !is_conn(e)) {
          stop = tokens_[e].stop_after;
          ++e;
          continue;
        }
        // Connectors are taken only when a capitalized word follows.
        std::size_t k = e;
        while (k < n && k < e + 3 && tokens_[k].type == Tok::word && is_conn(k)) ++k;
        if (k > e && k < n && tokens_[k].type == Tok::word && tokens_[k].cap && !is_conn(k)) {
          e = k;
          continue;
        }
        break;
      }
      sequence(i, e);
      i = e;
    }
  }

  void close_run(std::ptrdiff_t& run, std::size_t end) {
    if (run < 0) return;
    auto b = static_cast<std::size_t>(run);
    run = -1;
    while (end > b && is_conn(end - 1)) --end;
    if (end > b) segs_.push_back({b, end, Seg::run, -1, false, -1});
  }

  void sequence(std::size_t s, std::size_t e) {
    segs_.clear();
    std::ptrdiff_t run = -1;
    std::size_t i = s;
    while (i < e) {
      if (is_conn(i)) {
        if (tokens_[i].conn == Conn::particle && run >= 0) {
          ++i;
          continue;
        }
        close_run(run, i);
        segs_.push_back({i, i + 1, Seg::joiner, -1, false, -1});
        ++i;
        continue;
      }
      Match m = match(i, s, e);
      if (m.len == 1 && (m.type == Seg::person || m.type == Seg::org || m.type == Seg::place)) {
        // "Eric Trump", "George Washington": a one-word name after a first name is a surname.
        if (run >= 0 && flag(static_cast<std::size_t>(run), Lexicon::given_name)) m.len = 0;
        // "Charlotte Smith": a given name that is also a place starts a person.
        if (m.len == 1 && m.type != Seg::person && flag(i, Lexicon::given_name) && i + 1 < e &&
            !is_conn(i + 1) && !starts_known(i + 1)) {
          m.len = 0;
        }
      }
      if (m.len > 0) {
        close_run(run, i);
        segs_.push_back({i, i + m.len, m.type, m.canon, false, -1});
        i += m.len;
        continue;
      }
      // The tagger saw two names here ("Reuters Smith"): two runs.
      if (run >= 0 && i > 0 && static_cast<std::size_t>(run) < i && span_break(i - 1, i)) {
        close_run(run, i);
      }
      if (run < 0) run = static_cast<std::ptrdiff_t>(i);
      ++i;
    }
    close_run(run, e);
    attach_legal_suffixes();
    merge_organizations();
    for (std::size_t k = 0; k < segs_.size(); ++k) emit(k, s, e);
    acronym(s, e);
  }

  bool legal_suffix_run(const Segment& seg) const {
    if (seg.type != Seg::run) return false;
    for (std::size_t i = seg.b; i < seg.e; ++i) {
      if (!is_conn(i) && !entity_detail::is_legal_suffix(key(i))) return false;
    }
    return true;
  }

  // "Chrysler Corp", "Morgan Stanley and Co Inc", "Procter & Gamble": a legal suffix belongs to
  // the name before it, and two names joined by '&' are one firm. A suffix never stands alone.
  void attach_legal_suffixes() {
    for (std::size_t k = 1; k < segs_.size(); ++k) {
      Segment& seg = segs_[k];
      std::size_t prev = k - 1;
      const bool ampersand = seg.type != Seg::joiner && segs_[prev].type == Seg::joiner &&
                             key(segs_[prev].b) == "&" && prev > 0;
      const bool suffix = legal_suffix_run(seg);
      if (!suffix && !ampersand) continue;
      if (segs_[prev].type == Seg::joiner) {
        const std::string_view word = key(segs_[prev].b);
        if (prev == 0 || (word != "&" && word != "and")) continue;
        --prev;
      }
      Segment& name = segs_[prev];
      if (name.type == Seg::gone || name.type == Seg::joiner || name.type == Seg::title ||
          name.type == Seg::not_name || name.type == Seg::demonym) {
        continue;
      }
      if (!suffix && seg.type != Seg::run && seg.type != Seg::org && seg.type != Seg::person &&
          seg.type != Seg::place) {
        continue;
      }
      if (!(name.type == Seg::org && suffix)) {
        name.type = Seg::run;
        name.canon = -1;
        name.org_head = true;
      }
      name.e = seg.e;
      for (std::size_t g = prev + 1; g <= k; ++g) segs_[g].type = Seg::gone;
    }
  }

  // "Ministry of Defence", "Bank of England", "Russian Foreign Ministry".
  void merge_organizations() {
    for (std::size_t k = 0; k < segs_.size(); ++k) {
      Segment& seg = segs_[k];
      if (seg.type != Seg::run || tokens_[seg.b].mode != Mode::normal) continue;
      if (!flag(seg.e - 1, Lexicon::org_head) || tokens_[seg.e - 1].all_caps) continue;
      std::size_t next = k + 1;
      while (true) {
        std::size_t j = next;
        bool joinable = true;
        bool locative = false;  // "in", "at": "Observatory in Tromsø" is where it is, not its name
        while (j < segs_.size() && segs_[j].type == Seg::joiner) {
          const std::string_view word = key(segs_[j].b);
          joinable = joinable && (word == "of" || word == "for" || word == "on" || word == "to" ||
                                  word == "in" || (word == "the" && j > next));
          locative = locative || word == "in";
          ++j;
        }
        if (!joinable || j == next || j >= segs_.size()) break;
        const Seg type = segs_[j].type;
        if (locative && type == Seg::place) break;
        if (type != Seg::run && type != Seg::place && type != Seg::org) break;
        seg.e = segs_[j].e;
        for (std::size_t g = next; g <= j; ++g) segs_[g].type = Seg::gone;
        next = j + 1;
      }
      if (k > 0 && segs_[k - 1].e == seg.b &&
          (segs_[k - 1].type == Seg::place || segs_[k - 1].type == Seg::demonym)) {
        seg.b = segs_[k - 1].b;
        segs_[k - 1].type = Seg::gone;
      }
      std::size_t words = 0;
      for (std::size_t i = seg.b; i < seg.e; ++i) words += is_conn(i) ? 0 : 1;
      seg.org_head = words >= 2;
    }
  }

  std::string display(std::size_t b, std::size_t e) const {
    std::string out;
    for (std::size_t i = b; i < e; ++i) {
      if (i > b) out.push_back(' ');
      out.append(tokens_[i].text);
    }
    return out;
  }

  // A name the tagger found in capitals ("SALVADOR", "JAMES BAKER") as it is usually written:
  // words of more than three letters in capitals become "Salvador"; shorter ones may be
  // acronyms and stay.
  std::string display_cased(std::size_t b, std::size_t e) const {
    std::string out = display(b, e);
    bool word_start = true;
    std::size_t word_begin = 0;
    const auto fix = [&](std::size_t end) {
      std::size_t letters = 0;
      bool caps = true;
      for (std::size_t k = word_begin; k < end; ++k) {
        const char c = out[k];
        if (c >= 'a' && c <= 'z') caps = false;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
      }
      if (!caps || letters <= 3) return;
      for (std::size_t k = word_begin + 1; k < end; ++k) {
        const char c = out[k];
        const char prev = out[k - 1];
        const bool after_letter = (prev >= 'A' && prev <= 'Z') || (prev >= 'a' && prev <= 'z');
        if (c >= 'A' && c <= 'Z' && after_letter) out[k] = static_cast<char>(c - 'A' + 'a');
      }
    };
    for (std::size_t k = 0; k <= out.size(); ++k) {
      if (k == out.size() || out[k] == ' ') {
        if (!word_start) fix(k);
        word_start = true;
      } else if (word_start) {
        word_start = false;
        word_begin = k;
      }
    }
    return out;
  }

  bool speech_verb(std::size_t i) const {
    return i < tokens_.size() && tokens_[i].type == Tok::word && !tokens_[i].cap &&
           in(kSpeechVerbs, key(i));
  }

  // Lower-case title words right before the sequence: "spokesman Dmitry Peskov".
  bool title_before(std::size_t s) {
    for (std::size_t len = 1; len <= 3 && len <= s; ++len) {
      const std::size_t b = s - len;
      const Token& t = tokens_[b];
      if (t.type != Tok::word || (t.cap && t.mode == Mode::normal) || t.stop_after) return false;
      const Entry* entry = phrase(b, len);
      if (entry != nullptr && (entry->flags & Lexicon::title) != 0 &&
          (entry->caps_only & (1U << Lexicon::role_title)) == 0) {
        return true;
      }
    }
    return false;
  }

  std::size_t add(EntityKind kind, Strength strength, std::string name, std::size_t b,
                  std::size_t e, bool from_lexicon) {
    Mention m;
    m.kind = kind;
    m.strength = strength;
    m.display = std::move(name);
    m.key = Lexicon::fold(m.display);
    const auto sp1 = m.key.find(' ');
    const auto sp2 = m.key.rfind(' ');
    m.first_key = m.key.substr(0, sp1);
    m.last_key = sp2 == std::string::npos ? m.key : m.key.substr(sp2 + 1);
    m.words = static_cast<std::size_t>(std::count(m.key.begin(), m.key.end(), ' ')) + 1;
    m.pos = b;
    m.sentence_initial = tokens_[b].sentence_initial;
    m.from_lexicon = from_lexicon;
    m.single_token = e == b + 1;
    for (std::size_t i = b; i < e; ++i) {
      if (i > b) m.surface_key.push_back(' ');
      m.surface_key.append(key(i));
    }
    m.titled = title_segment_before_ || title_before(b);
    mentions_.push_back(std::move(m));
    return mentions_.size() - 1;
  }

  void emit(std::size_t k, std::size_t s, std::size_t e) {
    Segment& seg = segs_[k];
    title_segment_before_ = k > 0 && segs_[k - 1].type == Seg::title && segs_[k - 1].e == seg.b;
    switch (seg.type) {
      case Seg::person:
        seg.mention = static_cast<std::ptrdiff_t>(
            add(EntityKind::person, strong, std::string(lex_.name(seg.canon)), seg.b, seg.e, true));
        return;
      case Seg::org:
        seg.mention = static_cast<std::ptrdiff_t>(add(EntityKind::organization, strong,
                                                       std::string(lex_.name(seg.canon)), seg.b,
                                                       seg.e, true));
        return;
      case Seg::place:
        seg.mention = static_cast<std::ptrdiff_t>(
            add(EntityKind::place, strong, std::string(lex_.name(seg.canon)), seg.b, seg.e, true));
        return;
      case Seg::run:
        break;
      default:
        return;
    }
    const Mode mode = tokens_[seg.b].mode;
    std::size_t words = 0;
    for (std::size_t i = seg.b; i < seg.e; ++i) words += is_conn(i) ? 0 : 1;
    const bool after_title = title_segment_before_;
    const bool first = seg.b == s || (k > 0 && std::all_of(segs_.begin(), segs_.begin() +
                                                            static_cast<std::ptrdiff_t>(k),
                                                            [](const Segment& g) {
                                                              return g.type == Seg::gone;
                                                            }));
    // "auditing firm Kestrel Analytics", "industry group Eurofer": a company noun before an
    // unknown name says what it is, as a title does for a person.
    if (seg.org_head || (mode == Mode::normal && first && !after_title && org_cue_before(s))) {
      seg.mention = static_cast<std::ptrdiff_t>(
          add(EntityKind::organization, cued, display(seg.b, seg.e), seg.b, seg.e, false));
      return;
    }
    // "Russia-Ukraine": known parts of an unknown hyphenated word.
    if (seg.e == seg.b + 1 && tokens_[seg.b].text.find('-') != std::string_view::npos &&
        hyphen_parts(seg.b)) {
      return;
    }
    const bool last = seg.e == e;
    const bool given = flag(seg.b, Lexicon::given_name);
    Strength strength = candidate;
    // "LNG", "GDP", "CEO": a short all-capital word is an acronym, never a person's name. It
    // may still stand for an organization spelled out elsewhere ("Committee ... (CPJ)").
    const bool acronym_word = words == 1 && tokens_[seg.b].all_caps &&
                              tokens_[seg.b].letters >= 2 && tokens_[seg.b].letters <= 5;
    bool attributed = false;
    if (acronym_word && mode == Mode::normal) {
      // candidate, resolved below
    } else if (mode == Mode::normal) {
      const bool single_word = words == 1;
      const Entry* last_entry = lex_.find(key(seg.e - 1));
      const bool known_surname = !single_word && last_entry != nullptr && last_entry->person >= 0;
      if (after_title || (first && title_before(s))) {
        strength = cued;
      } else if ((words >= 2 && given) || known_surname || (last && apposition_after(e))) {
        strength = cued;
      } else if (words <= 3 && ((first && seg.b > 0 && speech_verb(seg.b - 1)) ||
                                (last && speech_verb(e)))) {
        // One word is a person on its own only in quote attribution: '"...," Smith said' or
        // '..., said Smith.' At a sentence start ("Organisers said", "Eurofer said") or inside a
        // clause ("said Veltrix had") it needs support from the rest of the article.
        attributed = first && last &&
                     ((seg.b > 0 && speech_verb(seg.b - 1) && ends_clause(e)) ||
                      (speech_verb(e) && !tokens_[seg.b].sentence_initial && seg.b > 0 &&
                       tokens_[seg.b - 1].type == Tok::brk));
        bool common = false;
        for (std::size_t i = seg.b; i < seg.e; ++i) {
          common = common || lex_.has(key(i), static_cast<Lexicon::Flag>(
                                                  Lexicon::org_head | Lexicon::title |
                                                  Lexicon::title_modifier | Lexicon::common_word));
        }
        if (!common && words <= 2) strength = weak;
      }
    } else if (mode == Mode::title_case) {
      if ((after_title && words <= 3) || (words == 2 && given)) strength = cued;
    }
    // The tagger's type decides an unknown run the rules have no cue for, and confirms or
    // overrides a run that only stands next to "said": one word there stays the rules' call
    // ("Smith said" is a person, "Tarvex said" nothing), since the tagger often reads a lone
    // unknown word as an organization. Acronyms stay with the rules (resolved through an
    // expansion or the lexicon), and so do all-caps and Title Case headlines, where the
    // tagger is least reliable; a capitalized common word is never a name on its own.
    // "Us and them ... let us go": a sentence-initial word the article also writes in lower
    // case is an ordinary word, whatever the tagger says.
    const bool ordinary = words == 1 && tokens_[seg.b].sentence_initial && seen_lowercase(seg.b);
    const Ner tagged = mode == Mode::normal && !acronym_word && !common_run(seg.b, seg.e) &&
                               !ordinary &&
                               (strength == candidate || (strength == weak && words >= 2))
                           ? run_type(seg.b, seg.e)
                           : Ner::none;
    if (tagged == Ner::per) strength = cued;
    // "SAN MATEO, Calif., March 3 -", "BEVERLY HILLS": words in capitals within running text
    // are a dateline, a table row or a shouted phrase, never a person's name; the tagger may
    // still read them as a place or an organization.
    bool caps_words = mode == Mode::normal && !acronym_word;
    for (std::size_t i = seg.b; i < seg.e && caps_words; ++i) {
      caps_words = is_conn(i) || (tokens_[i].all_caps && tokens_[i].letters >= 2);
    }
    if (caps_words && tagged != Ner::org && tagged != Ner::loc) return;
    seg.mention = static_cast<std::ptrdiff_t>(add(
        EntityKind::person, strength,
        tagged != Ner::none ? display_cased(seg.b, seg.e) : display(seg.b, seg.e), seg.b, seg.e,
        false));
    Mention& m = mentions_.back();
    m.attributed = attributed || (words == 1 && given) || tagged == Ner::per;
    m.never_person = acronym_word;
    m.tagged = tagged == Ner::per || tagged == Ner::org || tagged == Ner::loc;
    if (tagged == Ner::org) m.tagged_kind = 1 + static_cast<std::uint8_t>(EntityKind::organization);
    if (tagged == Ner::loc) m.tagged_kind = 1 + static_cast<std::uint8_t>(EntityKind::place);
  }

  // Does the word of token i occur in lower case anywhere in the article?
  bool seen_lowercase(std::size_t i) const { return stream_.seen_lowercase(key(i)); }

  // Is the run one capitalized common word ("Organisers", "Analysts")? The tagger's guess
  // does not override what the lists say such a word is.
  bool common_run(std::size_t b, std::size_t e) const {
    return e == b + 1 && lex_.has(key(b), static_cast<Lexicon::Flag>(Lexicon::common_word |
                                                                     Lexicon::not_name |
                                                                     Lexicon::title));
  }

  // Does the clause end at token i (sentence end, punctuation, bracket or end of text)?
  bool ends_clause(std::size_t i) const {
    return i >= tokens_.size() || tokens_[i].type != Tok::word;
  }

  // ", president of ...", ", a trade lawyer": a comma and a lower-case title after a name.
  bool apposition_after(std::size_t e) {
    if (e + 1 >= tokens_.size() || tokens_[e].type != Tok::brk || tokens_[e].text != ",") {
      return false;
    }
    std::size_t i = e + 1;
    if (tokens_[i].type == Tok::word && !tokens_[i].cap &&
        (key(i) == "a" || key(i) == "an" || key(i) == "the")) {
      ++i;
    }
    for (std::size_t len = 3; len >= 1; --len) {
      if (i + len > tokens_.size()) continue;
      bool words_ok = true;
      for (std::size_t k = i; k < i + len; ++k) {
        words_ok = words_ok && tokens_[k].type == Tok::word && !tokens_[k].cap;
      }
      if (!words_ok) continue;
      const Entry* entry = phrase(i, len);
      if (entry != nullptr && (entry->flags & Lexicon::title) != 0 &&
          (entry->caps_only & (1U << Lexicon::role_title)) == 0) {
        return true;
      }
    }
    return false;
  }

  // A lower-case company noun right before the sequence: "auditing firm", "industry group".
  bool org_cue_before(std::size_t s) const {
    if (s == 0) return false;
    const Token& t = tokens_[s - 1];
    return t.type == Tok::word && !t.cap && in(kOrgCues, key(s - 1));
  }

  bool hyphen_parts(std::size_t i) {
    const std::string_view k = key(i);
    bool any = false;
    std::size_t pos = 0;
    while (pos <= k.size()) {
      auto end = k.find('-', pos);
      if (end == std::string_view::npos) end = k.size();
      const Entry* entry = lex_.find(k.substr(pos, end - pos));
      if (entry != nullptr && (entry->caps_only & 7U) == 0) {
        if (entry->person >= 0) {
          add(EntityKind::person, strong, std::string(lex_.name(person_of(*entry))), i, i + 1, true);
          any = true;
        } else if (entry->organization >= 0) {
          add(EntityKind::organization, strong, std::string(lex_.name(organization_of(*entry))), i,
              i + 1, true);
          any = true;
        } else if (entry->place >= 0) {
          add(EntityKind::place, strong, std::string(lex_.name(entry->place)), i, i + 1, true);
          any = true;
        }
      }
      pos = end + 1;
    }
    return any;
  }

  // "North Atlantic Treaty Organization (NATO)", "Committee to Protect Journalists (CPJ)".
  void acronym(std::size_t s, std::size_t e) {
    if (e + 2 >= tokens_.size()) return;
    const Token& open = tokens_[e];
    const Token& acr = tokens_[e + 1];
    if (open.type != Tok::open || acr.type != Tok::word || !acr.all_caps || acr.letters < 2 ||
        acr.letters > 10 || tokens_[e + 2].type != Tok::close) {
      return;
    }
    // The last segment of the sequence is the expansion.
    std::size_t k = segs_.size();
    while (k > 0 && (segs_[k - 1].type == Seg::gone || segs_[k - 1].type == Seg::joiner)) --k;
    if (k == 0) return;
    const Segment& seg = segs_[k - 1];
    if (seg.e != e || seg.b < s || seg.mention < 0) return;
    if (seg.type != Seg::run && seg.type != Seg::org && seg.type != Seg::place) return;
    Mention& expansion = mentions_[static_cast<std::size_t>(seg.mention)];
    if (!initials_match(seg.b, seg.e, key(e + 1))) {
      // "Zaporizhzhia Nuclear Power Plant (ZNPP)": the expansion starts in an earlier segment.
      if (seg.type != Seg::run || (expansion.strength >= cued && !expansion.tagged)) return;
      std::size_t start = seg.b;
      for (std::size_t j = k - 1; j > 0 && k - j <= 4; --j) {
        const Segment& prev = segs_[j - 1];
        if (prev.type == Seg::title || prev.type == Seg::person || prev.type == Seg::not_name) {
          break;
        }
        if (prev.type == Seg::gone) continue;
        if (initials_match(prev.b, e, key(e + 1))) {
          start = prev.b;
          break;
        }
      }
      if (start == seg.b) return;
      expansion.display = display(start, e);
      expansion.key = Lexicon::fold(expansion.display);
    }
    const Entry* known = lex_.find(key(e + 1));
    if (expansion.strength < cued || expansion.tagged) {
      expansion.tagged_kind = 0;
      if (known != nullptr && known->organization >= 0) {
        expansion.kind = EntityKind::organization;
        expansion.display = std::string(lex_.name(organization_of(*known)));
        expansion.key = Lexicon::fold(expansion.display);
        expansion.strength = strong;
      } else if (known != nullptr && known->place >= 0) {
        expansion.kind = EntityKind::place;
        expansion.display = std::string(lex_.name(known->place));
        expansion.key = Lexicon::fold(expansion.display);
        expansion.strength = strong;
      } else {
        expansion.kind = EntityKind::organization;
        expansion.strength = cued;
      }
    }
    acronyms_.emplace_back(std::string(key(e + 1)), static_cast<std::size_t>(seg.mention));
  }

  bool initials_match(std::size_t b, std::size_t e, std::string_view acr) const {
    std::string initials;
    for (std::size_t i = b; i < e; ++i) {
      const std::string_view k = key(i);
      bool start = true;
      for (char c : k) {
        if (start && c != '-') initials.push_back(c);
        start = c == '-';
      }
    }
    std::string letters;
    for (char c : acr) {
      if (c != '-' && c != '&') letters.push_back(c);
    }
    if (letters.empty() || initials.empty() || letters[0] != initials[0]) return false;
    std::size_t p = 0;
    for (char c : letters) {
      while (p < initials.size() && initials[p] != c) ++p;
      if (p == initials.size()) return false;
      ++p;
    }
    return true;
  }

  const Lexicon& lex_;
  const ner::NerTagger* tagger_;
  std::optional<int> year_;
  std::vector<std::int32_t> span_;  // per token: index of the tagger span it is in, or -1
  std::vector<Ner> ner_;            // per token: that span's type
  std::vector<Ner> types_;          // per span: its type
  TokenStream stream_;
  const std::vector<Token>& tokens_ = stream_.tokens();
  std::string scratch_;
  std::vector<Segment> segs_;
  std::vector<Mention> mentions_;
  AcronymLinks acronyms_;
  bool title_segment_before_ = false;  // while emitting: the segment follows a title
};

}  // namespace

EntityExtractor::EntityExtractor(const Lexicon& lexicon, const ner::NerTagger* tagger)
    : lexicon_(&lexicon), tagger_(tagger) {}

Entities EntityExtractor::extract(std::string_view title, std::string_view body,
                                  std::optional<int> year) const {
  Article article(*lexicon_, tagger_, year);
  return article.run(title, body);
}

const EntityExtractor& builtin_entity_extractor() {
  static const EntityExtractor extractor(Lexicon::builtin(), &ner::NerTagger::builtin());
  return extractor;
}

}  // namespace newsdex
