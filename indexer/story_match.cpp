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

// The cached vectors of archive articles take at most this share of the matcher's memory
// (one part in kArchiveProfileParts); a run mostly compares articles with those just before
// it, so the oldest go first.
constexpr std::size_t kArchiveProfileParts = 4;
// Estimated bytes of the allocator's and containers' own for one entry: a hash table's node
// and bucket, a term's slots in the vectors by term id, a story's.
constexpr std::size_t kHashEntryBytes = 48;
constexpr std::size_t kTermSlotBytes = sizeof(std::string) + sizeof(std::vector<int>) + 2 * sizeof(std::uint8_t) +
                                       sizeof(Xapian::doccount) + 2 * sizeof(std::uint32_t);
constexpr std::size_t kStoryBytes = 2 * (sizeof(std::string) + kHashEntryBytes) + 2 * sizeof(std::uint32_t);
// A std::string holds this many characters without a heap block of its own.
constexpr std::size_t kShortString = 15;

std::size_t heap_bytes(const std::string& text) { return text.size() > kShortString ? text.capacity() + 1 : 0; }

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

std::size_t StoryMatcher::term_bytes(const std::string& name) {
  // The name is held twice: as the key of ids_ and in names_.
  return kTermSlotBytes + kHashEntryBytes + sizeof(std::string) + 2 * heap_bytes(name);
}

std::uint32_t StoryMatcher::intern(const std::string& name, bool entity) {
  const std::uint32_t next = free_terms_.empty() ? static_cast<std::uint32_t>(names_.size()) : free_terms_.back();
  const auto [at, added] = ids_.try_emplace(name, next);
  const std::uint32_t id = at->second;
  if (added) {
    if (free_terms_.empty()) {
      names_.push_back(name);
      entity_.push_back(0);
      termfreqs_.push_back(0);
      read_.push_back(0);
      last_used_.push_back(0);
    } else {
      free_terms_.pop_back();
      names_[id] = name;
    }
    entity_[id] = entity ? 1 : 0;
    term_bytes_ += term_bytes(name);
  }
  // The article being placed takes the next number.
  last_used_[id] = first_live_ + static_cast<std::uint32_t>(run_.size());
  return id;
}

std::uint32_t StoryMatcher::story_number(const std::string& story) {
  const std::uint32_t next =
      free_stories_.empty() ? static_cast<std::uint32_t>(stories_.size()) : free_stories_.back();
  const auto [at, added] = story_ids_.try_emplace(story, next);
  if (added) {
    if (free_stories_.empty()) {
      stories_.push_back(story);
      story_refs_.push_back(0);
    } else {
      free_stories_.pop_back();
      stories_[next] = story;
    }
    story_bytes_ += kStoryBytes + 2 * heap_bytes(story);
  }
  ++story_refs_[at->second];
  return at->second;
}

void StoryMatcher::release_story(std::uint32_t story) {
  if (--story_refs_[story] != 0) return;
  story_bytes_ -= std::min(story_bytes_, kStoryBytes + 2 * heap_bytes(stories_[story]));
  story_ids_.erase(stories_[story]);
  std::string().swap(stories_[story]);
  free_stories_.push_back(story);
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
  forget_archive_profiles(memory_bytes_ / kArchiveProfileParts);
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
  Profile made = make_profile(text, entities, day);
  // Only the article being placed queries.
  made.query_terms = {};
  made.query_ids = {};
  archive_bytes_ += bytes_of(made);
  archive_order_.push_back(did);
  return archive_profiles_.emplace(did, std::move(made)).first->second;
}

std::size_t StoryMatcher::bytes_of(const Profile& profile) {
  return sizeof(Profile) + sizeof(Xapian::docid) * 2 + kHashEntryBytes +
         profile.vector.capacity() * sizeof(Vector::value_type);
}

void StoryMatcher::forget_archive_profiles(std::size_t keep_bytes) {
  while (archive_bytes_ > keep_bytes && !archive_order_.empty()) {
    const auto found = archive_profiles_.find(archive_order_.front());
    archive_order_.pop_front();
    if (found == archive_profiles_.end()) continue;
    archive_bytes_ -= std::min(archive_bytes_, bytes_of(found->second));
    archive_profiles_.erase(found);
  }
  if (archive_order_.empty()) archive_bytes_ = 0;
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
      double& score = scores_[posting.article - first_live_];
      if (score == 0) touched.push_back(posting.article);
      score += weight * posting.weight + 1e-9;
    }
  }
  const auto score = [&](std::uint32_t article) -> double& { return scores_[article - first_live_]; };
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    return score(a) != score(b) ? score(a) > score(b) : a < b;
  };
  if (touched.size() > settings_.candidates) {
    std::nth_element(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(settings_.candidates),
                     touched.end(), better);
  }
  for (std::size_t i = 0; i < touched.size(); ++i) {
    if (i < settings_.candidates) {
      out.emplace_back(cosine(self.vector, run_[touched[i] - first_live_].vector), touched[i]);
    }
    score(touched[i]) = 0;
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
  for (const auto& [similarity, article] : scored) note(stories_[run_[article - first_live_].story], similarity);
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
  const auto article = first_live_ + static_cast<std::uint32_t>(run_.size());
  run_.push_back({std::move(made.vector), made.day, story_number(story), did});
  scores_.push_back(0);
  index_article(article);
  run_bytes_ += bytes_of(run_.back());
  if (did != 0) in_memory_.insert(did);
  keep_within_budget();
}

std::size_t StoryMatcher::bytes_of(const RunArticle& article) {
  return sizeof(RunArticle) + sizeof(double) + (article.did != 0 ? kHashEntryBytes : 0) +
         article.vector.capacity() * sizeof(Vector::value_type);
}

void StoryMatcher::index_article(std::uint32_t article) {
  const RunArticle& placed = run_[article - first_live_];
  for (const auto& [term, weight] : placed.vector) {
    if (entity_[term] != 0) continue;
    if (term >= index_.size()) index_.resize(names_.size());
    std::vector<Posting>& postings = index_[term];
    const std::size_t capacity = postings.capacity();
    postings.push_back({article, placed.day, weight});
    index_bytes_ += (postings.capacity() - capacity) * sizeof(Posting);
  }
}

void StoryMatcher::keep_within_budget() {
  while (memory_used() > memory_bytes_) {
    if (!run_.empty()) {
      drop_older_half();
    } else if (archive_bytes_ > 0) {
      forget_archive_profiles(0);
    } else {
      forget_unused_terms();
      return;
    }
    forget_unused_terms();
  }
}

void StoryMatcher::drop_older_half() {
  const std::size_t dropped = (run_.size() + 1) / 2;
  for (std::size_t i = 0; i < dropped; ++i) {
    const RunArticle& oldest = run_.front();
    run_bytes_ -= std::min(run_bytes_, bytes_of(oldest));
    if (oldest.did != 0) in_memory_.erase(oldest.did);
    release_story(oldest.story);
    run_.pop_front();
    scores_.pop_front();
  }
  first_live_ += static_cast<std::uint32_t>(dropped);
  index_bytes_ = 0;
  for (auto& postings : index_) {
    std::erase_if(postings, [&](const Posting& posting) { return posting.article < first_live_; });
    // A list that shrank gives its room back, so that the index stays near what it holds.
    if (postings.capacity() > 2 * postings.size()) postings.shrink_to_fit();
    index_bytes_ += postings.capacity() * sizeof(Posting);
  }
}

void StoryMatcher::forget_unused_terms() {
  // A term none of the articles kept uses is only counted on: forgetting it costs its
  // frequency so far, which is low since it was not seen for so long.
  bool forgot = false;
  for (std::uint32_t id = 0; id < names_.size(); ++id) {
    if (names_[id].empty() || last_used_[id] >= first_live_) continue;
    term_bytes_ -= std::min(term_bytes_, term_bytes(names_[id]));
    ids_.erase(names_[id]);
    std::string().swap(names_[id]);
    termfreqs_[id] = 0;
    read_[id] = 0;
    if (id < index_.size()) std::vector<Posting>().swap(index_[id]);
    free_terms_.push_back(id);
    forgot = true;
  }
  // The cached vectors hold term ids, which are given to new terms from now on.
  if (forgot) forget_archive_profiles(0);
}

}  // namespace newsdex
