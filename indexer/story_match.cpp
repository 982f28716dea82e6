// Same-event matching: TF-IDF vectors of key words and entities, candidates from a query.
#include "indexer/story_match.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

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

double StoryMatcher::idf(const Xapian::TermIterator& term, const std::string& name) {
  auto found = termfreqs_.find(name);
  if (found == termfreqs_.end()) {
    if (termfreqs_.size() >= kMostTermfreqs) termfreqs_.clear();
    found = termfreqs_.emplace(name, std::max<Xapian::doccount>(term.get_termfreq(), 1)).first;
  }
  return log_documents_ - std::log(static_cast<double>(found->second));
}

const StoryMatcher::Profile& StoryMatcher::profile(Xapian::docid did) {
  if (const auto found = profiles_.find(did); found != profiles_.end()) return found->second;
  if (profiles_.size() >= kMostProfiles) profiles_.clear();
  Profile made;
  Vector text;
  Vector entities;
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
  made.day = day_number(db_.get_document(did).get_value(slot_number(Slot::date)));
  return profiles_.emplace(did, std::move(made)).first->second;
}

std::string StoryMatcher::best_story(Xapian::docid did) {
  const Profile self = profile(did);
  if (self.query_terms.empty()) return {};
  enquire_.set_query(Xapian::Query(Xapian::Query::OP_OR, self.query_terms.begin(),
                                   self.query_terms.end()));
  const Xapian::MSet candidates = enquire_.get_mset(0, static_cast<Xapian::doccount>(settings_.candidates + 1));
  double best = settings_.join_threshold;
  std::string story;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    if (*it == did || pending_.contains(*it)) continue;
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
