// Ranking the candidates of --like by how close each one's whole text is to the article's.
#include "searcher/related_ranker.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/schema.hpp"
#include "searcher/story_reader.hpp"

namespace newsdex {
namespace {

// A body or title stem ("Zword"; not a field's stem such as "ZSword", which repeats one).
bool is_text_stem(const std::string& term) {
  return term.size() > kStemPrefix.size() && term.starts_with(kStemPrefix) &&
         !(term[1] >= 'A' && term[1] <= 'Z');
}

// A person, organization or place term (not a surname, which repeats its person).
bool is_entity(const std::string& term) {
  if (term.starts_with(kPersonSurnamePrefix)) return false;
  for (const auto& field : kFacetFields) {
    if (field.facet != Facet::person && field.facet != Facet::organization && field.facet != Facet::place) continue;
    if (term.starts_with(field.term_prefix)) return true;
  }
  return false;
}

// Days since 1970-01-01 of a date slot value ("YYYYMMDD..."), or -1 without one.
int day_number(const std::string& value) {
  if (value.size() < 8) return -1;
  for (std::size_t i = 0; i < 8; ++i) {
    if (value[i] < '0' || value[i] > '9') return -1;
  }
  int year = std::atoi(value.substr(0, 4).c_str());
  const int month = std::atoi(value.substr(4, 2).c_str());
  const int day = std::atoi(value.substr(6, 2).c_str());
  if (month < 1 || month > 12 || day < 1) return -1;
  // Howard Hinnant's days_from_civil.
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

}  // namespace

RelatedRanker::RelatedRanker(const Xapian::Database& db, const Xapian::Document& article)
    : db_(db),
      articles_(std::max<double>(db.get_doccount(), 1)),
      story_(story_id_of(article)),
      day_(day_number(article.get_value(slot_number(Slot::date)))) {
  article_ = unit_vector(article);
}

double RelatedRanker::idf(const std::string& term) {
  const auto known = idfs_.find(term);
  if (known != idfs_.end()) return known->second;
  const double value = std::log(articles_ / std::max<double>(db_.get_termfreq(term), 1));
  return idfs_.emplace(term, std::max(value, 0.0)).first->second;
}

RelatedRanker::Vector RelatedRanker::unit_vector(const Xapian::Document& document) {
  Vector vector;
  double squares = 0;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string& name = *term;
    double weight = 0;
    if (is_text_stem(name)) {
      weight = (1 + std::log(std::max<Xapian::termcount>(term.get_wdf(), 1))) * idf(name);
    } else if (is_entity(name)) {
      weight = idf(name);
    }
    if (weight <= 0) continue;
    vector.emplace(name, weight);
    squares += weight * weight;
  }
  const double norm = std::sqrt(squares);
  if (norm > 0) {
    for (auto& [name, weight] : vector) weight /= norm;
  }
  return vector;
}

double RelatedRanker::score(const Xapian::Document& candidate) {
  const Vector other = unit_vector(candidate);
  const Vector& smaller = other.size() < article_.size() ? other : article_;
  const Vector& larger = other.size() < article_.size() ? article_ : other;
  double cosine = 0;
  for (const auto& [name, weight] : smaller) {
    if (const auto found = larger.find(name); found != larger.end()) cosine += weight * found->second;
  }
  const bool same_story = !story_.empty() && story_id_of(candidate) == story_;
  return cosine + (same_story ? kSameStoryBonus : 0.0);
}

bool RelatedRanker::within_window(const Xapian::Document& candidate) const {
  if (day_ < 0) return true;
  const int day = day_number(candidate.get_value(slot_number(Slot::date)));
  return day < 0 || std::abs(day - day_) <= kEventWindowDays;
}

}  // namespace newsdex
