// newsindex: index news articles into a Xapian database.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>
#include <xapian.h>

#include "common/command_line.hpp"
#include "common/exit_codes.hpp"
#include "common/entities/ner/conll_tagging.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/version.hpp"
#include "indexer/fatal_error.hpp"
#include "indexer/indexer.hpp"
#include "indexer/stop_signal.hpp"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr const char* kUsage = "usage: newsindex --db DIR [options] INPUT...\n"
                               "INPUT is an article file (.txt, .jsonl, .ndjson), a directory "
                               "(walked recursively) or - (JSON Lines on standard input).\n";

constexpr const char* kExamples =
    "\nexamples:\n"
    "  newsindex --db news.db data/\n"
    "  newsindex --db news.db --jobs 2 reuters.jsonl\n"
    "  zcat feed.jsonl.gz | newsindex --db news.db -\n"
    "  newsindex --db news.db --prune data/\n"
    "  newsindex --db news.db --source BBC --author \"BBC News\" bbc/\n"
    "  newsindex --db archive --shard-by year data/\n";

ShardPeriod parse_shard_period(const std::string& name) {
  if (name == "year") return ShardPeriod::year;
  if (name == "month") return ShardPeriod::month;
  throw po::invalid_option_value("--shard-by " + name + " (use year or month)");
}

InputFormat parse_format(const std::string& name) {
  if (name == "auto") return InputFormat::automatic;
  if (name == "text" || name == "txt") return InputFormat::text;
  if (name == "jsonl" || name == "ndjson") return InputFormat::jsonl;
  throw po::invalid_option_value("--format " + name + " (use auto, text or jsonl)");
}

// The value of --source or --author as articles would carry it: valid UTF-8, white space
// collapsed as the parsers collapse a name. Given but blank is a mistake, not "none".
std::string default_value(const po::variables_map& vm, const std::string& option,
                          const std::string& value) {
  if (vm.count(option.substr(2)) == 0) return {};
  std::string cleaned = collapse_whitespace(repair_utf8(value).text);
  if (cleaned.empty()) throw po::error(option + " must not be empty");
  return cleaned;
}

}  // namespace

int main(int argc, char** argv) try {
  IndexerOptions options;
  options.jobs = std::max(1U, std::thread::hardware_concurrency());
  std::string format = "auto";
  po::options_description visible("options");
  visible.add_options()
      ("db", po::value(&options.db_path)->required()->value_name("DIR"),
       "database directory (created when missing)")
      ("format", po::value(&format)->value_name("FMT"),
       "format of files named on the command line: auto (by extension), text or jsonl")
      ("batch-size", count_value(&options.batch_size, "--batch-size")->value_name("N"),
       "commit after every N articles (default 1000)")
      ("jobs,j", count_value(&options.jobs, "--jobs")->value_name("N"),
       "worker threads, and shards for a first build (default: the number of cores)")
      ("memory", count_value(&options.memory_mb, "--memory")->value_name("MB"),
       "memory budget for buffered articles, postings and the articles stories are formed from (default 512)")
      ("shard-by", po::value<std::string>()->value_name("PERIOD"),
       "one database per year or month below DIR, listed in the stub file DIR/XAPIANDB")
      ("no-entities", "do not extract persons, organizations and places")
      ("source", po::value(&options.defaults.source)->value_name("NAME"),
       "the source of articles that name none")
      ("author", po::value(&options.defaults.author)->value_name("NAME"),
       "the author of articles that name none")
      ("strict", "stop at the first rejected input")
      ("prune", "remove articles whose files, below a directory given as INPUT, are gone")
      ("wait", "wait for another newsindex writing the database instead of failing")
      ("force", "re-read files indexed before even when they are unchanged")
      ("json", "print the summary as one JSON object")
      ("quiet,q", "no warnings or progress line")
      ("tag-conll", po::value<std::string>()->value_name("FILE"),
       "tag a CoNLL-2003 file with the statistical NER model and print WORD GOLD PREDICTED "
       "lines (IOB2); needs no --db or INPUT")
      ("help,h", "show this help")
      ("version", "show the version");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&options.inputs));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv)
                .options(all)
                .positional(positional)
                .style(kCommandLineStyle)
                .run(),
            vm);
  if (vm.count("help")) {
    std::cout << kUsage << '\n' << visible << kExamples;
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << version_line("newsindex") << '\n';
    return kExitOk;
  }
  if (vm.count("tag-conll")) {
    const auto path = vm["tag-conll"].as<std::string>();
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ios::sync_with_stdio(false);
    ner::tag_conll(in, std::cout, ner::NerTagger::builtin());
    std::cout.flush();
    return std::cout ? kExitOk : kExitUsage;
  }
  po::notify(vm);
  if (options.inputs.empty()) throw po::error("no INPUT given");
  if (options.batch_size == 0) throw po::error("--batch-size must be at least 1");
  if (options.jobs == 0 || options.jobs > 64) throw po::error("--jobs must be from 1 to 64");
  if (options.memory_mb < 16) throw po::error("--memory must be at least 16 (MB)");
  options.format = parse_format(format);
  options.defaults.source = default_value(vm, "--source", options.defaults.source);
  options.defaults.author = default_value(vm, "--author", options.defaults.author);
  if (vm.count("shard-by")) options.shard_by = parse_shard_period(vm["shard-by"].as<std::string>());
  options.extract_entities = vm.count("no-entities") == 0;
  options.strict = vm.count("strict") > 0;
  options.prune = vm.count("prune") > 0;
  options.wait = vm.count("wait") > 0;
  options.force = vm.count("force") > 0;
  options.json_summary = vm.count("json") > 0;
  options.quiet = vm.count("quiet") > 0;
  options.progress = isatty(STDERR_FILENO) != 0;
  install_stop_handlers();
  install_fatal_error_handler(options.db_path);
  return run_indexer(options, std::cout, std::cerr);
} catch (const po::error& e) {
  // One line, as for every error; --help has the rest.
  std::cerr << "newsindex: " << usage_message(e) << " (see newsindex --help)\n";
  return kExitUsage;
} catch (const Xapian::DatabaseLockError& e) {
  std::cerr << "newsindex: the database is locked by another writer (use --wait to wait for it): "
            << e.get_msg() << '\n';
  return kExitUsage;
} catch (const Xapian::Error& e) {
  std::cerr << "newsindex: " << e.get_description() << '\n';
  return kExitUsage;
} catch (const std::exception& e) {
  std::cerr << "newsindex: " << e.what() << '\n';
  return kExitUsage;
}
