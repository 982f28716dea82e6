// newssearch over a stub file of shards served by xapian-tcpsrv on loopback: the answer equals
// the single database's; an unreachable shard; a shard re-indexed while served.
// Exits with kSkipped, which ctest reports as skipped, when xapian-tcpsrv is not installed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "article_fixtures.hpp"
#include "cli.hpp"

using namespace newsdex::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kSkipped = 77;
constexpr int kExitShardUnreachable = 3;
const std::string kArticles = kDataDir + "/articles";

// xapian-tcpsrv's path on PATH, empty when it is not installed.
std::string find_server() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (std::size_t start = 0; start <= dirs.size();) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / "xapian-tcpsrv";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return {};
}

// A loopback port nothing listens on now.
unsigned free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(unsigned port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return connected;
}

// xapian-tcpsrv serving one database on a loopback port, in a session of its own: when
// stopped it signals its whole process group, which must not be the test's.
class Server {
 public:
  Server(const std::string& program, const std::string& db) : port_(free_port()) {
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      setsid();
      const int null = open("/dev/null", O_RDWR);
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      const std::string port = std::to_string(port_);
      execl(program.c_str(), program.c_str(), "--port", port.c_str(), "--interface", "127.0.0.1",
            db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts_connections(port_) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(accepts_connections(port_));
  }
  ~Server() { stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  unsigned port_;
  pid_t pid_ = -1;
};

// data/articles as one database and as three shards of its folders (copied, so that each
// article keeps the id it has in the single database), served by three servers.
struct Archive {
  std::string single;
  std::vector<std::string> shard_inputs;
  std::vector<std::string> shard_dbs;
  std::vector<std::unique_ptr<Server>> servers;
  std::string stub;

  explicit Archive(const std::string& server) {
    single = scratch_path("shards/single");
    REQUIRE(index(single, {"--quiet", kArticles}).process.exit_code == 0);
    const std::string root = scratch_path("shards/parts");
    std::size_t next = 0;
    for (int i = 0; i < 3; ++i) {
      shard_inputs.push_back(root + "/input" + std::to_string(i));
      shard_dbs.push_back(root + "/db" + std::to_string(i));
      fs::create_directories(shard_inputs.back());
    }
    for (const auto& entry : fs::directory_iterator(kArticles)) {
      if (!entry.is_directory()) continue;
      fs::copy(entry.path(), fs::path(shard_inputs[next++ % 3]) / entry.path().filename(),
               fs::copy_options::recursive);
    }
    std::ofstream out(root + "/stub");
    for (int i = 0; i < 3; ++i) {
      REQUIRE(index(shard_dbs[i], {"--quiet", shard_inputs[i]}).process.exit_code == 0);
      servers.push_back(std::make_unique<Server>(server, shard_dbs[i]));
      out << "remote " << servers.back()->address() << '\n';
    }
    stub = root + "/stub";
  }
};

std::string server_path;

// The results in order, each run of results tied on score and date (which the docids order,
// and docids differ between one database and shards) as a set.
std::vector<std::set<std::string>> ranked_groups(const json& answer) {
  std::vector<std::set<std::string>> groups;
  double score = -1;
  std::string date;
  for (const auto& hit : answer.at("results")) {
    const double hit_score = hit.at("score").get<double>();
    const std::string hit_date = hit.at("date").is_null() ? "" : hit.at("date").get<std::string>();
    if (groups.empty() || std::abs(hit_score - score) > 1e-9 * std::max(1.0, score) || hit_date != date) {
      groups.emplace_back();
    }
    groups.back().insert(hit.at("id").get<std::string>());
    score = hit_score;
    date = hit_date;
  }
  return groups;
}

void check_same_answer(const json& single, const json& sharded) {
  CHECK(sharded.at("total") == single.at("total"));
  CHECK(sharded.at("total_exact") == single.at("total_exact"));
  REQUIRE(sharded.at("results").size() == single.at("results").size());
  for (std::size_t i = 0; i < single.at("results").size(); ++i) {
    const double expected = single["results"][i]["score"].get<double>();
    CHECK(sharded["results"][i]["score"].get<double>() == Approx(expected).epsilon(1e-12));
  }
  CHECK(ranked_groups(sharded) == ranked_groups(single));
  CHECK(sharded.value("facets", json()) == single.value("facets", json()));
  CHECK(sharded.value("facets_counted", json()) == single.value("facets_counted", json()));
  CHECK(sharded.value("facets_undated", json()) == single.value("facets_undated", json()));
  CHECK(sharded.value("facets_exact", json()) == single.value("facets_exact", json()));
  CHECK(sharded.value("timeline", json()) == single.value("timeline", json()));
  CHECK(sharded.at("relaxed") == single.at("relaxed"));
  CHECK_FALSE(sharded.contains("partial"));
}

const std::vector<std::vector<std::string>> kQueries = {
    {"oil", "prices", "--limit", "25"},
    {"ukraine", "--facets"},
    {"--person", "putin", "--facets", "--timeline", "month"},
    {"--all", "--facets", "--facet-limit", "50", "--limit", "60"},
    {"minister", "--from", "2025-11", "--to", "2026-01", "--facets", "--timeline", "week", "--normalize"},
    {"title:ukraine OR oil", "--limit", "30", "--offset", "2"},
    {"\"prime minister\"", "--facets"},
    {"peace", "talks", "--facets", "--facet-order", "significance", "--facet-min-count", "1"},
    {"trade", "--count", "--facets", "--timeline", "year"},
    {"talks", "--sort", "newest", "--facets", "--limit", "40"},
    {"energy", "-winter", "--match", "any", "--limit", "40"},
    {"why are gas and energy prices rising across europe this winter", "--limit", "40"},
};

}  // namespace

TEST_CASE("shards: three remote shards answer as the single database") {
  Archive archive(server_path);
  for (const auto& query : kQueries) {
    INFO("query: " << json(query).dump());
    const json single = search(archive.single, query);
    check_same_answer(single, search(archive.stub, query));
  }
  // A stub mixing a local shard (a path relative to the stub) with remote ones.
  const std::string mixed = fs::path(archive.stub).parent_path() / "mixed";
  std::ofstream(mixed) << "remote " << archive.servers[0]->address() << "\nauto db1\nremote "
                       << archive.servers[2]->address() << '\n';
  for (const auto& query : kQueries) {
    INFO("query over the mixed stub: " << json(query).dump());
    check_same_answer(search(archive.single, query), search(mixed, query));
  }
}

TEST_CASE("shards: a stopped shard is named within the timeout; --allow-partial answers from the others") {
  Archive archive(server_path);
  const json before = search(archive.stub, {"--all", "--count", "--facets"});
  const json second_alone = search(archive.shard_dbs[1], {"--all", "--count"});
  archive.servers[1]->stop();
  const std::string stopped = archive.servers[1]->address();

  const auto start = std::chrono::steady_clock::now();
  const ProcessResult failed =
      run_process(kNewssearch, {"--db", archive.stub, "--timeout", "2", "--all", "--count"});
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(failed.exit_code == kExitShardUnreachable);
  CHECK(failed.err.find(stopped) != std::string::npos);
  CHECK(failed.out.empty());
  CHECK(took < std::chrono::seconds(5));

  const json partial = search(archive.stub, {"--allow-partial", "--timeout", "2", "--all", "--count", "--facets"});
  CHECK(partial.at("partial") == true);
  CHECK(partial.at("unreachable") == json::array({stopped}));
  CHECK(partial.at("total").get<std::size_t>() ==
        before.at("total").get<std::size_t>() - second_alone.at("total").get<std::size_t>());
  CHECK(partial.at("facets_counted") == partial.at("total"));

  const ProcessResult text =
      run_process(kNewssearch, {"--db", archive.stub, "--allow-partial", "--timeout", "2", "ukraine"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("partial") != std::string::npos);
  CHECK(text.out.find(stopped) != std::string::npos);
}

TEST_CASE("shards: a server that accepts but never answers is named within the timeout") {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(listener, 4) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const std::string silent = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  const std::string stub = scratch_path("shards/silent-stub");
  std::ofstream(stub) << "remote " << silent << '\n';

  const auto start = std::chrono::steady_clock::now();
  const ProcessResult failed = run_process(kNewssearch, {"--db", stub, "--timeout", "1", "oil"});
  const auto took = std::chrono::steady_clock::now() - start;
  close(listener);
  CHECK(failed.exit_code == kExitShardUnreachable);
  CHECK(failed.err.find(silent) != std::string::npos);
  CHECK(took < std::chrono::seconds(4));
}

TEST_CASE("shards: a shard re-indexed while it is served is searched at its newest revision") {
  Archive archive(server_path);
  CHECK(search(archive.stub, {"zanzibarian"}).at("total") == 0);
  const fs::path added = fs::path(archive.shard_inputs[2]) / "late" / "zanzibarian-ferry.txt";
  fs::create_directories(added.parent_path());
  std::ofstream(added) << "Zanzibarian ferry resumes service\n\nThe zanzibarian ferry sailed again on Monday.\n";
  REQUIRE(index(archive.shard_dbs[2], {"--quiet", archive.shard_inputs[2]}).process.exit_code == 0);
  const json found = search(archive.stub, {"zanzibarian", "--facets"});
  CHECK(found.at("total") == 1);
  CHECK(ids(found) == std::vector<std::string>{"late/zanzibarian-ferry.txt"});
}

TEST_CASE("shards: --collapse over three remote shards counts the single database's stories exactly") {
  const fs::path inputs = scratch_path("shards/stories-in");
  write_month_stories(inputs / "stories.jsonl");
  const std::string single = scratch_path("shards/stories-single");
  const std::string sharded = scratch_path("shards/stories-month");
  REQUIRE(index(single, {"--quiet", inputs.string()}).process.exit_code == 0);
  REQUIRE(index(sharded, {"--quiet", "--shard-by", "month", inputs.string()}).process.exit_code == 0);
  std::vector<std::unique_ptr<Server>> servers;
  const std::string stub = scratch_path("shards/stories-stub");
  {
    std::ofstream out(stub);
    for (const std::string month : {"2025-10", "2025-11", "2025-12"}) {
      servers.push_back(std::make_unique<Server>(server_path, sharded + "/" + month));
      out << "remote " << servers.back()->address() << '\n';
    }
  }
  const std::vector<std::vector<std::string>> queries = {
      {"--all", "--collapse", "--limit", "0"},
      {"--all", "--collapse", "--limit", "2"},
      {"election", "OR", "storm", "OR", "funding", "--collapse"},
      {"--from", "2025-11", "--collapse", "--count"},
  };
  for (const auto& query : queries) {
    INFO("query: " << json(query).dump());
    const json expected = search(single, query);
    const json answer = search(stub, query);
    CHECK(answer.at("counted") == "stories");
    CHECK(answer.at("total") == expected.at("total"));
    CHECK(answer.at("total_exact") == true);
    CHECK(answer.at("results").size() == expected.at("results").size());
  }
  CHECK(search(stub, {"--all", "--collapse"}).at("total") == 6);
  // Remote shards count facets and the timeline by article, and say so; the total stays the
  // stories'.
  const json faceted = search(stub, {"--all", "--collapse", "--facets", "--timeline", "month"});
  const json by_article = search(single, {"--all", "--facets", "--timeline", "month"});
  CHECK(faceted.at("total") == 6);
  CHECK(faceted.at("counted") == "stories");
  CHECK(faceted.at("facet_counts") == "articles");
  CHECK(faceted.at("facets") == by_article.at("facets"));
  CHECK(faceted.at("facets_counted") == 12);
  CHECK(faceted.at("facets_exact") == true);
  CHECK(faceted.at("timeline").at("counts") == "articles");
  CHECK(faceted.at("timeline").at("counted") == 12);
}

int main(int argc, char** argv) {
  server_path = find_server();
  if (server_path.empty()) {
    std::cout << "skipped: no xapian-tcpsrv on PATH (Debian package xapian-tools)\n";
    return kSkipped;
  }
  return Catch::Session().run(argc, argv);
}
