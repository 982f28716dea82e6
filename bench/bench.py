#!/usr/bin/env python3
"""Newsdex benchmark: indexing and query latency against peer engines (see README.md).

Run through bench/run. Every engine indexes the same prepared corpus into a fresh
directory once per round, rounds interleave the engines (so a slow phase of the machine
hits all of them), and the table reports medians over rounds.
"""

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

from benchlib import corpus as C
from benchlib import engines as E
from benchlib import queries as Q
from benchlib import report as R
from benchlib.measure import dir_mb, median, run_measured
from benchlib.remote import RemoteShards

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)


def default_corpus():
    reuters = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
    return reuters if os.path.isdir(reuters) else os.path.join(ROOT, "data")


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=None, help="JSONL file or directory (default: Reuters-21578, else data/)")
    p.add_argument("--rounds", type=int, default=3, help="rounds of indexing + querying (default 3)")
    p.add_argument("--passes", type=int, default=3, help="timed query passes per round (default 3)")
    p.add_argument("--queries", default=os.path.join(BENCH, "queries.tsv"))
    p.add_argument("--only", default=None, help="comma-separated engines: "
                   "newsdex,scriptindex,scriptindex-flush1000,fts5,lucene++")
    p.add_argument("--jobs", type=int, default=None, help="newsindex --jobs (when supported; default nproc)")
    p.add_argument("--bindir", default=os.path.join(ROOT, "build", "bin"))
    p.add_argument("--scratch", default=None, help="directory for indexes (default: a temp dir, removed)")
    p.add_argument("--keep", action="store_true",
                   help="keep each round's indexes in the scratch directory (to query them afterwards)")
    p.add_argument("--output", default=os.path.join(BENCH, "results", "latest.md"))
    p.add_argument("--install-peers", action="store_true",
                   help="apt-get install missing peers (xapian-omega, sqlite3, liblucene++-dev) as root")
    p.add_argument("--shard-by", choices=("year", "month"), default=None,
                   help="also index with newsindex --shard-by and query through the stub (comparison only)")
    p.add_argument("--scale", type=int, default=None, metavar="N",
                   help="generate N synthetic articles (generate_archive.py) and benchmark Newsdex alone")
    p.add_argument("--seed", type=int, default=1987, help="generator seed for --scale")
    p.add_argument("--remote-shards", type=int, default=3, metavar="N",
                   help="with --scale, also split the archive into N databases served by xapian-tcpsrv "
                        "on loopback and query them through a stub (default 3; 0: skip)")
    p.add_argument("--facet-budget", type=int, default=None, metavar="N",
                   help="newssearch --facet-budget for Newsdex's queries (default: newssearch's default)")
    return p.parse_args(argv)


def install_peers():
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit("bench: --install-peers needs root and apt-get")
    wanted = [pkg for pkg, present in (("xapian-omega", shutil.which("scriptindex")),
                                       ("sqlite3", shutil.which("sqlite3")),
                                       ("liblucene++-dev", os.path.exists("/usr/include/lucene++")))
              if not present]
    if wanted:
        print("bench: apt-get install", " ".join(wanted), flush=True)
        subprocess.run(["apt-get", "install", "-y", *wanted], check=True)
        # lucene_bench is only configured when Lucene++ is present: configure again.
        build = os.path.join(ROOT, "build")
        subprocess.run(["cmake", "-S", ROOT, "-B", build], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", build, "-j", str(os.cpu_count() or 1)], check=True)


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1048576:.1f} GiB RAM"
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {model}, {mem}, {platform.platform()}"


class Work:
    """The per-run scratch area and the prepared inputs derived from the corpus."""

    def __init__(self, scratch, prepared):
        self.scratch = scratch
        self.prepared = prepared
        self._dump = None
        self.dump_seconds = None

    def scriptindex_dump(self):
        if self._dump is None:  # converted once, timed, and left out of scriptindex's figures
            self._dump = os.path.join(self.scratch, "corpus.scriptindex")
            self.dump_seconds = C.to_scriptindex(self.prepared, self._dump)
        return self._dump


def tagger_speed(bindir):
    """`newsdex-train-ner --bench` on CoNLL-2003 dev: (tokens/s, tokens per CPU second), or a
    string saying why there is no figure."""
    tool = os.path.join(bindir, "newsdex-train-ner")
    dev = os.path.join(ROOT, "..", "shared", "corpora", "conll2003", "dev.txt")
    if not os.access(tool, os.X_OK):
        return f"{tool} not built"
    if not os.path.exists(dev):
        return f"{os.path.normpath(dev)} absent"
    out = subprocess.run([tool, "--bench", dev, "--repeat", "10"], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("best:"):
            words = line.split()
            return float(words[1]), float(words[3])
    return f"newsdex-train-ner --bench failed: {out.stderr.strip()[-200:]}"


def run_comparison(args, scratch, command_line):
    corpus = args.corpus or default_corpus()
    engines = E.all_engines(args.bindir, args.jobs, args.facet_budget)
    if args.only:
        wanted = {n.strip() for n in args.only.split(",")}
        unknown = wanted - {e.name for e in engines} - {"lucene"}
        if unknown:
            sys.exit(f"bench: unknown engine(s) {', '.join(sorted(unknown))}")
        engines = [e for e in engines if e.name in wanted or (e.name == "lucene++" and "lucene" in wanted)]
    if args.shard_by:
        engines.append(E.NewsdexShards(args.bindir, args.shard_by, args.jobs, args.facet_budget))
    notes = []
    runnable = []
    for e in engines:
        why = e.missing()
        if why:
            notes.append(f"{e.name} skipped: {why}")
            print(f"bench: {e.name} skipped: {why}", file=sys.stderr)
        else:
            runnable.append(e)
    if not runnable:
        sys.exit("bench: no engine can run")

    print(f"bench: preparing {corpus}", file=sys.stderr, flush=True)
    prepared = C.prepare(corpus, scratch, args.bindir)
    work = Work(scratch, prepared)
    queries = Q.load(args.queries)
    files = {}
    for e in runnable:
        files[e.name] = os.path.join(scratch, f"queries.{e.name}.tsv")
        Q.write_driver_file(queries, files[e.name], e.translate)

    rss_how = set()
    results = {e.name: {"index": [], "rss": [], "size": [], "compacted": [], "timings": []} for e in runnable}
    for rnd in range(1, args.rounds + 1):
        for e in runnable:
            dest = os.path.join(scratch, f"{e.name}.r{rnd}")
            shutil.rmtree(dest, ignore_errors=True)
            print(f"bench: round {rnd}/{args.rounds}: {e.name} indexing", file=sys.stderr, flush=True)
            wall, rss, how = e.index(work, dest)
            rss_how.add(how)
            r = results[e.name]
            r["index"].append(wall)
            r["rss"].append(rss)
            r["size"].append(e.size_mb(dest))
            r["compacted"].append(e.compacted_mb(dest))
            print(f"bench: round {rnd}/{args.rounds}: {e.name} querying ({wall:.1f} s to index)",
                  file=sys.stderr, flush=True)
            try:
                timings = e.query(dest, files[e.name], args.passes)
            except RuntimeError as error:
                # A query driver that cannot open a stub yet leaves the index figures standing.
                if not isinstance(e, E.NewsdexShards):
                    raise
                timings = []
                note = f"{e.name}: querying through the stub failed: {str(error).strip().splitlines()[-1]}"
                if note not in notes:
                    notes.append(note)
            r["timings"].append(timings)
            if type(e) is E.Newsdex:
                r.setdefault("totals", []).append(e.totals_cost(dest, files[e.name], args.passes))
                r.setdefault("collapse", []).append(e.collapse_cost(dest, files[e.name], args.passes))
            if isinstance(e, E.NewsdexShards) and rnd == 1:
                names = e.shards(dest)
                notes.append(f"{e.name}: {len(names)} shards ({', '.join(names)})")
            if not args.keep:
                shutil.rmtree(dest, ignore_errors=True)

    for e in runnable:
        results[e.name]["cpu"] = list(getattr(e, "cpu_seconds", []))
    if "newsdex-no-entities" in results:
        results["newsdex-no-entities"]["tagger"] = tagger_speed(args.bindir)
    notes.append("peak RSS measured by " + ", ".join(sorted(rss_how)))
    if work.dump_seconds is not None:
        notes.append(f"scriptindex input conversion (JSONL → dump format): {work.dump_seconds:.1f} s, "
                     "excluded from scriptindex's index time")
    notes.append(f"corpus {corpus}: {prepared.articles} articles indexed, {prepared.dropped} empty records "
                 f"dropped, {prepared.text_mb:.1f} MB title+body text (prepared in {prepared.seconds:.1f} s)")
    settings = [f"{e.name}: {e.settings}" for e in runnable]
    text = R.comparison_table(runnable, results, prepared, queries, args, machine(), command_line,
                              notes, settings)
    R.write_query_details(queries, runnable, results, os.path.join(os.path.dirname(args.output),
                                                                    "latest-queries.tsv"))
    return text


def run_scale(args, scratch, command_line):
    n = args.scale
    engine = E.Newsdex(args.bindir, args.jobs, args.facet_budget)
    why = engine.missing()
    if why:
        sys.exit(f"bench: {why}")
    archive = os.path.join(scratch, f"archive-{n}.jsonl")
    print(f"bench: generating {n} articles", file=sys.stderr, flush=True)
    gen_start = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(BENCH, "generate_archive.py"), "--n", str(n),
                    "--seed", str(args.seed), "--out", archive], check=True)
    gen_seconds = time.perf_counter() - gen_start
    prepared = C.prepare(archive, scratch, args.bindir)
    work = Work(scratch, prepared)
    # Word queries only (the synthetic archive's entities differ from Reuters' tags), each
    # run once without and once with facets.
    queries = []
    for q in Q.load(args.queries):
        if q.words and not (q.persons or q.places or q.date_from or q.date_to):
            for facets in (False, True):
                queries.append(Q.Query(f"{q.qid}{'f' if facets else ''}", q.kind, q.words, facets=facets))
    driver_file = os.path.join(scratch, "queries.scale.tsv")
    Q.write_driver_file(queries, driver_file, engine.translate)
    rows = {"index": [], "rss": [], "size": [], "compacted": [], "timings": [], "floor": [], "totals": [], "collapse": []}
    remote = RemoteShards(engine, args.remote_shards) if args.remote_shards > 0 else None
    remote_notes = []
    if remote and remote.missing():
        remote_notes.append(f"remote shards skipped: {remote.missing()}")
        remote = None
    remote_rows = {"index": [], "rss": [], "size": [], "timings": []}
    for rnd in range(1, args.rounds + 1):
        dest = os.path.join(scratch, f"newsdex.scale.r{rnd}")
        shutil.rmtree(dest, ignore_errors=True)
        print(f"bench: round {rnd}/{args.rounds}: indexing {n} articles", file=sys.stderr, flush=True)
        wall, rss, how = engine.index(work, dest)
        rows["index"].append(wall)
        rows["rss"].append(rss)
        rows["size"].append(dir_mb(dest))
        rows["compacted"].append(engine.compacted_mb(dest))
        print(f"bench: round {rnd}/{args.rounds}: querying ({wall:.1f} s to index)", file=sys.stderr, flush=True)
        rows["timings"].append(engine.query(dest, driver_file, args.passes))
        rows["floor"].append(engine.count_floor(dest, driver_file, args.passes))
        rows["totals"].append(engine.totals_cost(dest, driver_file, args.passes))
        rows["collapse"].append(engine.collapse_cost(dest, driver_file, args.passes))
        if not args.keep:
            shutil.rmtree(dest, ignore_errors=True)
        if remote:
            shards_dest = os.path.join(scratch, f"newsdex.remote.r{rnd}")
            shutil.rmtree(shards_dest, ignore_errors=True)
            print(f"bench: round {rnd}/{args.rounds}: indexing {remote.count} shards", file=sys.stderr, flush=True)
            walls, rss, _, size = remote.build(prepared.path, shards_dest)
            remote_rows["index"].append(walls)
            remote_rows["rss"].append(rss)
            remote_rows["size"].append(size)
            print(f"bench: round {rnd}/{args.rounds}: querying {remote.count} shards over xapian-tcpsrv",
                  file=sys.stderr, flush=True)
            with remote.served(shards_dest) as stub:
                remote_rows["timings"].append(engine.query(stub, driver_file, args.passes))
            if not args.keep:
                shutil.rmtree(shards_dest, ignore_errors=True)
    notes = [f"synthetic archive: {n} articles, seed {args.seed}, generated in {gen_seconds:.1f} s "
             f"({prepared.text_mb:.0f} MB title+body text)", f"newsdex: {engine.settings}",
             f"peak RSS measured by {how}"] + remote_notes
    return R.scale_table(n, rows, prepared, queries, machine(), command_line, notes,
                         remote_rows if remote else None, remote.count if remote else 0)


def main(argv):
    args = parse_args(argv)
    command_line = "bench/run " + " ".join(shlex.quote(a) for a in argv)
    if args.install_peers:
        install_peers()
    if args.rounds < 1 or args.passes < 1:
        sys.exit("bench: --rounds and --passes must be at least 1")
    scratch = args.scratch or tempfile.mkdtemp(prefix="newsdex-bench-")
    os.makedirs(scratch, exist_ok=True)
    try:
        text = run_scale(args, scratch, command_line) if args.scale else \
            run_comparison(args, scratch, command_line)
    finally:
        if not args.scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    print(text)
    output = args.output
    if args.scale and output == os.path.join(BENCH, "results", "latest.md"):
        output = os.path.join(BENCH, "results", f"scale-{args.scale}.md")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"(written to {os.path.relpath(output)})", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
