// Same-event matching: TF-IDF vectors of key words and entities, candidates from a query.
#include "indexer/story_match.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "common/schema.hpp"

namespace newsdex {
namespace {

// Past this many cached vectors the cache starts afresh, so that memory stays bounded on
// any archive; a run mostly compares articles with those just before it.
constexpr std::size_t kMostProfiles = 200000;
constexpr std::size_t kMostTermfreqs = 2000000;

// A stem of the title and body (Z + a lowercase stem), not a field's (ZS…) or a filter.
bool is_text_term(const std::string& term) {
  return term.size() > 1 && term[0] == 'Z' && !std::isupper(static_cast<unsigned char>(term[1]));
}

bool is_entity_term(const std::string& term) {
  return term.starts_with("XP:") || term.starts_with("XO:") || term.starts_with("XL:");
}

// Days since 1970-01-01 of a date slot value ("YYYYMMDD…"), or -1.
int day_number(const std::string& value) {
  if (value.size() < 8) return -1;
  const int year = std::atoi(value.substr(0, 4).c_str());
  const int month = std::atoi(value.substr(4, 2).c_str());
  const int day = std::atoi(value.substr(6, 2).c_str());
  if (month < 1 || month > 12 || day < 1) return -1;
  // Howard Hinnant's days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

double cosine(const std::vector<std::pair<std::string, double>>& a,
              const std::vector<std::pair<std::string, double>>& b) {
  double dot = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      dot += i->second * j->second;
      ++i;
      ++j;
    }
  }
  return dot;
}

}  // namespace

StoryMatcher::StoryMatcher(Xapian::WritableDatabase& db, StoryMatchSettings settings)
    : db_(db),
      settings_(settings),
      enquire_(db),
      log_documents_(std::log(static_cast<double>(db.get_doccount()) + 1)) {
  enquire_.set_weighting_scheme(Xapian::BM25Weight());
}

StoryTerms story_terms_of(const Xapian::Document& document) {
  StoryTerms terms;
  terms.captured = true;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string name = *term;
    if (is_text_term(name)) {
      terms.text.append(name).push_back('\0');
      terms.wdfs.push_back(term.get_wdf());
    } else if (is_entity_term(name)) {
      terms.entities.append(name).push_back('\0');
    }
  }
  terms.day = day_number(document.get_value(slot_number(Slot::date)));
  return terms;
}

double StoryMatcher::idf_of(const std::string& name) {
  auto found = termfreqs_.find(name);
  if (found == termfreqs_.end()) {
    if (termfreqs_.size() >= kMostTermfreqs) termfreqs_.clear();
    found = termfreqs_.emplace(name, std::max<Xapian::doccount>(db_.get_termfreq(name), 1)).first;
  }
  return log_documents_ - std::log(static_cast<double>(found->second));
}

double StoryMatcher::idf(const Xapian::TermIterator& term, const std::string& name) {
  auto found = termfreqs_.find(name);
  if (found == termfreqs_.end()) {
    if (termfreqs_.size() >= kMostTermfreqs) termfreqs_.clear();
    found = termfreqs_.emplace(name, std::max<Xapian::doccount>(term.get_termfreq(), 1)).first;
  }
  return log_documents_ - std::log(static_cast<double>(found->second));
}

void StoryMatcher::finish_profile(Profile& made, Vector text, Vector entities) const {
  const auto heavier = [](const auto& a, const auto& b) { return a.second > b.second; };
  std::sort(text.begin(), text.end(), heavier);
  if (text.size() > settings_.key_terms) text.resize(settings_.key_terms);
  for (std::size_t i = 0; i < text.size() && i < settings_.query_terms; ++i) {
    made.query_terms.push_back(text[i].first);
  }
  made.vector = std::move(text);
  made.vector.insert(made.vector.end(), entities.begin(), entities.end());
  double norm = 0;
  for (const auto& [name, weight] : made.vector) norm += weight * weight;
  norm = std::sqrt(norm);
  for (auto& entry : made.vector) entry.second = norm > 0 ? entry.second / norm : 0;
  std::sort(made.vector.begin(), made.vector.end());
}

const StoryMatcher::Profile& StoryMatcher::profile(Xapian::docid did) {
  if (const auto found = profiles_.find(did); found != profiles_.end()) return found->second;
  if (profiles_.size() >= kMostProfiles) profiles_.clear();
  Profile made;
  Vector text;
  Vector entities;
  const auto captured = run_terms_.find(did);
  if (captured != run_terms_.end() && captured->second != nullptr && captured->second->captured) {
    const StoryTerms& terms = *captured->second;
    std::string_view rest = terms.text;
    for (const Xapian::termcount wdf : terms.wdfs) {
      const std::size_t end = rest.find('\0');
      std::string name(rest.substr(0, end));
      rest.remove_prefix(end + 1);
      const double weight = (1 + std::log(std::max<Xapian::termcount>(wdf, 1))) * idf_of(name);
      text.emplace_back(std::move(name), weight);
    }
    rest = terms.entities;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\0');
      std::string name(rest.substr(0, end));
      rest.remove_prefix(end + 1);
      const double weight = settings_.entity_boost * idf_of(name);
      entities.emplace_back(std::move(name), weight);
    }
    made.day = terms.day;
  } else {
    for (auto term = db_.termlist_begin(did); term != db_.termlist_end(did); ++term) {
      const std::string name = *term;
      if (is_text_term(name)) {
        const double weight = (1 + std::log(std::max<Xapian::termcount>(term.get_wdf(), 1))) *
                              idf(term, name);
        text.emplace_back(name, weight);
      } else if (is_entity_term(name)) {
        entities.emplace_back(name, settings_.entity_boost * idf(term, name));
      }
    }
    made.day = day_number(db_.get_document(did).get_value(slot_number(Slot::date)));
  }
  finish_profile(made, std::move(text), std::move(entities));
  return profiles_.emplace(did, std::move(made)).first->second;
}

void StoryMatcher::pending(Xapian::docid did, const StoryTerms* terms) {
  pending_.insert(did);
  run_terms_[did] = terms;
}

void StoryMatcher::settled(Xapian::docid did, const std::string& story) {
  pending_.erase(did);
  if (!run_terms_.contains(did)) return;
  const auto [at, added] =
      run_positions_.try_emplace(did, static_cast<std::uint32_t>(run_articles_.size()));
  if (!added) {
    run_stories_[at->second] = story;
    return;
  }
  run_articles_.push_back(did);
  run_stories_.push_back(story);
  scores_.push_back(0);
  const Profile& made = profile(did);
  for (const auto& [name, weight] : made.vector) {
    if (!is_entity_term(name)) {
      run_index_[name].push_back({at->second, made.day, static_cast<float>(weight)});
    }
  }
}

void StoryMatcher::run_candidates(Xapian::docid did, const Profile& self,
                                  std::vector<std::pair<double, Xapian::docid>>& out) {
  // Like the query of the database: the articles that score best on the query terms.
  std::vector<std::uint32_t> touched;
  for (const auto& term : self.query_terms) {
    const auto postings = run_index_.find(term);
    if (postings == run_index_.end()) continue;
    const auto own = std::lower_bound(self.vector.begin(), self.vector.end(),
                                      std::make_pair(term, 0.0));
    const double weight = own != self.vector.end() && own->first == term ? own->second : 0;
    for (const Posting& posting : postings->second) {
      if (self.day >= 0 && posting.day >= 0 && std::abs(self.day - posting.day) > settings_.window_days) {
        continue;
      }
      if (scores_[posting.article] == 0) touched.push_back(posting.article);
      scores_[posting.article] += weight * posting.weight + 1e-9;
    }
  }
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    return scores_[a] != scores_[b] ? scores_[a] > scores_[b] : a < b;
  };
  if (touched.size() > settings_.candidates) {
    std::nth_element(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(settings_.candidates),
                     touched.end(), better);
  }
  for (std::size_t i = 0; i < touched.size(); ++i) {
    if (i < settings_.candidates && run_articles_[touched[i]] != did) {
      const Xapian::docid other = run_articles_[touched[i]];
      out.emplace_back(cosine(self.vector, profile(other).vector), other);
    }
    scores_[touched[i]] = 0;
  }
}

std::string StoryMatcher::best_story(Xapian::docid did) {
  const Profile self = profile(did);
  if (self.query_terms.empty()) return {};
  std::vector<std::pair<double, Xapian::docid>> scored;
  run_candidates(did, self, scored);
  double best = settings_.join_threshold;
  std::string story;
  for (const auto& [similarity, other] : scored) {
    if (similarity < best) continue;
    best = similarity;
    story = run_stories_[run_positions_.at(other)];
  }
  if (!earlier_articles_) return story;
  enquire_.set_query(Xapian::Query(Xapian::Query::OP_OR, self.query_terms.begin(),
                                   self.query_terms.end()));
  const Xapian::MSet candidates =
      enquire_.get_mset(0, static_cast<Xapian::doccount>(settings_.candidates + 1));
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    // This run's articles were offered above (or are pending).
    if (*it == did || pending_.contains(*it) || run_terms_.contains(*it)) continue;
    const Profile& other = profile(*it);
    if (self.day >= 0 && other.day >= 0 && std::abs(self.day - other.day) > settings_.window_days) {
      continue;
    }
    const double similarity = cosine(self.vector, other.vector);
    if (similarity < best) continue;
    best = similarity;
    story = it.get_document().get_value(slot_number(Slot::story));
  }
  return story;
}

}  // namespace newsdex
