// Mentions from the segments of a sequence: how strong the evidence for each is.
#include "common/entities/entity_mention_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace newsdex::entity_detail {
namespace {

using Entry = Lexicon::Entry;

// Small word lists that are grammar rather than facts.

// Reporting verbs: "Smith said", "said Smith".
constexpr std::string_view kSpeechVerbs[] = {
    "said",         "says",   "told",      "added",    "wrote",     "warned",
    "stated",       "noted",  "argued",    "insisted", "explained", "replied",
    "tweeted",      "posted", "announced", "declared", "confirmed", "denied",
    "acknowledged", "urged",  "tells",     "adds"};
// Lower-case nouns that introduce an organization's name: "auditing firm Kestrel Analytics".
constexpr std::string_view kOrgCues[] = {
    "firm",         "company",      "group",      "maker",     "carmaker",    "automaker",
    "chipmaker",    "drugmaker",    "startup",    "start-up",  "lender",      "insurer",
    "association",  "federation",   "depository", "brokerage", "retailer",    "airline",
    "conglomerate", "manufacturer", "supplier",   "utility",   "broadcaster", "consultancy"};

// Lower-case nouns that introduce the title of a work: "the film Finding Nemo", "the Nintendo
// game Halo 2". Words that are also verbs ("play", "hit", "show") would take "to play England"
// or "hit New Zealand" for titles, so they are left out.
constexpr std::string_view kWorkCues[] = {
    "film",    "films",  "movie",     "movies",      "album",       "albums",    "single",
    "song",    "songs",  "track",     "novel",       "novels",      "book",      "books",
    "musical", "opera",  "sitcom",    "documentary", "game",        "games",     "comedy",
    "drama",   "series", "thriller",  "biopic",      "blockbuster", "animation", "cartoon",
    "sequel",  "soap",   "programme", "memoir",      "ballad",      "anthem",    "franchise"};

// Quotation marks, straight and typographic, as the tokenizer keeps them.
constexpr std::string_view kQuotes[] = {"\"",     "'",      "`",      "\u201c", "\u201d",
                                        "\u2018", "\u2019", "\u00ab", "\u00bb"};

}  // namespace

std::string MentionBuilder::display(std::size_t b, std::size_t e) const {
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
std::string MentionBuilder::display_cased(std::size_t b, std::size_t e) const {
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

bool MentionBuilder::speech_verb(std::size_t i) const {
  return i < tokens_.size() && tokens_[i].type == Tok::word && !tokens_[i].cap &&
         in(kSpeechVerbs, key(i));
}

std::size_t MentionBuilder::add(EntityKind kind, Strength strength, std::string name, std::size_t b,
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
  m.titled = title_segment_before_ || matcher_.title_before(b);
  mentions_.push_back(std::move(m));
  return mentions_.size() - 1;
}

void MentionBuilder::emit(std::vector<Segment>& segs, std::size_t k, std::size_t s, std::size_t e) {
  Segment& seg = segs[k];
  title_segment_before_ = k > 0 && segs[k - 1].type == Seg::title && segs[k - 1].e == seg.b;
  switch (seg.type) {
    case Seg::person:
      seg.mention = static_cast<std::ptrdiff_t>(
          add(EntityKind::person, strong, std::string(lex_.name(seg.canon)), seg.b, seg.e, true));
      return;
    case Seg::org:
      seg.mention = static_cast<std::ptrdiff_t>(add(
          EntityKind::organization, strong, std::string(lex_.name(seg.canon)), seg.b, seg.e, true));
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
  const bool first =
      seg.b == s ||
      (k > 0 && std::all_of(segs.begin(), segs.begin() + static_cast<std::ptrdiff_t>(k),
                            [](const Segment& g) { return g.type == Seg::gone; }));
  // "the film Finding Nemo", "computer game Doom 3", "'Mamma Mia'": the title of a work names
  // no person or organization, here or wherever the article repeats it.
  if (mode == Mode::normal && first &&
      (work_cue_before(s) || (seg.e == e && quoted(s, e) && !after_title))) {
    works_.push_back(Lexicon::fold(display(seg.b, seg.e)));
    return;
  }
  // "auditing firm Kestrel Analytics", "industry group Eurofer": a company noun before an
  // unknown name says what it is, as a title does for a person.
  if (seg.org_head || (mode == Mode::normal && first && !after_title && org_cue_before(s))) {
    if (seg.inner_place >= 0) {
      add(EntityKind::place, strong, std::string(lex_.name(seg.inner_place)), seg.b, seg.e, true);
    }
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
  const bool given = matcher_.flag(seg.b, Lexicon::given_name);
  Strength strength = candidate;
  // "LNG", "GDP", "CEO": a short all-capital word is an acronym, never a person's name. It
  // may still stand for an organization spelled out elsewhere ("Committee ... (CPJ)").
  const bool acronym_word = words == 1 && tokens_[seg.b].all_caps && tokens_[seg.b].letters >= 2 &&
                            tokens_[seg.b].letters <= 5;
  bool attributed = false;
  if (acronym_word && mode == Mode::normal) {
    // candidate, resolved below
  } else if (mode == Mode::normal) {
    const bool single_word = words == 1;
    const Entry* last_entry = lex_.find(key(seg.e - 1));
    const bool known_surname = !single_word && last_entry != nullptr && last_entry->person >= 0;
    if (after_title || (first && matcher_.title_before(s))) {
      strength = cued;
    } else if ((words >= 2 && given) || known_surname || (last && matcher_.apposition_after(e))) {
      strength = cued;
    } else if (words <= 3 &&
               ((first && seg.b > 0 && speech_verb(seg.b - 1)) || (last && speech_verb(e)))) {
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
                         ? labels_.run_type(seg.b, seg.e, tokens_)
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
  seg.mention = static_cast<std::ptrdiff_t>(
      add(EntityKind::person, strength,
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
bool MentionBuilder::seen_lowercase(std::size_t i) const { return stream_.seen_lowercase(key(i)); }

// Is the run one capitalized common word ("Organisers", "Analysts")? The tagger's guess
// does not override what the lists say such a word is.
bool MentionBuilder::common_run(std::size_t b, std::size_t e) const {
  return e == b + 1 &&
         lex_.has(key(b), static_cast<Lexicon::Flag>(Lexicon::common_word | Lexicon::not_name |
                                                     Lexicon::title));
}

// Does the clause end at token i (sentence end, punctuation, bracket or end of text)?
bool MentionBuilder::ends_clause(std::size_t i) const {
  return i >= tokens_.size() || tokens_[i].type != Tok::word;
}

// A lower-case company noun right before the sequence: "auditing firm", "industry group".
bool MentionBuilder::org_cue_before(std::size_t s) const {
  if (s == 0) return false;
  const Token& t = tokens_[s - 1];
  return t.type == Tok::word && !t.cap && in(kOrgCues, key(s - 1));
}

void MentionBuilder::add_firm(std::size_t b, std::size_t e) {
  std::string name;
  for (std::size_t i = b; i < e; ++i) {
    if (i > b && tokens_[i].type == Tok::word) name.push_back(' ');
    name.append(tokens_[i].text);
  }
  title_segment_before_ = false;
  add(EntityKind::organization, cued, std::move(name), b, e, false);
}

bool MentionBuilder::work_cue_before(std::size_t s) const {
  if (s == 0) return false;
  const Token& t = tokens_[s - 1];
  return t.type == Tok::word && !t.cap && in(kWorkCues, key(s - 1));
}

bool MentionBuilder::quoted(std::size_t s, std::size_t e) const {
  const auto quote = [&](std::size_t i) {
    return i < tokens_.size() && tokens_[i].type == Tok::brk && in(kQuotes, tokens_[i].text);
  };
  return s > 0 && quote(s - 1) && quote(e);
}

void MentionBuilder::drop_titles_of_works() {
  if (works_.empty()) return;
  for (Mention& m : mentions_) {
    if (m.from_lexicon) continue;
    for (const std::string& work : works_) {
      if (m.key == work ||
          (m.key.size() > work.size() && m.key.starts_with(work) && m.key[work.size()] == ' ')) {
        m.dropped = true;
      }
    }
  }
}

bool MentionBuilder::hyphen_parts(std::size_t i) {
  const std::string_view k = key(i);
  bool any = false;
  std::size_t pos = 0;
  while (pos <= k.size()) {
    auto end = k.find('-', pos);
    if (end == std::string_view::npos) end = k.size();
    const Entry* entry = lex_.find(k.substr(pos, end - pos));
    if (entry != nullptr && (entry->caps_only & 7U) == 0) {
      if (entry->person >= 0) {
        add(EntityKind::person, strong, std::string(lex_.name(matcher_.person_of(*entry))), i,
            i + 1, true);
        any = true;
      } else if (entry->organization >= 0) {
        add(EntityKind::organization, strong,
            std::string(lex_.name(matcher_.organization_of(*entry))), i, i + 1, true);
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

}  // namespace newsdex::entity_detail
