"""bench/queries.tsv and its translation into each engine's syntax.

queries.tsv columns (tab-separated; '#' lines are comments; '-' means empty):
  kind     word | and | phrase | or | filter   (filter: only filters, no words)
  words    query words; "double quotes" mark a phrase; plain words are ANDed,
           except for kind 'or', where any word may match
  filters  ';'-separated person=NAME, place=NAME, date=FROM..TO or date=YYYY-MM
           (bounds YYYY, YYYY-MM or YYYY-MM-DD, either end may be open)
  facets   1 to count facets (people, places, months) over all matches, else 0

Translated files (one per engine) use the driver format of bench/driver_io.hpp:
  qid op query persons places from to facets
"""

import calendar
import re
import shlex
from dataclasses import dataclass, field


@dataclass
class Query:
    qid: str
    kind: str
    words: str
    persons: list = field(default_factory=list)
    places: list = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""
    facets: bool = False

    @property
    def op(self):
        return "or" if self.kind == "or" else "and"


def _bound(text, upper):
    """'1987', '1987-03' or '1987-03-01' → the first (or last) day as YYYY-MM-DD."""
    if not text:
        return ""
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if upper else 1)
    if len(parts) > 2:
        day = parts[2]
    else:
        day = calendar.monthrange(year, month)[1] if upper else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def load(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4 or cols[0] not in ("word", "and", "phrase", "or", "filter"):
                raise SystemExit(f"{path}:{number}: expected kind<TAB>words<TAB>filters<TAB>facets")
            q = Query(f"q{len(queries) + 1:03d}", cols[0], "" if cols[1] == "-" else cols[1].strip(),
                      facets=cols[3].strip() == "1")
            for item in ([] if cols[2] == "-" else cols[2].split(";")):
                key, _, value = item.strip().partition("=")
                if key == "person":
                    q.persons.append(value.lower())
                elif key == "place":
                    q.places.append(value.lower())
                elif key == "date":
                    lo, sep, hi = value.partition("..")
                    q.date_from = _bound(lo, False)
                    q.date_to = _bound(hi if sep else lo, True)
                else:
                    raise SystemExit(f"{path}:{number}: unknown filter {key!r}")
            queries.append(q)
    return queries


def tokens(words):
    """'"oil prices" opec' → [('phrase', 'oil prices'), ('word', 'opec')]."""
    return [("phrase" if " " in t else "word", t) for t in shlex.split(words)] if words else []


# Newsdex and Xapian's QueryParser share the syntax: bare words (AND or OR by default
# operator) and "phrases". Lucene's QueryParser reads the same text, its default
# operator set per query. FTS5 needs explicit operators and quoted tokens, since a bare
# FTS5 token may not contain '-' or '.'.
def to_xapian(q):
    return q.words


def to_lucene(q):
    return " ".join(f'"{t}"' if kind == "phrase" else re.sub(r'([+\-!():^\[\]"{}~*?\\/])', r"\\\1", t)
                    for kind, t in tokens(q.words))


def to_fts5(q):
    quoted = ['"' + t.replace('"', '""') + '"' for _, t in tokens(q.words)]
    return (" OR " if q.op == "or" else " AND ").join(quoted)


def write_driver_file(queries, path, translate):
    with open(path, "w", encoding="utf-8") as out:
        for q in queries:
            out.write("\t".join([q.qid, q.op, translate(q), "|".join(q.persons), "|".join(q.places),
                                 q.date_from, q.date_to, "1" if q.facets else "0"]) + "\n")
