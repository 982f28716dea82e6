#!/usr/bin/env python3
"""SQLite FTS5 peer, run as a child of bench/run so its RSS and time are its own.

  fts5_bench.py index DB CORPUS.jsonl       (the prepared JSON Lines, see benchlib/corpus.py)
  fts5_bench.py query DB QUERIES [PASSES]   (driver format of bench/driver_io.hpp)

Schema: fts(title, body) with tokenize='porter unicode61' and rank bm25(3, 1) so a title
word weighs three times a body word, as in Newsdex; docs(docid, id UNIQUE, date) keeps
the unique id (indexing an id again replaces the article) and the date for range filters;
tags(docid, kind, value) holds person, surname, place and month rows for filters and facet
counts. Query shapes were checked with EXPLAIN QUERY PLAN: filters on fts rowid are
written "+rowid IN (...)" so SQLite builds each filter's set once instead of handing
FTS5 one rowid lookup per candidate (1 s instead of 5 ms for a date range), and facets
join the match set to the covering (docid, kind, value) index. Commits every 2000 articles, as newsindex does by default.
"""

import heapq
import json
import sqlite3
import sys
import time

BATCH = 2000


def index(db_path, corpus):
    db = sqlite3.connect(db_path)
    db.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='porter unicode61');
        INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(3.0, 1.0)');
        CREATE TABLE docs(docid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, date TEXT);
        CREATE TABLE tags(docid INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL);
        CREATE INDEX tags_kind_value ON tags(kind, value);
        CREATE INDEX tags_docid_kind_value ON tags(docid, kind, value);
        CREATE INDEX docs_date ON docs(date);
    """)
    count = 0
    db.execute("BEGIN")
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            old = db.execute("SELECT docid FROM docs WHERE id = ?", (r["id"],)).fetchone()
            if old:  # replacement, as every engine does for a known id
                db.execute("DELETE FROM fts WHERE rowid = ?", old)
                db.execute("DELETE FROM tags WHERE docid = ?", old)
                db.execute("DELETE FROM docs WHERE docid = ?", old)
            date = r["date"][:10]
            docid = db.execute("INSERT INTO docs(id, date) VALUES(?, ?)", (r["id"], date)).lastrowid
            db.execute("INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)", (docid, r["title"], r["body"]))
            rows = [(docid, "person", p) for p in r["people"]]
            rows += [(docid, "surname", p.rsplit("-", 1)[-1].split()[-1]) for p in r["people"] if p.split()]
            rows += [(docid, "place", p) for p in r["places"]]
            if date:
                rows.append((docid, "month", date[:7]))
            db.executemany("INSERT INTO tags VALUES(?, ?, ?)", rows)
            count += 1
            if count % BATCH == 0:
                db.execute("COMMIT")
                db.execute("BEGIN")
    db.execute("COMMIT")
    db.close()
    print(f"indexed {count}")


def filters(q, col):
    """WHERE conditions (and parameters) for the query's filters on docid column col
    ("+rowid" for fts: the unary + keeps the filter from driving the FTS5 scan)."""
    where, params = [], []
    for person in q["persons"]:  # whole tag or surname, like Newsdex's person:
        where.append(f"{col} IN (SELECT docid FROM tags WHERE kind IN ('person', 'surname') AND value = ?)")
        params.append(person)
    for place in q["places"]:
        where.append(f"{col} IN (SELECT docid FROM tags WHERE kind = 'place' AND value = ?)")
        params.append(place)
    if q["from"] or q["to"]:
        where.append(f"{col} IN (SELECT docid FROM docs WHERE date BETWEEN ? AND ?)")
        params += [q["from"] or "0000-00-00", q["to"] or "9999-99-99"]
    return where, params


def match_set(q):
    """(SQL selecting the docids that match, parameters)."""
    if q["query"]:
        where, params = filters(q, "+rowid")
        return ("SELECT rowid AS d FROM fts WHERE " + " AND ".join(["fts MATCH ?"] + where),
                [q["query"]] + params)
    where, params = filters(q, "docid")
    return "SELECT docid AS d FROM docs" + (" WHERE " + " AND ".join(where) if where else ""), params


def run(db, q):
    if q["query"]:  # ranked by bm25, with a query-biased snippet
        where, params = filters(q, "+rowid")
        top = db.execute(
            "SELECT rowid, title, snippet(fts, 1, char(1), char(2), '…', 24) FROM fts WHERE "
            + " AND ".join(["fts MATCH ?"] + where) + " ORDER BY rank LIMIT 10",
            [q["query"]] + params).fetchall()
    else:  # filters only: newest first, the lead of the body
        sql, params = match_set(q)
        top = db.execute(
            "SELECT docid, title, substr(body, 1, 240) FROM docs JOIN fts ON fts.rowid = docs.docid "
            f"WHERE docid IN ({sql}) ORDER BY date DESC LIMIT 10", params).fetchall()
    if q["facets"]:
        sql, params = match_set(q)
        counts = {}
        for kind, value, n in db.execute(
                f"SELECT t.kind, t.value, COUNT(*) FROM ({sql}) AS m CROSS JOIN tags AS t ON t.docid = m.d "
                "WHERE t.kind IN ('person', 'place', 'month') GROUP BY 1, 2", params):
            counts.setdefault(kind, []).append((n, value))
        top += [heapq.nlargest(10, items) for items in counts.values()]
    return len(top)


def query(db_path, queries_path, passes):
    queries = []
    with open(queries_path, encoding="utf-8") as f:
        for line in f:
            qid, op, text, persons, places, date_from, date_to, facets = line.rstrip("\n").split("\t")
            queries.append({"qid": qid, "query": text, "persons": [p for p in persons.split("|") if p],
                            "places": [p for p in places.split("|") if p], "from": date_from,
                            "to": date_to, "facets": facets == "1"})
    db = sqlite3.connect(db_path)  # one connection, opened once
    totals = {}
    for q in queries:  # warm-up pass; it also counts matches (untimed) for cross-checking
        run(db, q)
        sql, params = match_set(q)
        totals[q["qid"]] = db.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]
    out = []
    for p in range(1, passes + 1):
        for q in queries:
            start = time.perf_counter_ns()
            run(db, q)
            out.append(f"{q['qid']}\t{p}\t{(time.perf_counter_ns() - start) / 1000:.1f}\t{totals[q['qid']]}")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "query":
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 3)
    else:
        sys.exit(__doc__)
