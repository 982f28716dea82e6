// Reading the NEWSDEX_RANKING settings into RankingParams, through a table of names.
#include "searcher/ranking_params.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

namespace newsdex {
namespace {

double number_setting(std::string_view name, std::string_view value) {
  try {
    std::size_t used = 0;
    const double number = std::stod(std::string(value), &used);
    if (used == value.size() && number >= 0 && std::isfinite(number)) return number;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("bad ranking setting " + std::string(name) + "=" + std::string(value));
}

std::size_t count_of(double value) { return static_cast<std::size_t>(value); }

// One setting: its name and how its value lands in RankingParams.
struct Setting {
  std::string_view name;
  void (*set)(RankingParams&, double);
};

constexpr Setting kSettings[] = {
    {"k1", [](RankingParams& p, double v) { p.k1 = v; }},
    {"b", [](RankingParams& p, double v) { p.b = std::min(v, 1.0); }},
    {"k3", [](RankingParams& p, double v) { p.k3 = v; }},
    {"coord", [](RankingParams& p, double v) { p.coord = v; }},
    {"prox", [](RankingParams& p, double v) { p.proximity = v; }},
    {"prox_window", [](RankingParams& p, double v) { p.proximity_window = count_of(v); }},
    {"near", [](RankingParams& p, double v) { p.unordered = v; }},
    {"near_window", [](RankingParams& p, double v) { p.unordered_window = count_of(v); }},
    {"qstop", [](RankingParams& p, double v) { p.question_stop_words = v != 0; }},
    {"rest", [](RankingParams& p, double v) { p.short_rest = v != 0; }},
    {"prf", [](RankingParams& p, double v) { p.feedback_docs = count_of(v); }},
    {"prf_terms", [](RankingParams& p, double v) { p.feedback_terms = count_of(v); }},
    {"prf_weight", [](RankingParams& p, double v) { p.feedback_weight = v; }},
    {"prf_guard", [](RankingParams& p, double v) { p.feedback_guard = v != 0; }},
    {"rm3", [](RankingParams& p, double v) { p.feedback_rm3 = v != 0; }},
    {"prf_max_df", [](RankingParams& p, double v) { p.feedback_max_df = v; }},
    {"model", [](RankingParams& p, double v) { p.model = static_cast<unsigned>(v); }},
    {"model_param", [](RankingParams& p, double v) { p.model_param = v; }},
    {"max_df", [](RankingParams& p, double v) { p.max_df = v; }},
    {"qidf", [](RankingParams& p, double v) { p.query_idf = v; }},
    {"min_len", [](RankingParams& p, double v) { p.min_length = v; }},
    {"title", [](RankingParams& p, double v) { p.title = v; }},
    {"entity", [](RankingParams& p, double v) { p.entity = v; }},
};

}  // namespace

RankingParams parse_ranking_params(std::string_view settings, RankingParams base) {
  RankingParams params = base;
  std::size_t start = 0;
  while (start < settings.size()) {
    std::size_t end = settings.find(' ', start);
    if (end == std::string_view::npos) end = settings.size();
    const std::string_view setting = settings.substr(start, end - start);
    start = end + 1;
    if (setting.empty()) continue;
    const auto equals = setting.find('=');
    if (equals == std::string_view::npos) {
      throw std::invalid_argument("bad ranking setting " + std::string(setting) + " (want name=value)");
    }
    const std::string_view name = setting.substr(0, equals);
    const auto known = std::find_if(std::begin(kSettings), std::end(kSettings),
                                     [name](const Setting& s) { return s.name == name; });
    if (known == std::end(kSettings)) throw std::invalid_argument("unknown ranking setting " + std::string(name));
    known->set(params, number_setting(name, setting.substr(equals + 1)));
  }
  return params;
}

}  // namespace newsdex
