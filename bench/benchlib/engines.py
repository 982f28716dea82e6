"""The engines under test: how each indexes the prepared corpus and runs the query file.

Each index() runs the indexer as one child process and returns its wall time and peak
RSS; each query() runs a driver that opens the index once and prints per-query timings.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from . import queries as Q
from .measure import dir_mb, run_measured

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _parse_timings(text):
    rows = []
    for line in text.splitlines():
        qid, pas, micros, matches = line.split("\t")
        rows.append((qid, int(pas), float(micros), int(matches)))
    return rows


def _run_driver(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{os.path.basename(cmd[0])} failed: {proc.stderr[-2000:]}")
    return _parse_timings(proc.stdout)


def xapian_compacted_mb(db):
    """Size after xapian-compact into a scratch directory (the index as shipped)."""
    if not shutil.which("xapian-compact"):
        return None
    with tempfile.TemporaryDirectory(dir=os.path.dirname(db)) as tmp:
        out = os.path.join(tmp, "c")
        subprocess.run(["xapian-compact", "--no-renumber", db, out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return dir_mb(out)


class Engine:
    name = ""
    compacts = False
    settings = ""
    launcher = None  # build/bin/rusage_run, for an honest peak RSS (see measure.run_measured)

    def measured(self, cmd, env=None):
        # CPU seconds of each indexing run, in order: on a shared machine they vary less than
        # the wall clock (the entity-cost line of the report compares them).
        self.cpu_seconds = getattr(self, "cpu_seconds", [])
        return run_measured(cmd, env=env, launcher=self.launcher, cpu=self.cpu_seconds)

    def missing(self):
        """None when runnable, else why not."""
        return None

    def index(self, work, dest):
        raise NotImplementedError

    def query(self, dest, driver_file, passes):
        raise NotImplementedError

    def size_mb(self, dest):
        return dir_mb(dest)

    def compacted_mb(self, dest):
        return xapian_compacted_mb(dest) if self.compacts else None


class Newsdex(Engine):
    name = "newsdex"
    compacts = True

    def __init__(self, bindir, jobs=None, facet_budget=None):
        self.facet_budget = facet_budget
        self.launcher = os.path.join(bindir, "rusage_run")
        self.newsindex = os.path.join(bindir, "newsindex")
        self.driver = os.path.join(bindir, "newsdex_query_bench")
        self.flags = []
        help_text = ""
        if os.access(self.newsindex, os.X_OK):
            help_text = subprocess.run([self.newsindex, "--help"], capture_output=True, text=True).stdout
        # --jobs arrives with the parallel indexer; older builds index on one thread.
        if "--jobs" in help_text:
            self.flags = ["--jobs", str(jobs or os.cpu_count() or 1)]
            self.settings = f"entities on, --jobs {self.flags[1]}"
        else:
            self.settings = "entities on, single-threaded (no --jobs in this build)"
        self.settings += "; --memory supported (default used)" if "--memory" in help_text else ""
        if facet_budget is not None:
            self.settings += f"; queries with --facet-budget {facet_budget}"

    def missing(self):
        for path in (self.newsindex, self.driver):
            if not os.access(path, os.X_OK):
                return f"{path} not built (cmake --build build)"
        return None

    def index(self, work, dest):
        return self.measured([self.newsindex, "--db", dest, "--quiet", *self.flags, work.prepared.path])

    def query(self, dest, driver_file, passes):
        budget = [] if self.facet_budget is None else [str(self.facet_budget)]
        return _run_driver([self.driver, dest, driver_file, str(passes), *budget])

    def totals_cost(self, dest, driver_file, passes):
        """Timings of the queries without facets run twice in a row: as newssearch runs them,
        counting every match (qid), and with the count stopped at the page's end, as Xapian
        estimates totals (qid@estimate)."""
        budget = [] if self.facet_budget is None else [str(self.facet_budget)]
        return _run_driver([self.driver, "--totals-cost", dest, driver_file, str(passes), *budget])

    def collapse_cost(self, dest, driver_file, passes):
        """Timings of every query run twice in a row: as newssearch runs it (qid) and with
        --collapse, counting stories and facets per story (qid@collapse)."""
        budget = [] if self.facet_budget is None else [str(self.facet_budget)]
        return _run_driver([self.driver, "--collapse-cost", dest, driver_file, str(passes), *budget])

    def count_floor(self, dest, driver_file, passes):
        """Timings of Xapian's matcher alone counting each facet query's matches exactly,
        split as newssearch splits it: the floor under any exact facet count."""
        return _run_driver([self.driver, "--count-floor", dest, driver_file, str(passes)])

    translate = staticmethod(Q.to_xapian)


class NewsdexNoEntities(Newsdex):
    """Newsdex indexing with `--no-entities`, everything else the same: what entity extraction
    costs. Indexing only (its index lacks the entity terms the queries filter on)."""
    name = "newsdex-no-entities"
    compacts = False

    def __init__(self, bindir, jobs=None, facet_budget=None):
        super().__init__(bindir, jobs, facet_budget)
        self.flags = [*self.flags, "--no-entities"]
        self.settings = self.settings.replace("entities on", "--no-entities") + "; indexing only, no queries"

    def query(self, dest, driver_file, passes):
        return []


class NewsdexShards(Newsdex):
    """Newsdex with --shard-by: one database per period below the index directory, queried
    through the stub file that lists them, as `newssearch --db DIR` opens it."""
    compacts = False

    def __init__(self, bindir, period, jobs=None, facet_budget=None):
        super().__init__(bindir, jobs, facet_budget)
        self.period = period
        self.name = f"newsdex-{period}-shards"
        self.settings += f"; --shard-by {period}, queried through the stub DIR/XAPIANDB"

    def index(self, work, dest):
        return self.measured([self.newsindex, "--db", dest, "--quiet", "--shard-by", self.period,
                              *self.flags, work.prepared.path])

    @staticmethod
    def shards(dest):
        """The shard names the stub lists."""
        with open(os.path.join(dest, "XAPIANDB"), encoding="utf-8") as stub:
            return [line[5:].strip() for line in stub if line.startswith("auto ")]


class Scriptindex(Engine):
    compacts = True

    def __init__(self, bindir, flush=None):
        self.launcher = os.path.join(bindir, "rusage_run")
        self.flush = flush
        self.name = "scriptindex" + (f"-flush{flush}" if flush else "")
        self.driver = os.path.join(bindir, "xapian_query_bench")
        self.settings = ("bench/scriptindex.script, english stemmer, tags as facets; "
                         + (f"XAPIAN_FLUSH_THRESHOLD={flush}" if flush else "default flush (10000)"))

    def missing(self):
        if not shutil.which("scriptindex"):
            return "scriptindex not installed (apt-get install xapian-omega, or --install-peers)"
        if not os.access(self.driver, os.X_OK):
            return f"{self.driver} not built"
        return None

    def index(self, work, dest):
        env = dict(os.environ)
        env.pop("XAPIAN_FLUSH_THRESHOLD", None)
        if self.flush:
            env["XAPIAN_FLUSH_THRESHOLD"] = str(self.flush)
        script = os.path.join(BENCH, "scriptindex.script")
        return self.measured(["scriptindex", "--overwrite", dest, script, work.scriptindex_dump()], env=env)

    def query(self, dest, driver_file, passes):
        return _run_driver([self.driver, dest, driver_file, str(passes)])

    translate = staticmethod(Q.to_xapian)


class Fts5(Engine):
    name = "fts5"
    settings = "tokenize='porter unicode61', rank bm25(3,1), docs+tags side tables, commit/2000"

    def __init__(self, bindir):
        self.launcher = os.path.join(bindir, "rusage_run")

    def missing(self):
        try:
            import sqlite3
            con = sqlite3.connect(":memory:")
            con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        except Exception as e:  # no module or an SQLite built without FTS5
            return f"python3 sqlite3 with FTS5 unavailable ({e})"
        return None

    def index(self, work, dest):
        os.makedirs(dest, exist_ok=True)
        return self.measured([sys.executable, os.path.join(BENCH, "fts5_bench.py"), "index",
                             os.path.join(dest, "fts.db"), work.prepared.path])

    def query(self, dest, driver_file, passes):
        return _run_driver([sys.executable, os.path.join(BENCH, "fts5_bench.py"), "query",
                            os.path.join(dest, "fts.db"), driver_file, str(passes)])

    translate = staticmethod(Q.to_fts5)


class Lucene(Engine):
    name = "lucene++"
    settings = "SnowballAnalyzer('english'), no stop words, title^3 + body, RAM buffer 16 MB, not optimized"

    def __init__(self, bindir):
        self.launcher = os.path.join(bindir, "rusage_run")
        self.driver = os.path.join(bindir, "lucene_bench")

    def missing(self):
        if not os.access(self.driver, os.X_OK):
            return ("lucene_bench not built (apt-get install liblucene++-dev, or --install-peers; "
                    "then re-run cmake)")
        return None

    def index(self, work, dest):
        return self.measured([self.driver, "index", dest, work.prepared.path])

    def query(self, dest, driver_file, passes):
        return _run_driver([self.driver, "query", dest, driver_file, str(passes)])

    translate = staticmethod(Q.to_lucene)


def all_engines(bindir, jobs=None, facet_budget=None):
    return [Newsdex(bindir, jobs, facet_budget), NewsdexNoEntities(bindir, jobs), Scriptindex(bindir), Scriptindex(bindir, flush=1000), Fts5(bindir), Lucene(bindir)]
