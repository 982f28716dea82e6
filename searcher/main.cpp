// newssearch: ranked search over a Newsdex database.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <stdexcept>
#include <iostream>
#include <xapian.h>

#include "common/date.hpp"
#include "common/exit_codes.hpp"
#include "common/schema.hpp"
#include "searcher/ranking_params.hpp"
#include "searcher/result_printer.hpp"
#include "searcher/searcher.hpp"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr const char* kUsage =
    "usage: newssearch --db DIR [options] QUERY...\n"
    "QUERY: words, \"phrases\", AND/OR/NOT, +word -word, title: person: org: place: "
    "source: author:, date:FROM..TO\n";

DateTime parse_bound_option(const std::string& option, const std::string& text, BoundSide side) {
  const auto date = parse_date_bound(text, side);
  if (!date) {
    throw po::error("bad date for " + option + ": '" + text + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
  }
  return *date;
}

SortOrder parse_sort(const std::string& name) {
  if (name == "relevance") return SortOrder::relevance;
  if (name == "newest") return SortOrder::newest;
  if (name == "oldest") return SortOrder::oldest;
  throw po::error("bad value for --sort: '" + name + "' (use relevance, newest or oldest)");
}

WordMatch parse_match(const std::string& name) {
  if (name == "all") return WordMatch::all;
  if (name == "any") return WordMatch::any;
  if (name == "auto") return WordMatch::automatic;
  throw po::error("bad value for --match: '" + name + "' (use auto, all or any)");
}

// Query words such as "-moscow" (must not contain) look like options; any single-dash token
// that is not one of our short options is taken as a query word.
std::vector<po::option> query_words_with_dashes(std::vector<std::string>& args) {
  const std::string& token = args.front();
  if (token.size() < 2 || token[0] != '-' || token[1] == '-' || token == "-h") return {};
  po::option word;
  word.string_key = "query";
  word.value.push_back(token);
  word.original_tokens.push_back(token);
  args.erase(args.begin());
  return {word};
}

std::string join_words(const std::vector<std::string>& words) {
  std::string query;
  for (const auto& word : words) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

}  // namespace

int main(int argc, char** argv) try {
  SearchOptions options;
  std::vector<std::string> words;
  std::string from;
  std::string to;
  std::string sort;
  std::string match = "auto";
  po::options_description visible("options");
  visible.add_options()
      ("db", po::value(&options.db_path)->required()->value_name("DIR"), "database directory")
      ("person", po::value(&options.persons)->value_name("NAME"),
       "only articles mentioning this person (full name, surname or alias; repeatable: all must match)")
      ("org", po::value(&options.organizations)->value_name("NAME"),
       "only articles mentioning this organization (repeatable: all must match)")
      ("place", po::value(&options.places)->value_name("NAME"),
       "only articles mentioning this place (repeatable: all must match)")
      ("source", po::value(&options.sources)->value_name("NAME"),
       "only articles from this source (repeatable: any may match)")
      ("author", po::value(&options.authors)->value_name("NAME"),
       "only articles by this author (repeatable: any may match)")
      ("from", po::value(&from)->value_name("DATE"), "published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
      ("to", po::value(&to)->value_name("DATE"), "published on or before DATE (inclusive)")
      ("match", po::value(&match)->value_name("auto|all|any"),
       "query words: auto (default: all for up to 3 words while some article has them all, "
       "else ranked by how many an article holds), all must match, or any")
      ("sort", po::value(&sort)->value_name("ORDER"),
       "relevance, newest or oldest (default: relevance, or newest without query words)")
      ("limit", po::value(&options.limit)->value_name("N"), "results to show (default 10; 0: all)")
      ("offset", po::value(&options.offset)->value_name("N"), "results to skip first")
      ("all", "match every article (with filters: every one they select), newest first")
      ("facets", "count persons, organizations, places, sources, authors and months over all matches")
      ("facet-limit", po::value(&options.facet_limit)->value_name("N"), "values per facet (default 10)")
      ("facet-budget", po::value(&options.facet_budget)->value_name("N"),
       "count facets over at most N matches per thread (default 1000000); facets_exact says "
       "whether that was all")
      ("time-limit", po::value(&options.time_limit)->value_name("SECONDS"),
       "stop matching after SECONDS (default 10; 0: none) and answer with what was found")
      ("threads", po::value(&options.match_threads)->value_name("N"),
       "threads for facets and exact counts on archives of 50000 articles or more "
       "(default: one per core)")
      ("json", "print one JSON object")
      ("explain", "show per result the words matched, each one's BM25 part, boosts and relaxation")
      ("help,h", "show this help")
      ("version", "show the version");
  po::options_description hidden;
  hidden.add_options()("query", po::value(&words)->composing());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv)
                .options(all)
                .positional(positional)
                .extra_style_parser(query_words_with_dashes)
                .run(),
            vm);
  if (vm.count("help")) {
    std::cout << kUsage << '\n' << visible;
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << "newssearch (Newsdex) schema " << kSchemaVersion << ", Xapian "
              << Xapian::version_string() << '\n';
    return kExitOk;
  }
  po::notify(vm);
  options.query = join_words(words);
  if (!from.empty()) options.from = parse_bound_option("--from", from, BoundSide::lower);
  if (!to.empty()) options.to = parse_bound_option("--to", to, BoundSide::upper);
  if (options.from && options.to && format_iso_date(*options.from) > format_iso_date(*options.to)) {
    throw po::error("--from " + from + " is after --to " + to);
  }
  if (options.time_limit < 0) throw po::error("--time-limit must not be negative");
  if (vm.count("threads") && (options.match_threads == 0 || options.match_threads > 64)) {
    throw po::error("--threads must be from 1 to 64");
  }
  if (!sort.empty()) options.sort = parse_sort(sort);
  options.match = parse_match(match);
  if (const char* ranking = std::getenv("NEWSDEX_RANKING")) {
    try {
      options.ranking = parse_ranking_params(ranking);
    } catch (const std::invalid_argument& e) {
      throw po::error(std::string("NEWSDEX_RANKING: ") + e.what());
    }
  }
  options.list_all = vm.count("all") > 0;
  options.facets = vm.count("facets") > 0;
  options.json = vm.count("json") > 0;
  options.explain = vm.count("explain") > 0;
  const bool has_filter = !options.persons.empty() || !options.organizations.empty() ||
                          !options.places.empty() || !options.sources.empty() ||
                          !options.authors.empty() || options.from || options.to;
  if (options.query.empty() && !has_filter && !options.list_all) {
    throw po::error("nothing to search for: give query words, a filter, or --all");
  }
  options.highlight_bold = isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;

  const SearchResults results = run_search(options);
  if (options.json) {
    print_json(results, std::cout);
  } else {
    print_text(results, options.highlight_bold, std::cout);
  }
  return kExitOk;
} catch (const po::error& e) {
  // One line, as for every error; --help has the rest.
  std::cerr << "newssearch: " << e.what() << " (see newssearch --help)\n";
  return kExitUsage;
} catch (const Xapian::QueryParserError& e) {
  std::cerr << "newssearch: cannot parse the query: " << e.get_msg() << '\n';
  return kExitUsage;
} catch (const Xapian::DatabaseOpeningError& e) {
  std::cerr << "newssearch: cannot open the database: " << e.get_msg() << '\n';
  return kExitUsage;
} catch (const Xapian::Error& e) {
  std::cerr << "newssearch: " << e.get_description() << '\n';
  return kExitUsage;
} catch (const std::exception& e) {
  std::cerr << "newssearch: " << e.what() << '\n';
  return kExitUsage;
}
