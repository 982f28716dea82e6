// newssearch: ranked search over a Newsdex database.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <iostream>
#include <string_view>
#include <xapian.h>

#include "common/command_line.hpp"
#include "common/date.hpp"
#include "common/exit_codes.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/version.hpp"
#include "searcher/export_format.hpp"
#include "searcher/article_lookup.hpp"
#include "searcher/article_printer.hpp"
#include "searcher/ranking_params.hpp"
#include "searcher/result_printer.hpp"
#include "searcher/searcher.hpp"
#include "searcher/shards.hpp"
#include "searcher/timeline_printer.hpp"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr const char* kUsage =
    "usage: newssearch --db DIR [options] QUERY...\n"
    "QUERY: words, \"phrases\", AND/OR/NOT, +word -word, title: person: org: place: "
    "source: author:, date:YYYY[-MM[-DD]], date:FROM..TO; -- ends the options\n";

constexpr const char* kExamples =
    "\nexamples:\n"
    "  newssearch --db news.db oil prices\n"
    "  newssearch --db news.db --person Putin --from 2025-12 --facets\n"
    "  newssearch --db news.db --from 7d --sort newest inflation\n"
    "  newssearch --db news.db 'title:merger date:last-month..today'\n"
    "  newssearch --db news.db --json greenspn   (suggests a spelling when few articles match)\n"
    "  newssearch --db news.db --count --timeline month --plot oil.svg oil\n"
    "  newssearch --db news.db --person Baker --count --facets --facet-order significance\n"
    "  newssearch --db news.db --all --format csv > articles.csv\n"
    "Relative dates count back from today in UTC (NEWSDEX_NOW=YYYY-MM-DD fixes today).\n";

DateTime parse_bound_option(const std::string& option, const std::string& text, BoundSide side) {
  const auto date = parse_date_bound(text, side);
  if (!date) {
    throw po::error("bad date for " + option + ": '" + text + "' (use YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, "
                    "7d, 2w, 3m, 1y, last week or last month)");
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

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether a single-dash token is meant as an option rather than a query word: a dash and one
// character ("-l", "-5"), a letter run into a value ("-l5", "-n=3"), or a long option with
// one dash ("-limit", "-db=x").
bool looks_like_option(std::string_view token, const po::options_description& options) {
  const std::string_view name = token.substr(1);
  if (name.size() == 1) return true;
  if (is_ascii_letter(name[0]) && (std::isdigit(static_cast<unsigned char>(name[1])) || name[1] == '=')) {
    return true;
  }
  const std::string long_name(name.substr(0, name.find('=')));
  return options.find_nothrow(long_name, false) != nullptr;
}

// Query words such as "-moscow" (must not contain) start with a dash like options. A
// single-dash token is a query word unless it looks like an option (looks_like_option),
// which is then refused as unknown: "-l 5 oil" must not quietly search for "-l 5 oil". After
// "--" every argument is a query word.
auto query_words_with_dashes(const po::options_description& options) {
  return [&options](std::vector<std::string>& args) -> std::vector<po::option> {
    const std::string& token = args.front();
    if (token.size() < 2 || token[0] != '-' || token[1] == '-' || token == "-h") return {};
    if (looks_like_option(token, options)) {
      // Named after the whole token, which no option has: boost then refuses it as unknown,
      // and still lets "--limit -5" take "-5" as a value (for parse_count to refuse).
      po::option unknown;
      unknown.string_key = token;
      unknown.original_tokens.push_back(token);
      args.erase(args.begin());
      return {unknown};
    }
    po::option word;
    word.string_key = "query";
    word.value.push_back(token);
    word.original_tokens.push_back(token);
    args.erase(args.begin());
    return {word};
  };
}

OutputFormat parse_output_format(const po::variables_map& vm) {
  if (vm.count("format") == 0) return vm.count("json") ? OutputFormat::json : OutputFormat::text;
  const auto& name = vm["format"].as<std::string>();
  const auto format = output_format_named(name);
  if (!format) throw po::error("bad value for --format: '" + name + "' (use text, json, jsonl or csv)");
  if (vm.count("json") && *format != OutputFormat::json) {
    throw po::error("--json is --format json; it does not combine with --format " + name);
  }
  return *format;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string query;
  for (const auto& word : words) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

// The query words and filters, as the query language writes them: the chart's title.
std::string plot_title(const SearchOptions& options) {
  std::string title = options.query;
  for (const auto& field : kFacetFields) {
    for (const auto& value : options.filter_values(field.facet)) {
      if (!title.empty()) title += ' ';
      title += std::string(field.query_field) + ":" +
               (value.find(' ') == std::string::npos ? value : '"' + value + '"');
    }
  }
  if (options.from || options.to) {
    if (!title.empty()) title += ' ';
    title += "date:" + (options.from ? format_iso_date(*options.from) : std::string()) + ".." +
             (options.to ? format_iso_date(*options.to) : std::string());
  }
  return title.empty() ? "all articles" : title;
}

// --show ID, --like ID and --story ID: exit 1 when no article (story) has the id, 2 when
// several articles do.
int show_or_like(const po::variables_map& vm, const SearchOptions& options) try {
  if (vm.count("story")) {
    // A story is listed whole unless --limit is given.
    const std::size_t limit = vm.count("limit") ? options.limit : 0;
    const SearchResults results = list_story(options.db_path, vm["story"].as<std::string>(), limit);
    if (options.json) {
      print_json(results, std::cout);
    } else {
      print_text(results, false, std::cout);
    }
    return kExitOk;
  }
  if (vm.count("show")) {
    const FoundArticle found = show_article(options.db_path, vm["show"].as<std::string>());
    if (options.json) {
      print_article_json(found.article, found.damaged, std::cout);
    } else {
      print_article_text(found.article, found.damaged, std::cout);
    }
    return kExitOk;
  }
  const SearchResults results = like_article(options.db_path, vm["like"].as<std::string>(), options.limit);
  if (options.json) {
    print_json(results, std::cout);
  } else {
    print_text(results, false, std::cout);
  }
  return kExitOk;
} catch (const ArticleNotFound& e) {
  std::cerr << "newssearch: " << terminal_safe(e.what()) << '\n';
  return kExitSomeRejected;
} catch (const AmbiguousId& e) {
  std::cerr << "newssearch: " << terminal_safe(e.what()) << ':';
  for (const auto& candidate : e.candidates) std::cerr << ' ' << terminal_safe(candidate);
  std::cerr << '\n';
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) try {
  SearchOptions options;
  std::vector<std::string> words;
  std::string from;
  std::string to;
  std::string sort;
  std::string match = "auto";
  std::string timeline;
  std::string plot_path;
  std::string facet_order = "count";
  std::string facets_help = "count ";
  for (const auto& field : kFacetFields) (facets_help += field.plural) += ", ";
  facets_help.resize(facets_help.size() - 2);
  facets_help += " and months over all matches";
  po::options_description visible("options");
  visible.add_options()
      ("db", po::value(&options.db_path)->required()->value_name("DIR"),
       "database directory, or a stub file listing shards (auto PATH, remote HOST:PORT lines)")
      ("timeout", po::value(&options.shard_timeout)->value_name("SECONDS"),
       "seconds a remote shard may take to connect and to answer (default 10); exit 3 names "
       "a shard that does not")
      ("allow-partial", "answer from the shards that can be reached, marked partial")
      ;
  for (const auto& field : kFacetFields) {
    const std::string help =
        std::string(field.filter_help) + " (" +
        (field.filter_note.empty() ? "" : std::string(field.filter_note) + "; ") +
        (field.multi_valued ? "repeatable: all must match)" : "repeatable: any may match)");
    visible.add_options()(std::string(field.query_field).c_str(),
                          po::value(&options.filter_values(field.facet))->value_name("NAME"),
                          help.c_str());
  }
  visible.add_options()
      ("from", po::value(&from)->value_name("DATE"), "published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD, or relative in UTC: today, "
       "yesterday, 7d, 2w, 3m, 1y, last week, last month)")
      ("to", po::value(&to)->value_name("DATE"), "published on or before DATE (inclusive)")
      ("match", po::value(&match)->value_name("auto|all|any"),
       "query words: auto (default: all for up to 3 words while some article has them all, "
       "else ranked by how many an article holds), all must match, or any")
      ("sort", po::value(&sort)->value_name("ORDER"),
       "relevance, newest or oldest (default: relevance, or newest without query words)")
      ("limit", count_value(&options.limit, "--limit")->value_name("N"), "results to show (default 10; 0: all)")
      ("offset", count_value(&options.offset, "--offset")->value_name("N"), "results to skip first")
      ("all", "match every article (with filters: every one they select), newest first")
      ("facets", facets_help.c_str())
      ("facet-limit", count_value(&options.facet_limit, "--facet-limit")->value_name("N"), "values per facet (default 10)")
      ("facet-budget", count_value(&options.facet_budget, "--facet-budget")->value_name("N"),
       "count facets over at most N matches per thread (default 1000000); facets_exact says "
       "whether that was all")
      ("time-limit", po::value(&options.time_limit)->value_name("SECONDS"),
       "stop matching after SECONDS (default 10; 0: none) and answer with what was found")
      ("threads", count_value(&options.match_threads, "--threads")->value_name("N"),
       "threads for facets, exact counts and timelines on archives of 50000 articles or more "
       "(default: one per core)")
      ("facet-order", po::value(&facet_order)->value_name("count|significance"),
       "rank facet values by count (default) or by significance: how much more often they occur "
       "among the matches than in the whole archive")
      ("facet-min-count", count_value(&options.facet_min_count, "--facet-min-count")->value_name("N"),
       "with --facet-order significance, leave out values counted fewer than N times (default 3)")
      ("count", "show only the total (and facets or timeline when asked), no result list")
      ("timeline", po::value(&timeline)->value_name("day|week|month|year"),
       "count all matches per day, ISO week, month or year, in time order, plus the undated")
      ("normalize", "with --timeline, divide each period's count by the archive's articles in it")
      ("plot", po::value(&plot_path)->value_name("FILE.svg"),
       "write the timeline (--timeline, default month) as an SVG chart to FILE.svg")
      ("format", po::value<std::string>()->value_name("text|json|jsonl|csv"),
       "output: text (default), json (one object, as --json), jsonl (one object per result) "
       "or csv (a header row, then one row per result); jsonl and csv list every match with "
       "--all unless --limit is given")
      ("json", "print one JSON object (--format json)")
      ("show", po::value<std::string>()->value_name("ID"),
       "print the whole article whose id (as results show it) is ID")
      ("like", po::value<std::string>()->value_name("ID"),
       "list articles related to article ID, copies of its text left out (--limit applies)")
      ("collapse", "one result per story (its best-ranked article, with the story's articles, "
       "sources and dates); the total, facets and timeline then count stories, not articles")
      ("story", po::value<std::string>()->value_name("ID"),
       "list the articles of story ID (the \"story\" id results show) in time order")
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
                .style(kCommandLineStyle)
                .extra_style_parser(query_words_with_dashes(visible))
                .run(),
            vm);
  if (vm.count("help")) {
    std::cout << kUsage << '\n' << visible << kExamples;
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << version_line("newssearch") << '\n';
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
  if (!std::isfinite(options.time_limit)) throw po::error("--time-limit must be a number of seconds");
  if (!(options.shard_timeout > 0) || options.shard_timeout > 3600) {
    throw po::error("--timeout must be a number of seconds above 0, at most 3600");
  }
  options.allow_partial = vm.count("allow-partial") > 0;
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
  const OutputFormat format = parse_output_format(vm);
  if (format == OutputFormat::json) options.json = true;
  const bool streamed = format == OutputFormat::jsonl || format == OutputFormat::csv;
  if (streamed) {
    if (vm.count("facets") || vm.count("timeline") || vm.count("plot") || vm.count("count")) {
      throw po::error("--facets, --timeline, --plot and --count do not combine with --format jsonl or csv");
    }
    // An export of --all is every article, not a first page.
    if (options.list_all && vm.count("limit") == 0) options.limit = 0;
  }
  options.explain = vm.count("explain") > 0;
  options.count_only = vm.count("count") > 0;
  options.normalize = vm.count("normalize") > 0;
  if (facet_order == "significance") {
    options.facet_order = FacetOrder::significance;
  } else if (facet_order != "count") {
    throw po::error("bad value for --facet-order: '" + facet_order + "' (use count or significance)");
  }
  if (!timeline.empty()) {
    options.timeline = parse_timeline_unit(timeline);
    if (!options.timeline) {
      throw po::error("bad value for --timeline: '" + timeline + "' (use day, week, month or year)");
    }
  } else if (!plot_path.empty()) {
    options.timeline = TimelineUnit::month;
  }
  if (options.normalize && !options.timeline) throw po::error("--normalize needs --timeline");
  options.collapse = vm.count("collapse") > 0;
  if (vm.count("show") || vm.count("like") || vm.count("story")) {
    if (vm.count("show") + vm.count("like") + vm.count("story") > 1) {
      throw po::error("--show, --like and --story cannot be combined");
    }
    if (!words.empty()) throw po::error("--show, --like and --story take no query words");
    return show_or_like(vm, options);
  }
  const bool has_filter =
      std::any_of(kFacetFields.begin(), kFacetFields.end(),
                  [&](const FacetField& field) { return !options.filter_values(field.facet).empty(); }) ||
      options.from || options.to;
  if (options.query.empty() && !has_filter && !options.list_all) {
    throw po::error("nothing to search for: give query words, a filter, or --all");
  }
  options.highlight_bold = isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;

  if (streamed) {
    print_streamed(options, format, std::cout, std::cerr);
    return kExitOk;
  }
  const SearchResults results = run_search(options);
  // The results are shown all the same, so the exit status stays 0.
  for (const std::string& warning : results.warnings) {
    std::cerr << "newssearch: warning: " << terminal_safe(warning) << '\n';
  }
  if (!plot_path.empty() && results.timeline) {
    std::ofstream plot(plot_path, std::ios::binary | std::ios::trunc);
    if (plot) write_timeline_svg(*results.timeline, plot_title(options), plot);
    plot.close();
    if (!plot) {
      std::cerr << "newssearch: cannot write the plot " << terminal_safe(plot_path) << '\n';
      return kExitUsage;
    }
  }
  if (options.json) {
    print_json(results, std::cout);
  } else {
    print_text(results, options.highlight_bold, std::cout);
  }
  return kExitOk;
} catch (const po::error& e) {
  // One line, as for every error; --help has the rest.
  std::cerr << "newssearch: " << terminal_safe(usage_message(e)) << " (see newssearch --help)\n";
  return kExitUsage;
} catch (const ShardUnreachable& e) {
  std::cerr << "newssearch: " << terminal_safe(e.what()) << '\n';
  return kExitShardUnreachable;
} catch (const Xapian::QueryParserError& e) {
  std::cerr << "newssearch: cannot parse the query: " << terminal_safe(e.get_msg()) << '\n';
  return kExitUsage;
} catch (const Xapian::Error& e) {
  std::cerr << "newssearch: " << terminal_safe(e.get_description()) << '\n';
  return kExitUsage;
} catch (const std::exception& e) {
  // DatabaseProblem and SchemaMismatch name the database; paths may hold any byte.
  std::cerr << "newssearch: " << terminal_safe(e.what()) << '\n';
  return kExitUsage;
}
