"""Turns a corpus into the one prepared JSON Lines file every engine indexes.

Every engine reads the same articles: records with neither title nor body are dropped
(737 of Reuters-21578's 21,578), and each kept record is reduced to id, title, body, date,
people and places. People and places come from the record's own tags (Reuters' people /
places lists, the generator's persons / places), which the peers index as facet terms;
Newsdex ignores them and finds entities in the text itself.

A directory of article text files (the project's data/) is read through Newsdex: it is
indexed into a scratch database and `newssearch --all --limit 0 --json` exports id, title,
date, persons and places; bodies are read back from the files it names (header block or
first line as headline, the rest as body), so peers see Newsdex's own entities as tags.
"""

import json
import os
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Prepared:
    path: str          # prepared JSON Lines
    articles: int
    text_mb: float     # UTF-8 title + body bytes, the "MB" of MB/s
    dropped: int       # records without title and body
    seconds: float     # preparation time (not part of any engine's figures)


def _tags(record, *keys):
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            return [str(v).strip().lower() for v in value if str(v).strip()]
    return []


def _first(record, *keys):
    for key in keys:
        value = record.get(key)
        if isinstance(value, (str, int)) and str(value) != "":
            return str(value)
    return ""


def _jsonl_files(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        found += [os.path.join(root, f) for f in sorted(files) if f.endswith((".jsonl", ".ndjson"))]
    return found


def _top_level_jsonl(path):
    """JSON Lines files directly in a directory (Reuters: reuters21578.jsonl beside raw/)."""
    if not os.path.isdir(path):
        return []
    return [os.path.join(path, f) for f in sorted(os.listdir(path)) if f.endswith((".jsonl", ".ndjson"))]


def _has_text_files(path):
    return os.path.isdir(path) and any(
        f.endswith(".txt") for _, _, files in os.walk(path) for f in files)


def _write(out, record, stats):
    title, body = record["title"], record["body"]
    if not title.strip() and not body.strip():
        stats["dropped"] += 1
        return
    stats["articles"] += 1
    stats["bytes"] += len(title.encode()) + len(body.encode())
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _from_jsonl(files, out, stats):
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                _write(out, {
                    "id": _first(r, "id", "guid", "url", "link") or f"{name}:{number}",
                    "title": _first(r, "title", "headline"),
                    "body": _first(r, "body", "text", "content"),
                    "date": _first(r, "date", "published", "published_at", "pubDate"),
                    "people": _tags(r, "people", "persons"),
                    "places": _tags(r, "places"),
                }, stats)


def _text_body(path):
    """Body of an article text file: after the Key: value header block, else after line 1."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    header = 0
    while header < len(lines) and ":" in lines[header] and \
            lines[header].split(":", 1)[0].strip().lower() in ("title", "date", "author", "source", "url"):
        header += 1
    return "\n".join(lines[header if header else 1:]).strip()


def _from_newsdex_export(root, out, stats, bindir, scratch):
    db = os.path.join(scratch, "export-db")
    subprocess.run([os.path.join(bindir, "newsindex"), "--db", db, "--quiet", root],
                   check=False, stdout=subprocess.DEVNULL)
    export = subprocess.run([os.path.join(bindir, "newssearch"), "--db", db, "--all", "--limit", "0",
                             "--json"], check=True, capture_output=True, text=True)
    bodies = {}
    for name in _jsonl_files(root):  # JSON Lines articles: body by id
        with open(name, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    bodies[_first(r, "id", "guid", "url", "link")] = _first(r, "body", "text", "content")
    for hit in json.loads(export.stdout)["results"]:
        path = os.path.join(root, hit.get("path") or "")
        body = bodies.get(hit["id"])
        if body is None and path.endswith(".txt") and os.path.isfile(path):
            body = _text_body(path)
        _write(out, {"id": hit["id"], "title": hit.get("title") or "", "body": body or "",
                     "date": hit.get("date") or "", "people": [p.lower() for p in hit.get("persons", [])],
                     "places": [p.lower() for p in hit.get("places", [])]}, stats)


def prepare(corpus, scratch, bindir):
    start = time.perf_counter()
    path = os.path.join(scratch, "corpus.jsonl")
    stats = {"articles": 0, "bytes": 0, "dropped": 0}
    with open(path, "w", encoding="utf-8") as out:
        # A directory with JSON Lines at its top is that JSON Lines (the text under
        # reuters21578/raw is not articles); other trees with .txt articles go through Newsdex.
        top = _top_level_jsonl(corpus)
        if top:
            _from_jsonl(top, out, stats)
        elif _has_text_files(corpus):
            _from_newsdex_export(corpus, out, stats, bindir, scratch)
        else:
            files = _jsonl_files(corpus)
            if not files:
                raise SystemExit(f"bench: no .jsonl/.ndjson/.txt articles under {corpus}")
            _from_jsonl(files, out, stats)
    return Prepared(path, stats["articles"], stats["bytes"] / 1e6, stats["dropped"],
                    time.perf_counter() - start)


def _compact_date(date):
    digits = "".join(c for c in date if c.isdigit())[:14]
    return digits.ljust(14, "0") if digits else ""


def to_scriptindex(prepared, out_path):
    """Writes scriptindex's dump format: name=value lines, records separated by a blank
    line, a value's further lines each prefixed by '=' (scriptindex's continuation)."""
    start = time.perf_counter()
    with open(prepared.path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            fields = [("id", r["id"]), ("title", r["title"]), ("body", r["body"]),
                      ("date", _compact_date(r["date"])),
                      ("people", "|".join(r["people"])),
                      ("surnames", "|".join(p.rsplit("-", 1)[-1].split()[-1] for p in r["people"] if p.split())),
                      ("places", "|".join(r["places"]))]
            for name, value in fields:
                if value:
                    out.write(name + "=" + value.replace("\r", "").replace("\n", "\n=") + "\n")
            out.write("\n")
    return time.perf_counter() - start
