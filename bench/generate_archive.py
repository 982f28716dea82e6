#!/usr/bin/env python3
"""Writes a synthetic news archive of N articles as JSON Lines, deterministic for --seed.

The text is real text rearranged, so vocabulary, word frequencies and lengths follow real
news: body sentences are resampled from Reuters-21578 and BBC News bodies (an article's
sentence count is that of a random real article), titles are two real titles spliced at
their middles, and people and places from Reuters' tags are mentioned in sentences
("Paul Volcker said ...", "In Japan, ...") so entity extraction has names to find. Dates
are spread over ten years, articles come from 20 sources and 500 authors.

Output streams one line at a time, so 1,000,000 articles need no more memory than 100.

  bench/generate_archive.py --n 100000 --seed 1 --out /tmp/archive.jsonl
"""

import argparse
import datetime
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora"))

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
# Full names for the most frequent one-word Reuters person tags, so extraction sees
# the "Given Surname" form wire copy uses on first mention.
KNOWN_PEOPLE = {
    "volcker": "Paul Volcker", "reagan": "Ronald Reagan", "yeutter": "Clayton Yeutter",
    "nakasone": "Yasuhiro Nakasone", "lawson": "Nigel Lawson", "miyazawa": "Kiichi Miyazawa",
    "stoltenberg": "Gerhard Stoltenberg", "lyng": "Richard Lyng", "greenspan": "Alan Greenspan",
    "sumita": "Satoshi Sumita", "balladur": "Edouard Balladur", "poehl": "Karl Otto Poehl",
    "thatcher": "Margaret Thatcher", "sarney": "Jose Sarney", "chirac": "Jacques Chirac",
    "kohl": "Helmut Kohl", "delors": "Jacques Delors", "icahn": "Carl Icahn", "boesky": "Ivan Boesky",
}
PLACE_NAMES = {"usa": "the United States", "uk": "Britain", "ussr": "the Soviet Union"}
GIVEN = ("James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Susan "
         "Richard Jessica Joseph Sarah Thomas Karen Daniel Nancy Paul Lisa Mark Betty Peter Helen "
         "Anna Ahmed Priya Kenji Ingrid Tomasz Lucia Omar Mei Sven Amara Diego Yuki Fatima").split()
SURNAMES = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
            "Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White Harris "
            "Clark Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson Hill Campbell "
            "Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart "
            "Okafor Nakamura Kowalski Lindqvist Moreau Rossi Novak Haddad Tanaka Schmidt").split()
SOURCES = ["Harbor Daily News", "Northern Ledger", "Lakeside Tribune", "Eastgate Herald",
           "Capital Wire", "Meridian Feed", "Coastal Courier", "Valley Gazette", "Summit Post",
           "Riverside Chronicle", "Metro Dispatch", "Prairie Sentinel", "Bayview Observer",
           "Granite Times", "Union Bulletin", "Pacific Record", "Atlantic Monitor", "Highland Star",
           "Market Journal", "Evening Standard-Bearer"]


def sentences(text):
    text = " ".join(text.split())
    return [s for s in SENTENCE_END.split(text) if len(s) > 20]


def nice_title(title):
    """Reuters titles are upper case; title-case plain words, keep the rest (U.S., 1ST)."""
    if title.isupper():
        return " ".join(w.capitalize() if w.isalpha() else w for w in title.split())
    return title


def load_sources(reuters_path, bbc_dir):
    pool, titles, lengths, people, places = [], [], [], [], []
    with open(reuters_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r["title"].strip() and not r["body"].strip():
                continue
            s = sentences(r["body"])
            pool += s
            lengths.append(max(2, len(s)))
            if r["title"].strip():
                titles.append(nice_title(r["title"].strip()))
            people += r.get("people", [])
            places += r.get("places", [])
    if bbc_dir and os.path.isdir(bbc_dir):
        for root, dirs, files in os.walk(bbc_dir):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(".txt"):
                    continue
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    lines = f.read().splitlines()
                if not lines:
                    continue
                titles.append(lines[0].strip())
                s = sentences(" ".join(lines[1:]))
                pool += s
                lengths.append(max(2, len(s)))
    if not pool:
        sys.exit("generate_archive: no sentences found; pass --reuters / --bbc")
    return pool, titles, lengths, people, places


def person_name(tag, rng_for_tag):
    if tag in KNOWN_PEOPLE:
        return KNOWN_PEOPLE[tag]
    words = [w.capitalize() for w in tag.split("-")]
    if len(words) == 1:  # give a one-word tag a stable given name
        words.insert(0, GIVEN[rng_for_tag(tag) % len(GIVEN)])
    return " ".join(words)


def place_name(tag):
    return PLACE_NAMES.get(tag, " ".join(w.capitalize() for w in tag.split("-")))


LOWER_STARTS = set("the a an it its this that these those there he she they we his her their in on at "
                   "for but and as after before while with by from to of some most many".split())


def lower_first(sentence):
    """'The talks ...' → 'the talks ...' after "X said"; names and acronyms keep their case."""
    first = sentence.split(" ", 1)[0]
    return sentence[0].lower() + sentence[1:] if first.lower() in LOWER_STARTS else sentence


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, required=True, help="number of articles")
    p.add_argument("--seed", type=int, default=1987)
    p.add_argument("--out", default="-", help="output file (default: standard output)")
    p.add_argument("--reuters", default=os.path.join(CORPORA, "reuters21578", "reuters21578.jsonl"))
    p.add_argument("--bbc", default=os.path.join(CORPORA, "bbc"))
    p.add_argument("--first-year", type=int, default=2015, help="dates span ten years from this one")
    args = p.parse_args()

    pool, titles, lengths, people_tags, place_tags = load_sources(args.reuters, args.bbc)
    rng = random.Random(args.seed)
    stable = lambda text: sum(ord(c) * (i + 1) for i, c in enumerate(text))  # noqa: E731 (no hash seed)
    names = {tag: person_name(tag, stable) for tag in set(people_tags)}
    authors = sorted({f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}" for _ in range(2000)})[:500]
    authors_of = {src: authors[i::len(SOURCES)] for i, src in enumerate(SOURCES)}  # ~25 each
    first = datetime.datetime(args.first_year, 1, 1)
    span = int((datetime.datetime(args.first_year + 10, 1, 1) - first).total_seconds())

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", buffering=1 << 20)
    choice, randint, random_ = rng.choice, rng.randint, rng.random
    for i in range(args.n):
        a, b = choice(titles).split(), choice(titles).split()
        title = " ".join(a[:max(1, len(a) // 2)] + b[len(b) // 2:])
        body = [choice(pool) for _ in range(choice(lengths))]
        people = sorted({choice(people_tags) for _ in range(randint(0, 3))}) if people_tags else []
        places = sorted({choice(place_tags) for _ in range(randint(1, 2))}) if place_tags else []
        while len(body) < len(people) + len(places):
            body.append(choice(pool))
        # Each mention gets a sentence of its own.
        spots = rng.sample(range(len(body)), len(people) + len(places))
        for tag, at in zip(people, spots):
            body[at] = f"{names[tag]} said {lower_first(body[at])}"
        for tag, at in zip(places, spots[len(people):]):
            body[at] = f"In {place_name(tag)}, {lower_first(body[at])}"
        paragraphs, at = [], 0
        while at < len(body):
            step = randint(2, 4)
            paragraphs.append(" ".join(body[at:at + step]))
            at += step
        date = first + datetime.timedelta(seconds=int(random_() * span))
        source = SOURCES[int(random_() ** 1.5 * len(SOURCES))]  # a few big sources, a long tail
        record = {
            "id": f"gen-{args.seed}-{i}",
            "title": title,
            "body": "\n\n".join(paragraphs),
            "date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": source,
            "author": choice(authors_of[source]),
            "url": f"https://{source.lower().replace(' ', '-')}.example/{date:%Y/%m/%d}/{i}",
            "people": people,
            "places": places,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
