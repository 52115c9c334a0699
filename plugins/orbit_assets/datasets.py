"""The data behind every figure, written at build as CSV and JSON under output/data/.

The rows come from figure_views (computed once from content/data), so a download always holds
exactly what the chart and its table show. The JSON carries the dataset's description, its
documented columns, its licence and its "as of" date beside the rows; the CSV is the rows alone,
one per record, with a header line naming the columns.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from orbit_views.figure_views import DATA_DIR, LICENCE


def as_csv(dataset: dict) -> str:
    names = [name for name, _ in dataset["columns"]]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in dataset["rows"]:
        writer.writerow(
            {k: ("true" if v is True else "false" if v is False else v) for k, v in row.items()}
        )
    return buffer.getvalue()


def as_json(dataset: dict, site_name: str, site_url: str) -> str:
    return (
        json.dumps(
            {
                "title": dataset["title"],
                "description": dataset["description"],
                "as_of": dataset["as_of"].isoformat() if dataset["as_of"] else None,
                "licence": LICENCE,
                "cite_as": f"{site_name}, “{dataset['title']}”, data as of "
                f"{dataset['as_of'].isoformat() if dataset['as_of'] else 'undated'}, "
                f"{site_url}/{DATA_DIR}/{dataset['key']}.json",
                "columns": [{"name": n, "description": d} for n, d in dataset["columns"]],
                "rows": dataset["rows"],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def write_datasets(generators):
    """Write every dataset of this build into output/data/ (all_generators_finalized)."""
    for generator in generators:
        orbit = generator.context.get("orbit")
        if orbit:
            break
    else:
        return
    settings = generator.settings
    folder = Path(generator.output_path) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for dataset in orbit.get("datasets", []):
        (folder / f"{dataset['key']}.csv").write_text(as_csv(dataset), encoding="utf-8")
        (folder / f"{dataset['key']}.json").write_text(
            as_json(dataset, settings.get("SITENAME", ""), settings.get("SITEURL", "")),
            encoding="utf-8",
        )
