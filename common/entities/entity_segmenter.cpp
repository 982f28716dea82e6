// Segmenting capitalized sequences by longest lexicon match (see entity_segmenter.hpp).
#include "common/entities/entity_segmenter.hpp"

#include "common/entities/entity_mentions.hpp"

namespace newsdex::entity_detail {

void Segmenter::close_run(std::ptrdiff_t& run, std::size_t end) {
  if (run < 0) return;
  auto b = static_cast<std::size_t>(run);
  run = -1;
  while (end > b && is_conn(end - 1)) --end;
  if (end > b) segs_.push_back({b, end, Seg::run, -1, false, -1, -1});
}

std::vector<Segment>& Segmenter::segment(std::size_t s, std::size_t e) {
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
      segs_.push_back({i, i + 1, Seg::joiner, -1, false, -1, -1});
      ++i;
      continue;
    }
    Match m = matcher_.match(i, s, e);
    if (m.len == 1 && (m.type == Seg::person || m.type == Seg::org || m.type == Seg::place)) {
      // "Eric Trump", "George Washington": a one-word name after a first name is a surname.
      if (run >= 0 && matcher_.flag(static_cast<std::size_t>(run), Lexicon::given_name)) {
        m.len = 0;
      }
      // "Charlotte Smith": a given name that is also a place starts a person.
      if (m.len == 1 && m.type != Seg::person && matcher_.flag(i, Lexicon::given_name) &&
          i + 1 < e && !is_conn(i + 1) && !matcher_.starts_known(i + 1)) {
        m.len = 0;
      }
    }
    if (m.len > 0) {
      close_run(run, i);
      segs_.push_back({i, i + m.len, m.type, m.canon, false, -1, -1});
      i += m.len;
      continue;
    }
    // The tagger saw two names here ("Reuters Smith"): two runs.
    if (run >= 0 && i > 0 && static_cast<std::size_t>(run) < i && labels_.span_break(i - 1, i)) {
      close_run(run, i);
    }
    if (run < 0) run = static_cast<std::ptrdiff_t>(i);
    ++i;
  }
  close_run(run, e);
  attach_legal_suffixes();
  merge_organizations();
  return segs_;
}

bool Segmenter::legal_suffix_run(const Segment& seg) const {
  if (seg.type != Seg::run) return false;
  for (std::size_t i = seg.b; i < seg.e; ++i) {
    if (!is_conn(i) && !is_legal_suffix(key(i))) return false;
  }
  return true;
}

// "Chrysler Corp", "Morgan Stanley and Co Inc", "Procter & Gamble": a legal suffix belongs to
// the name before it, and two names joined by '&' are one firm. A suffix never stands alone.
void Segmenter::attach_legal_suffixes() {
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
void Segmenter::merge_organizations() {
  for (std::size_t k = 0; k < segs_.size(); ++k) {
    Segment& seg = segs_[k];
    if (seg.type != Seg::run || tokens_[seg.b].mode != Mode::normal) continue;
    // A name with a legal form ("Mitsubishi Motors Australia Ltd") is a company's whole name.
    const bool legal_form = seg.org_head || is_legal_suffix(key(seg.e - 1));
    const bool headed = matcher_.flag(seg.e - 1, Lexicon::org_head) && !tokens_[seg.e - 1].all_caps;
    if (!headed) {
      if (legal_form) {
        take_name_before(k, false, true);
      } else if (join_listed_organization(k) || opens_joined_name(k)) {
        continue;
      } else if (take_name_before(k, true, false)) {
        seg.org_head = true;
      }
      continue;
    }
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
    take_name_before(k, false, legal_form);
    std::size_t words = 0;
    for (std::size_t i = seg.b; i < seg.e; ++i) words += is_conn(i) ? 0 : 1;
    seg.org_head = words >= 2;
  }
}

// Can the run open an organization's name across "and"? Not when it is a name in itself:
// "Gordon Capital Corp and Merrill Lynch" are two firms. A word or two ("Options and Futures
// Exchange") can.
bool Segmenter::part_of_name(const Segment& run) const {
  return !run.org_head && run.e - run.b <= 2 && !is_legal_suffix(key(run.e - 1));
}

// Is the run the first part of a name the tagger reads across "and" ("Options" in "Sweden
// Options and Futures Exchange")? Then the name's head takes it in, with what precedes it.
bool Segmenter::opens_joined_name(std::size_t k) const {
  if (k + 2 >= segs_.size()) return false;
  const Segment& run = segs_[k];
  const Segment& joiner = segs_[k + 1];
  const Segment& rest = segs_[k + 2];
  return joiner.type == Seg::joiner && run.e == joiner.b && joiner.e == rest.b &&
         (key(joiner.b) == "and" || key(joiner.b) == "&") && rest.type == Seg::run &&
         part_of_name(run) && labels_.same_span(run.e - 1, rest.b, Ner::org);
}

// "Merrill Lynch Capital Markets", "BBC Radio": unknown words the tagger reads as one
// organization with the listed one before them are a unit of it, counted as the listed one.
bool Segmenter::join_listed_organization(std::size_t k) {
  Segment& seg = segs_[k];
  if (k == 0) return false;
  Segment& listed = segs_[k - 1];
  if (listed.type != Seg::org || listed.e != seg.b ||
      !labels_.same_span(listed.e - 1, seg.b, Ner::org)) {
    return false;
  }
  listed.e = seg.e;
  seg.type = Seg::gone;
  return true;
}

// An organization's name takes in what stands right before it in the sequence: a place or
// demonym ("Russian Foreign Ministry", "New England Electric System"), the unknown words before
// such a place ("Acme Australia Ltd"), a common adjective that the lists otherwise split off
// ("National Weather Service", though not "Officials Association": one word after it is too
// little), and unknown words joined by "and" ("Sweden Options and Futures Exchange"); with
// organizations, also a listed organization whose company it is ("Merrill Lynch Canada Inc").
// A place so taken in by a company or a name the tagger joined stays a place of the article
// (Segment::inner_place). Persons and titles stay apart. With tagged_only, a run that only the
// tagger calls an organization takes in only what lies in the same span.
bool Segmenter::take_name_before(std::size_t k, bool tagged_only, bool organizations) {
  Segment& seg = segs_[k];
  const std::size_t begin = seg.b;
  const auto in_span = [&](const Segment& prev) {
    return !tagged_only || labels_.same_span(prev.b, seg.b, Ner::org);
  };
  while (k > 0) {
    Segment& prev = segs_[k - 1];
    if (prev.type == Seg::joiner && k >= 2 && segs_[k - 2].type == Seg::run &&
        segs_[k - 2].e == prev.b && prev.e == seg.b &&
        (key(prev.b) == "and" || key(prev.b) == "&") && in_span(segs_[k - 2]) &&
        part_of_name(segs_[k - 2])) {
      seg.b = segs_[k - 2].b;
      prev.type = Seg::gone;
      segs_[k - 2].type = Seg::gone;
      k -= 2;
      continue;
    }
    if (prev.e != seg.b || !in_span(prev)) break;
    const bool common_opener = prev.type == Seg::not_name && prev.e == prev.b + 1 &&
                               seg.e - seg.b >= 2 && matcher_.flag(prev.b, Lexicon::common_word) &&
                               !matcher_.flag(prev.b, Lexicon::not_name);
    // Two runs side by side are two names only where the tagger says so ("Reuters Smith").
    const bool run = prev.type == Seg::run && !labels_.span_break(prev.e - 1, seg.b);
    if (prev.type != Seg::place && prev.type != Seg::demonym &&
        !(organizations && prev.type == Seg::org) && !common_opener && !run) {
      break;
    }
    if (prev.type == Seg::place && (tagged_only || organizations)) seg.inner_place = prev.canon;
    seg.b = prev.b;
    prev.type = Seg::gone;
    --k;
  }
  return seg.b != begin;
}

}  // namespace newsdex::entity_detail
