"""Write a valid synthetic content folder with N articles: `python -m bench.corpus N DIR`.

The folder is a drop-in for content/: the real data files (content/data/*.yaml) and pages
(content/pages/*.md) are copied as they are, and N articles are generated with the full front
matter the schema requires (title, slug = file stem, summary, date, reviewed, category from the
real topics, tags, agencies, related, key_facts >= 3, events >= 1, sources >= 3 each cited in
the body) and ~700-word Markdown bodies with headings, paragraphs, a list, [@id] citations,
{filename} links between articles and the glossary's terms in the prose.

The first articles take the real articles' slugs (seat-swap, luna-25 …) so that everything
pointing at them resolves: the pages' {filename} links, the glossary's `see:`, ORBIT_STORY_ORDER.

Deterministic: article i depends only on (seed, i), so the 100-article corpus is the first 100
articles of the 1000-article one, and two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_CONTENT = ROOT / "content"
SEED = 20231

SUBJECTS = [
    "the seat swap",
    "the extra Soyuz seat",
    "Russia's orbital station",
    "the ISS partnership",
    "the lunar south pole",
    "Luna-25",
    "Chandrayaan-3",
    "crew rotation",
    "station reboosts",
    "the deorbit plan",
    "cargo resupply",
    "the Russian segment",
    "commercial crew",
    "lunar landers",
    "polar ice",
    "launch windows",
    "docking ports",
    "spacewalks",
    "station power",
    "the integrated crew",
    "training at Star City",
    "splashdowns",
    "Soyuz landings",
    "orbital inclination",
    "the end of the ISS",
    "lunar orbit insertion",
]
ANGLES = [
    "what changed",
    "a short history",
    "the numbers",
    "who decides",
    "what comes next",
    "the timeline",
    "the agreements behind it",
    "what went wrong",
    "what went right",
    "the open questions",
    "how it works",
    "why it matters",
    "the record so far",
]
HEADINGS = [
    "Background",
    "How the arrangement works",
    "The agreements",
    "What the agencies said",
    "The flights so far",
    "Costs and barter",
    "Risks and margins",
    "The technical side",
    "What changed in 2023",
    "Who flies and why",
    "The view from Moscow",
    "The view from Houston",
    "Open questions",
    "What happens next",
    "A closer look at the numbers",
    "Training",
    "Launch and landing",
    "On the station",
    "Why the south pole",
    "Lessons learned",
]
SUBHEADINGS = [
    "The first attempt",
    "A second try",
    "The official version",
    "Other accounts",
    "In numbers",
    "On the ground",
    "In orbit",
]
TAGS = [
    "iss",
    "soyuz",
    "crew-dragon",
    "seat-swap",
    "roscosmos",
    "nasa",
    "esa",
    "jaxa",
    "isro",
    "luna-25",
    "chandrayaan-3",
    "lunar-south-pole",
    "moon-landing",
    "ros",
    "deorbit",
    "progress",
    "starliner",
    "baikonur",
    "vostochny",
    "star-city",
    "spacewalk",
    "reboost",
    "cargo",
    "commercial-crew",
    "artemis",
    "lunar-ice",
    "space-policy",
    "budget",
    "international-cooperation",
    "sanctions",
    "docking",
    "launch",
    "landing",
    "splashdown",
    "expedition",
    "training",
    "station-modules",
    "orbit",
    "inclination",
    "polar-orbit",
    "space-law",
    "barter",
    "crew-rotation",
    "medical",
    "safety",
    "anomaly",
    "investigation",
    "timeline",
    "records",
    "history",
]
# (publisher, host, kind): the kind of source each is (schema.SourceKind).
PUBLISHERS = [
    ("TASS", "tass.com", "wire"),
    ("Interfax", "interfax.com", "wire"),
    ("Reuters", "www.reuters.com", "wire"),
    ("NASA", "www.nasa.gov", "agency"),
    ("Roscosmos", "www.roscosmos.ru", "agency"),
    ("ESA", "www.esa.int", "agency"),
    ("ISRO", "www.isro.gov.in", "agency"),
    ("SpaceNews", "spacenews.com", "press"),
    ("Spaceflight Now", "spaceflightnow.com", "press"),
    ("Ars Technica", "arstechnica.com", "press"),
    ("NASASpaceflight", "www.nasaspaceflight.com", "press"),
    ("The Planetary Society", "www.planetary.org", "press"),
    ("RIA Novosti", "ria.ru", "wire"),
    ("The Hindu", "www.thehindu.com", "press"),
    ("Space.com", "www.space.com", "press"),
]
NOUNS = [
    "the agency",
    "the crew",
    "the station",
    "the lander",
    "the mission",
    "the agreement",
    "the programme",
    "the spacecraft",
    "the commission",
    "the flight plan",
    "the partners",
    "the module",
    "the launch team",
    "the operators",
    "mission control",
]
VERBS = [
    "confirmed",
    "announced",
    "reported",
    "described",
    "scheduled",
    "reviewed",
    "delayed",
    "approved",
    "extended",
    "completed",
    "tested",
    "documented",
    "planned",
    "explained",
]
OBJECTS = [
    "a new crew rotation",
    "the docking sequence",
    "the landing attempt",
    "the burn",
    "an extra seat",
    "the return flight",
    "a longer mission",
    "the orbit change",
    "the training schedule",
    "the cargo manifest",
    "the final approach",
    "the budget line",
    "the joint statement",
    "the safety review",
    "the launch date",
    "the reboost",
]
TAILS = [
    "after weeks of talks",
    "in a short statement",
    "ahead of the launch",
    "during a press conference",
    "in its annual report",
    "on the same day",
    "two days later",
    "after the investigation",
    "in a joint announcement",
    "without giving a reason",
    "as planned",
    "earlier than expected",
    "according to the flight plan",
    "in an interview",
]
FILLER = [
    "That detail matters for",
    "This is one reason why",
    "It also explains",
    "Few outside the programme noticed",
    "The same logic applies to",
    "Observers linked this to",
    "The decision shaped",
]


def _kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _load(content: Path, name: str, key: str) -> list[dict]:
    return yaml.safe_load((content / "data" / name).read_text(encoding="utf-8"))[key]


class Corpus:
    """Reads the real data once; `article(i)` returns one article's file name and text."""

    def __init__(self, seed: int = SEED, content: Path = REAL_CONTENT):
        self.seed = seed
        self.content = content
        self.topics = [t["key"] for t in _load(content, "topics.yaml", "topics")]
        self.agencies = [a["key"] for a in _load(content, "agencies.yaml", "agencies")]
        self.missions = [
            (m["key"], _day(m["launch"]), _day(m["end"]))
            for m in _load(content, "missions.yaml", "missions")
            if m.get("launch") and m.get("end")
        ]
        self.terms = []
        for t in _load(content, "glossary.yaml", "terms"):
            self.terms.append(t.get("abbr") or t["term"])
        # Slugs pointed at by the pages, the glossary and ORBIT_STORY_ORDER.
        self.real_slugs = sorted(p.stem for p in (content / "articles").glob("*.md"))

    def slug(self, i: int) -> str:
        if i < len(self.real_slugs):
            return self.real_slugs[i]
        rng = random.Random(f"{self.seed}-slug-{i}")
        return f"{_kebab(rng.choice(SUBJECTS))}-{_kebab(rng.choice(ANGLES))}-{i}"

    def article(self, i: int, n: int) -> tuple[str, str]:
        """Article i of a corpus of n (n only bounds `related` and links); (file name, text)."""
        rng = random.Random(f"{self.seed}-article-{i}")
        slug = self.slug(i)
        subject, angle = rng.choice(SUBJECTS), rng.choice(ANGLES)
        title = f"{subject[0].upper()}{subject[1:]}: {angle} (no. {i})"
        date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1400))
        reviewed = date + dt.timedelta(days=rng.randrange(0, 200))
        category = rng.choice(self.topics)
        sources = self._sources(rng, i)
        ids = [s["id"] for s in sources]
        # Reviewed no later than the newest source was read (a rule of the checker), and the
        # article not dated after its review; drawn as before, so the random stream is unchanged.
        newest = max(s["accessed"] for s in sources)
        date = min(date, newest)
        reviewed = min(max(reviewed, date), newest)
        others = [j for j in range(n) if j != i]
        # Related and linked articles come from a small window around i, so the set does not
        # depend on n beyond staying inside the corpus.
        window = [j for j in range(max(0, i - 12), min(n, i + 12)) if j != i] or others
        related = [self.slug(j) for j in rng.sample(window, min(len(window), rng.randrange(0, 4)))]
        links = [self.slug(j) for j in rng.sample(window, min(len(window), 2))]
        events = self._events(rng, ids)
        # No event dated after its source was read (a rule of the checker); such an event is
        # moved to that day, which may fall outside its mission, so it no longer names one.
        accessed = {s["id"]: s["accessed"] for s in sources}
        for event in events:
            if event["date"] > accessed[event["source"]]:
                event["date"] = accessed[event["source"]]
                event.pop("mission", None)
        meta = {
            "title": title,
            "slug": slug,
            "summary": self._summary(rng, subject),
            "date": date,
            "reviewed": reviewed,
            "status": "published",
            "category": category,
            "tags": sorted(rng.sample(TAGS, rng.randrange(2, 6))),
            "agencies": sorted(rng.sample(self.agencies, rng.randrange(1, 4))),
            "related": related,
            "key_facts": [
                {
                    "label": rng.choice(
                        [
                            "Launched",
                            "Crew",
                            "Duration",
                            "Agreement",
                            "Status",
                            "Landing site",
                            "Cost",
                            "First flight",
                            "Orbit",
                        ]
                    )
                    + f" {k + 1}",
                    "value": f"{rng.randrange(2, 400)} "
                    f"{rng.choice(['days', 'seconds', 'km', 'flights', 'people'])}",
                    "source": rng.choice(ids),
                    **({"as_of": reviewed} if rng.random() < 0.3 else {}),
                }
                for k in range(rng.randrange(3, 6))
            ],
            "events": events,
            "sources": sources,
        }
        return f"{slug}.md", _front_matter(meta) + self._body(rng, ids, links)

    def _summary(self, rng, subject) -> str:
        text = (
            f"How {subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(TAILS)}, and what it means for the station and the Moon."
        )
        return text[:160]

    def _sources(self, rng, i) -> list[dict]:
        out = []
        for k in range(rng.randrange(3, 8)):
            publisher, host, kind = rng.choice(PUBLISHERS)
            accessed = dt.date(2026, 3, 1) + dt.timedelta(days=rng.randrange(0, 200))
            source = {
                "id": f"{_kebab(publisher)}-{i}-{k}",
                "title": f"{rng.choice(NOUNS).capitalize()} {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)}",
                "publisher": publisher,
                "url": f"https://{host}/news/{i}/{k}/{_kebab(rng.choice(OBJECTS))}",
                "kind": kind,
            }
            if rng.random() < 0.5:
                source["published"] = accessed - dt.timedelta(days=rng.randrange(100, 900))
            source["accessed"] = accessed
            if host.endswith(".ru") and rng.random() < 0.7:
                source["language"] = "ru"
            out.append(source)
        return out

    def _events(self, rng, ids) -> list[dict]:
        events = []
        for _ in range(rng.randrange(1, 4)):
            if rng.random() < 0.5 and self.missions:
                key, start, end = rng.choice(self.missions)
                when = start + dt.timedelta(days=rng.randrange(0, max(1, (end - start).days + 1)))
                events.append(
                    {
                        "date": when,
                        "text": f"{rng.choice(NOUNS).capitalize()} "
                        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                        "source": rng.choice(ids),
                        "mission": key,
                    }
                )
            else:
                when = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 2400))
                events.append(
                    {
                        "date": when,
                        "text": f"{rng.choice(NOUNS).capitalize()} "
                        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                        "source": rng.choice(ids),
                    }
                )
        return events

    def _sentence(self, rng) -> str:
        words = [
            rng.choice(NOUNS).capitalize(),
            rng.choice(VERBS),
            rng.choice(OBJECTS),
            rng.choice(TAILS),
        ]
        if rng.random() < 0.45:
            words.append(f"while the {rng.choice(self.terms)} stayed on schedule")
        if rng.random() < 0.35:
            words.append(
                f"on {rng.randrange(1, 29)} {rng.choice(['March', 'August', 'September'])} "
                f"{rng.randrange(2019, 2026)}"
            )
        return " ".join(words)

    def _paragraph(self, rng, cite, fallback: str = "") -> str:
        sentences = []
        for _ in range(rng.randrange(3, 7)):
            text = self._sentence(rng)
            if rng.random() < 0.3:
                text += f". {rng.choice(FILLER)} {rng.choice(SUBJECTS)}"
            sentences.append(text + "." + cite())
        text = " ".join(sentences)
        # A paragraph that states a date or figure must cite (a rule of the checker).
        return text if "[@" in text else text + fallback

    def _body(self, rng, ids, links) -> str:
        pending = list(ids)  # each source is cited at least once, early

        def cite() -> str:
            if pending:
                return f"[@{pending.pop(0)}]"
            if rng.random() < 0.6:
                chosen = rng.sample(ids, 2 if rng.random() < 0.15 else 1)
                return "[" + "; ".join(f"@{c}" for c in chosen) + "]"
            return ""

        parts = [self._paragraph(rng, cite, f"[@{ids[0]}]")]
        headings = rng.sample(HEADINGS, 4)
        for n, heading in enumerate(headings):
            parts.append(f"## {heading}")
            parts.append(self._paragraph(rng, cite, f"[@{ids[0]}]"))
            if n == 1:
                parts.append("\n".join(f"- {self._sentence(rng)}.{cite()}" for _ in range(3)))
            if n == 2:
                parts.append(f"### {rng.choice(SUBHEADINGS)}")
            parts.append(self._paragraph(rng, cite, f"[@{ids[0]}]"))
            if n < len(links):
                # The words of the slug without its numbers: a paragraph stating a figure must
                # cite a source (a rule of the checker), and this one may not cite.
                words = " ".join(w for w in links[n].split("-") if not w.isdigit())
                parts.append(
                    f"More on this in [the story on {words}]({{filename}}{links[n]}.md).{cite()}"
                )
        # Published stories have at least 600 words (an editorial minimum of the checker).
        while len(" ".join(parts).split()) < 640:
            parts.append(self._paragraph(rng, cite, f"[@{ids[0]}]"))
        return "\n\n".join(parts) + "\n"


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _scalar(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _front_matter(meta: dict) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"  {'- ' if first else '  '}{k}: {_scalar(v)}")
                    first = False
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        elif key in {"status", "category", "slug"}:
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_corpus(n: int, target: Path, seed: int = SEED, content: Path = REAL_CONTENT) -> Path:
    """Write content for n articles into target (replaced if it exists); return target."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(content / "data", target / "data")
    shutil.copytree(content / "pages", target / "pages")
    for extra in ("images", "extra"):
        if (content / extra).is_dir():
            shutil.copytree(content / extra, target / extra)
    articles = target / "articles"
    articles.mkdir(parents=True)
    corpus = Corpus(seed, content)
    for i in range(n):
        name, text = corpus.article(i, n)
        (articles / name).write_text(text, encoding="utf-8")
    return target


def body_words(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    return len(text.split("\n---\n", 1)[1].split())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("target", help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--from",
        dest="source",
        default=str(REAL_CONTENT),
        help="the real content folder to copy data/ and pages/ from",
    )
    args = parser.parse_args(argv)
    target = write_corpus(args.n, Path(args.target), args.seed, Path(args.source))
    words = [body_words(p) for p in sorted((target / "articles").glob("*.md"))]
    print(
        f"Wrote {len(words)} articles to {target} (body words: min {min(words)}, "
        f"mean {sum(words) / len(words):.0f}, max {max(words)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
