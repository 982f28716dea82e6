// Same-event matching: TF-IDF vectors of key words and entities, candidates from an
// in-memory index of the run's articles and a query of the archive.
#include "indexer/story_match.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "common/schema.hpp"

namespace newsdex {
namespace {

// Past this many cached vectors of archive articles the cache starts afresh, so that memory
// stays bounded on any archive; a run mostly compares articles with those just before it.
constexpr std::size_t kMostArchiveProfiles = 200000;

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

template <typename Vector>
double cosine(const Vector& a, const Vector& b) {
  double dot = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      dot += static_cast<double>(i->second) * j->second;
      ++i;
      ++j;
    }
  }
  return dot;
}

}  // namespace

StoryTerms story_terms_of(const Xapian::Document& document) {
  StoryTerms terms;
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

StoryMatcher::StoryMatcher(const Xapian::Database* archive, StoryMatchSettings settings,
                           std::size_t memory_bytes)
    : archive_(archive), settings_(settings), memory_bytes_(memory_bytes) {
  if (archive_ != nullptr) {
    enquire_.emplace(*archive_);
    enquire_->set_weighting_scheme(Xapian::BM25Weight());
  }
}

std::uint32_t StoryMatcher::intern(const std::string& name, bool entity) {
  const auto [at, added] = ids_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
  if (added) {
    names_.push_back(name);
    entity_.push_back(entity ? 1 : 0);
    termfreqs_.push_back(0);
    read_.push_back(0);
  }
  return at->second;
}

double StoryMatcher::idf(std::uint32_t term, const std::string& name, double log_documents) {
  // A term's frequency in the archive is read once per run (a lookup costs more than the
  // rest of the comparison), then counted on as the run's articles are placed. Without an
  // archive the run's own counts stand in. Either way the article itself counts.
  if (archive_ != nullptr && read_[term] == 0) {
    termfreqs_[term] = archive_->get_termfreq(name);
    read_[term] = 1;
  }
  const Xapian::doccount frequency = termfreqs_[term] + 1;
  return log_documents - std::log(static_cast<double>(std::max<Xapian::doccount>(frequency, 1)));
}

StoryMatcher::Profile StoryMatcher::make_profile(
    const std::vector<std::pair<std::uint32_t, Xapian::termcount>>& text,
    const std::vector<std::uint32_t>& entities, int day) {
  const double documents = this->documents() + 1;
  const double log_documents = std::log(documents + 1);
  // (weight, index into text)
  std::vector<std::pair<double, std::size_t>> order;
  order.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto [term, wdf] = text[i];
    order.emplace_back((1 + std::log(std::max<Xapian::termcount>(wdf, 1))) * idf(term, names_[term], log_documents), i);
  }
  // Ties go by term id (terms are numbered as first seen), so that the same articles in the
  // same order give the same key terms.
  const auto heavier = [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : text[a.second].first < text[b.second].first;
  };
  if (order.size() > settings_.key_terms) {
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(settings_.key_terms),
                     order.end(), heavier);
    order.resize(settings_.key_terms);
  }
  std::sort(order.begin(), order.end(), heavier);
  Profile made;
  made.day = day;
  std::vector<std::pair<std::uint32_t, double>> weighted;
  weighted.reserve(order.size() + entities.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::uint32_t term = text[order[i].second].first;
    if (i < settings_.query_terms) {
      made.query_terms.push_back(names_[term]);
      made.query_ids.push_back(term);
    }
    weighted.emplace_back(term, order[i].first);
  }
  for (const std::uint32_t term : entities) {
    weighted.emplace_back(term, settings_.entity_boost * idf(term, names_[term], log_documents));
  }
  double norm = 0;
  for (const auto& entry : weighted) norm += entry.second * entry.second;
  norm = std::sqrt(norm);
  made.vector.reserve(weighted.size());
  for (const auto& [term, weight] : weighted) {
    made.vector.emplace_back(term, static_cast<float>(norm > 0 ? weight / norm : 0));
  }
  std::sort(made.vector.begin(), made.vector.end());
  return made;
}

StoryMatcher::Profile StoryMatcher::profile_of(const StoryTerms& terms) {
  std::vector<std::pair<std::uint32_t, Xapian::termcount>> text;
  text.reserve(terms.wdfs.size());
  std::string_view rest = terms.text;
  std::string name;
  for (const Xapian::termcount wdf : terms.wdfs) {
    const std::size_t end = rest.find('\0');
    name.assign(rest.substr(0, end));
    rest.remove_prefix(end + 1);
    text.emplace_back(intern(name, false), wdf);
  }
  last_text_.clear();
  for (const auto& entry : text) last_text_.push_back(entry.first);
  std::vector<std::uint32_t> entities;
  rest = terms.entities;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\0');
    name.assign(rest.substr(0, end));
    rest.remove_prefix(end + 1);
    entities.push_back(intern(name, true));
  }
  return make_profile(text, entities, terms.day);
}

const StoryMatcher::Profile& StoryMatcher::archive_profile(Xapian::docid did) {
  if (const auto found = archive_profiles_.find(did); found != archive_profiles_.end()) return found->second;
  if (archive_profiles_.size() >= kMostArchiveProfiles) archive_profiles_.clear();
  std::vector<std::pair<std::uint32_t, Xapian::termcount>> text;
  std::vector<std::uint32_t> entities;
  for (auto term = archive_->termlist_begin(did); term != archive_->termlist_end(did); ++term) {
    const std::string name = *term;
    const bool entity = is_entity_term(name);
    if (!entity && !is_text_term(name)) continue;
    const std::uint32_t id = intern(name, entity);
    if (read_[id] == 0) {
      termfreqs_[id] = term.get_termfreq();
      read_[id] = 1;
    }
    if (entity) {
      entities.push_back(id);
    } else {
      text.emplace_back(id, term.get_wdf());
    }
  }
  const int day = day_number(archive_->get_document(did).get_value(slot_number(Slot::date)));
  return archive_profiles_.emplace(did, make_profile(text, entities, day)).first->second;
}

void StoryMatcher::run_candidates(const Profile& self, std::vector<std::pair<double, std::uint32_t>>& out) {
  // Like the query of the archive: the articles that score best on the query terms.
  std::vector<std::uint32_t> touched;
  for (const std::uint32_t term : self.query_ids) {
    if (term >= index_.size() || index_[term].empty()) continue;
    const auto own = std::lower_bound(self.vector.begin(), self.vector.end(), std::make_pair(term, 0.0F));
    const double weight = own != self.vector.end() && own->first == term ? own->second : 0;
    for (const Posting& posting : index_[term]) {
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
    if (i < settings_.candidates) out.emplace_back(cosine(self.vector, run_[touched[i]].vector), touched[i]);
    scores_[touched[i]] = 0;
  }
}

std::string StoryMatcher::best_story(const StoryTerms& terms, Xapian::docid self) {
  last_ = profile_of(terms);
  last_terms_ = &terms;
  const Profile& own = last_;
  if (own.query_terms.empty()) return {};
  std::vector<std::pair<double, std::uint32_t>> scored;
  run_candidates(own, scored);
  // Each story's score from its candidates: the mean of the best and the average
  // similarity, so that one close article alone (a look-alike event's) pulls less than a story
  // that is close throughout. Stories in the order their first candidate was placed, so that
  // of equal scores the earlier story wins.
  std::vector<StoryScore> stories;
  const auto note = [&](const std::string& story, double similarity) {
    auto found = std::find_if(stories.begin(), stories.end(),
                              [&](const StoryScore& s) { return s.story == story; });
    if (found == stories.end()) found = stories.insert(stories.end(), StoryScore{story});
    found->sum += similarity;
    found->best = std::max(found->best, similarity);
    ++found->candidates;
  };
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& [similarity, article] : scored) note(stories_[run_[article].story], similarity);
  if (archive_ != nullptr && archive_->get_doccount() > in_memory_.size()) {
    enquire_->set_query(Xapian::Query(Xapian::Query::OP_OR, own.query_terms.begin(), own.query_terms.end()));
    const Xapian::MSet candidates =
        enquire_->get_mset(0, static_cast<Xapian::doccount>(settings_.candidates + 1));
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
      // This run's articles kept in memory were offered above.
      if (*it == self || in_memory_.contains(*it)) continue;
      const Profile& other = archive_profile(*it);
      if (own.day >= 0 && other.day >= 0 && std::abs(own.day - other.day) > settings_.window_days) continue;
      note(it.get_document().get_value(slot_number(Slot::story)), cosine(own.vector, other.vector));
    }
  }
  double best = settings_.join_threshold;
  std::string story;
  for (const StoryScore& candidate : stories) {
    const double score = (candidate.best + candidate.sum / candidate.candidates) / 2;
    if (score < best) continue;
    best = score;
    story = candidate.story;
  }
  return story;
}

void StoryMatcher::settled(const StoryTerms& terms, const std::string& story, Xapian::docid did) {
  Profile made = &terms == last_terms_ ? std::move(last_) : profile_of(terms);
  last_terms_ = nullptr;
  // Every stem counts, not only the key ones, and every entity; in the archive, a term
  // whose frequency is read counts on from there.
  ++run_documents_;
  const auto count = [&](std::uint32_t term) {
    if (archive_ == nullptr || read_[term] != 0) ++termfreqs_[term];
  };
  for (const std::uint32_t term : last_text_) count(term);
  for (const auto& entry : made.vector) {
    if (entity_[entry.first] != 0) count(entry.first);
  }
  const auto [story_at, added] = story_ids_.try_emplace(story, static_cast<std::uint32_t>(stories_.size()));
  if (added) stories_.push_back(story);
  const auto article = static_cast<std::uint32_t>(run_.size());
  run_.push_back({std::move(made.vector), made.day, story_at->second, did});
  scores_.push_back(0);
  index_article(article);
  run_bytes_ += bytes_of(run_.back());
  if (did != 0) in_memory_.insert(did);
  if (run_bytes_ > memory_bytes_) drop_older_half();
}

std::size_t StoryMatcher::bytes_of(const RunArticle& article) {
  return sizeof(RunArticle) + article.vector.size() * (sizeof(Vector::value_type) + sizeof(Posting)) +
         32;
}

void StoryMatcher::index_article(std::uint32_t article) {
  const RunArticle& placed = run_[article];
  for (const auto& [term, weight] : placed.vector) {
    if (entity_[term] != 0) continue;
    if (term >= index_.size()) index_.resize(names_.size());
    index_[term].push_back({article, placed.day, weight});
  }
}

void StoryMatcher::drop_older_half() {
  const std::size_t until = first_live_ + (run_.size() - first_live_ + 1) / 2;
  for (std::size_t i = first_live_; i < until; ++i) {
    RunArticle& dropped = run_[i];
    run_bytes_ -= std::min(run_bytes_, bytes_of(dropped));
    if (dropped.did != 0) in_memory_.erase(dropped.did);
    dropped = RunArticle{};
  }
  first_live_ = until;
  for (auto& postings : index_) {
    std::erase_if(postings, [&](const Posting& posting) { return posting.article < first_live_; });
  }
}

}  // namespace newsdex
