"""The Markdown tables bench/run prints and writes to bench/results/."""

from .measure import median, percentile


def _fmt(value, digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def _latency(rounds, wanted):
    """Median over rounds of (p50, p95, p99) µs for the timing rows wanted(qid) selects."""
    per_round = []
    for rows in rounds:
        samples = [us for qid, _, us, _ in rows if wanted(qid)]
        per_round.append(tuple(percentile(samples, p) for p in (50, 95, 99)))
    return tuple(median([r[i] for r in per_round]) for i in range(3))


def _lat_cell(lat):
    return " / ".join(_fmt(v) for v in lat)


def _header(title, machine, command_line):
    return [f"## {title}", "", f"Machine: {machine}  ", f"Command: `{command_line}`", ""]


ESTIMATE = "@estimate"


def totals_cost(rounds):
    """A paragraph on what exact totals cost, from `newsdex_query_bench --totals-cost`: the
    queries without facets counting every match (newssearch's default), and the same run
    back to back with the count stopped at the page's end (Xapian's estimate)."""
    exact = _latency(rounds, lambda qid: not qid.endswith(ESTIMATE))
    rough = _latency(rounds, lambda qid: qid.endswith(ESTIMATE))
    queries = len({qid for rnd in rounds for qid, _, _, _ in rnd if not qid.endswith(ESTIMATE)})
    # Per query, the median extra time of the exact count over its estimating twin.
    extra = {}
    for rnd in rounds:
        runs = {(qid, p): us for qid, p, us, _ in rnd}
        for (qid, p), us in runs.items():
            if not qid.endswith(ESTIMATE) and (qid + ESTIMATE, p) in runs:
                extra.setdefault(qid, []).append(us - runs[(qid + ESTIMATE, p)])
    per_query = [median(v) for v in extra.values()]
    spread = " / ".join(_fmt(percentile(per_query, p)) for p in (50, 95, 99))
    return ["", f"Exact totals: {queries} queries without facets, p50/p95/p99 µs, counting every match "
            f"(newssearch's default) {_lat_cell(exact)}; the same queries back to back with the count "
            f"stopped at the page's end, where Xapian estimates the total, {_lat_cell(rough)}. "
            f"Extra time of the exact count per query (median over passes), p50/p95/p99: {spread} µs "
            "(`newsdex_query_bench --totals-cost`)."]


COLLAPSE = "@collapse"


def collapse_cost(rounds, facet_ids):
    """A paragraph on what --collapse costs, from `newsdex_query_bench --collapse-cost`: each
    query as newssearch runs it and back to back with --collapse (stories counted, and facets
    per story for the queries with facets)."""
    lines = [""]
    for label, wanted in (("without facets", lambda qid: qid not in facet_ids),
                          ("with facets", lambda qid: qid in facet_ids)):
        plain = _latency(rounds, lambda qid: not qid.endswith(COLLAPSE) and wanted(qid))
        collapsed = _latency(rounds, lambda qid: qid.endswith(COLLAPSE) and wanted(qid[:-len(COLLAPSE)]))
        ratios = {}
        for rnd in rounds:
            runs = {(qid, p): us for qid, p, us, _ in rnd}
            for (qid, p), us in runs.items():
                if not qid.endswith(COLLAPSE) and wanted(qid) and (qid + COLLAPSE, p) in runs and us > 0:
                    ratios.setdefault(qid, []).append(runs[(qid + COLLAPSE, p)] / us)
        per_query = [median(v) for v in ratios.values()]
        spread = " / ".join(f"{percentile(per_query, p):.2f}×" for p in (50, 95, 99)) if per_query else "—"
        lines.append(f"Collapse cost, {len(ratios)} queries {label}, p50/p95/p99 µs: as is {_lat_cell(plain)}, "
                     f"with --collapse {_lat_cell(collapsed)}; time with --collapse over time without, per "
                     f"query (median over passes), p50/p95/p99: {spread} (`newsdex_query_bench --collapse-cost`).")
    return lines


def entity_cost(results, prepared):
    """What entity extraction costs the indexer: newsdex against newsdex-no-entities, per
    wall-clock and per CPU second (medians over rounds), and the tagger's own speed."""
    on, off = results["newsdex"], results["newsdex-no-entities"]
    rates = []
    for key in ("index", "cpu"):
        a, b = median(on.get(key, [])), median(off.get(key, []))
        if a and b:
            rates.append((prepared.articles / a, prepared.articles / b, 1 - b / a))
        else:
            rates.append(None)
    cells = []
    for label, rate in zip(("wall-clock", "CPU (user + system)"), rates):
        if rate:
            change = f"{rate[2] * 100:.1f}% fewer" if rate[2] >= 0 else f"{-rate[2] * 100:.1f}% more"
            cells.append(f"per {label} second {_fmt(rate[0])} articles with entities, {_fmt(rate[1])} "
                         f"with `--no-entities`: {change}")
    line = "Entity extraction cost (target: at most 25% fewer articles per second): " + \
        ("; ".join(cells) if cells else "no figures") + "."
    tagger = off.get("tagger")
    if isinstance(tagger, tuple):
        line += (f" Tagger alone (`newsdex-train-ner --bench` on CoNLL-2003 dev, best of 10, one thread; "
                 f"target 1,000,000): {_fmt(tagger[0])} tokens/s, {_fmt(tagger[1])} tokens per CPU second.")
    elif tagger:
        line += f" Tagger speed not measured: {tagger}."
    return ["", line]


def comparison_table(engines, results, prepared, queries, args, machine, command_line, notes, settings):
    facet_ids = {q.qid for q in queries if q.facets}
    lines = _header(f"Newsdex vs peers, {prepared.articles:,} articles, median of {args.rounds} round(s)",
                    machine, command_line)
    lines += ["| engine | index s | articles/s | MB/s | peak RSS MB | index MB (compacted) "
              "| query p50/p95/p99 µs | with facets p50/p95/p99 µs | index time ×newsdex | query p99 ×newsdex (facets) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    summary = {}
    for e in engines:
        r = results[e.name]
        wall = median(r["index"])
        plain = _latency(r["timings"], lambda qid: qid not in facet_ids)
        faceted = _latency(r["timings"], lambda qid: qid in facet_ids)
        summary[e.name] = (wall, plain, faceted)
    base = summary.get("newsdex")
    for e in engines:
        r = results[e.name]
        wall, plain, faceted = summary[e.name]
        size = f"{_fmt(median(r['size']), 1)}"
        compacted = median(r["compacted"])
        if compacted is not None:
            size += f" ({_fmt(compacted, 1)})"
        if base and e.name != "newsdex":
            t_ratio = f"{wall / base[0]:.2f}×"
            q_ratio = "—" if None in (plain[2], faceted[2]) else \
                f"{plain[2] / base[1][2]:.2f}× ({faceted[2] / base[2][2]:.2f}×)"
        else:
            t_ratio = q_ratio = "1×" if base else "—"
        lines.append(f"| {e.name} | {wall:.2f} | {_fmt(prepared.articles / wall)} | "
                     f"{prepared.text_mb / wall:.2f} | {_fmt(median(r['rss']), 1)} | {size} | "
                     f"{_lat_cell(plain)} | {_lat_cell(faceted)} | {t_ratio} | {q_ratio} |")

    if "newsdex" in results and "newsdex-no-entities" in results:
        lines += entity_cost(results, prepared)
    if results.get("newsdex", {}).get("totals"):
        lines += totals_cost(results["newsdex"]["totals"])
    if results.get("newsdex", {}).get("collapse"):
        lines += collapse_cost(results["newsdex"]["collapse"], facet_ids)

    kinds = sorted({q.kind for q in queries}, key=["word", "and", "phrase", "or", "filter"].index)
    lines += ["", "Query p50 / p99 µs by kind (with and without facets together; "
              f"{len(queries)} queries, {args.passes} timed pass(es) per round after one warm-up):", "",
              "| engine | " + " | ".join(f"{k} ({sum(q.kind == k for q in queries)})" for k in kinds) + " |",
              "|---|" + "---:|" * len(kinds)]
    for e in engines:
        cells = []
        for k in kinds:
            ids = {q.qid for q in queries if q.kind == k}
            p50, _, p99 = _latency(results[e.name]["timings"], lambda qid: qid in ids)
            cells.append(f"{_fmt(p50)} / {_fmt(p99)}")
        lines.append(f"| {e.name} | " + " | ".join(cells) + " |")
    lines += ["", "Settings:", ""] + [f"- {s}" for s in settings]
    lines += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines)


def scale_table(n, rows, prepared, queries, machine, command_line, notes, remote_rows=None,
                remote_count=0):
    facet_ids = {q.qid for q in queries if q.facets}
    wall = median(rows["index"])
    plain = _latency(rows["timings"], lambda qid: qid not in facet_ids)
    faceted = _latency(rows["timings"], lambda qid: qid in facet_ids)
    size = f"{_fmt(median(rows['size']), 1)}"
    if median(rows["compacted"]) is not None:
        size += f" ({_fmt(median(rows['compacted']), 1)})"
    lines = _header(f"Newsdex at scale: {n:,} synthetic articles, median of {len(rows['index'])} round(s)",
                    machine, command_line)
    lines += ["| articles | index s | articles/s | MB/s | peak RSS MB | index MB (compacted) "
              "| query p50/p95/p99 µs | with facets p50/p95/p99 µs |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|",
              f"| {prepared.articles:,} | {wall:.1f} | {_fmt(prepared.articles / wall)} | "
              f"{prepared.text_mb / wall:.2f} | {_fmt(median(rows['rss']), 1)} | {size} | "
              f"{_lat_cell(plain)} | {_lat_cell(faceted)} |"]
    if remote_rows:
        # Shards are indexed one after another here; on machines of their own they would be
        # indexed at once, so the longest shard is the wall time such an archive would see.
        longest = median([max(walls) for walls in remote_rows["index"]])
        total = median([sum(walls) for walls in remote_rows["index"]])
        lines.append(f"| {remote_count} remote shards | {longest:.1f} longest, {total:.1f} all | "
                     f"{_fmt(prepared.articles / total)} | {prepared.text_mb / total:.2f} | "
                     f"{_fmt(median(remote_rows['rss']), 1)} | {_fmt(median(remote_rows['size']), 1)} | "
                     f"{_lat_cell(_latency(remote_rows['timings'], lambda qid: qid not in facet_ids))} | "
                     f"{_lat_cell(_latency(remote_rows['timings'], lambda qid: qid in facet_ids))} |")
    lines += ["", f"{len(queries) // 2} word queries from queries.tsv, each without and with facets.",
              "", "Xapian's matcher alone, counting the matches of the queries with facets exactly "
              "(split over the same docid ranges and threads; no weights, facets, ranking or "
              f"snippets; `newsdex_query_bench --count-floor`): p50/p95/p99 "
              f"{_lat_cell(_latency(rows['floor'], lambda qid: True))} µs. No exact facet count "
              "on Xapian's matcher can be faster."]
    if rows.get("totals"):
        lines += totals_cost(rows["totals"])
    if rows.get("collapse"):
        lines += collapse_cost(rows["collapse"], facet_ids)
    lines += ["", "Notes:", ""] + [f"- {x}" for x in notes]
    return "\n".join(lines)


def write_query_details(queries, engines, results, path):
    """Per query: each engine's median µs and match count (last round), to spot queries an
    engine translates differently (match counts far apart) or handles unusually slowly."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("qid\tkind\twords\tfilters\tfacets\t" +
                  "\t".join(f"{e.name} µs\t{e.name} matches" for e in engines) + "\n")
        per = {}
        for e in engines:
            rows = [row for rnd in results[e.name]["timings"] for row in rnd]
            for qid, _, us, matches in rows:
                entry = per.setdefault((e.name, qid), [[], 0])
                entry[0].append(us)
                entry[1] = matches
        for q in queries:
            filters = ";".join([f"person={p}" for p in q.persons] + [f"place={p}" for p in q.places] +
                               ([f"date={q.date_from}..{q.date_to}"] if q.date_from or q.date_to else []))
            cells = []
            for e in engines:
                us, matches = per.get((e.name, q.qid), [[], None])
                cells += [f"{median(us):.0f}" if us else "", str(matches)]
            out.write("\t".join([q.qid, q.kind, q.words or "-", filters or "-", "1" if q.facets else "0"]
                                + cells) + "\n")
