"""Honest dates: a page may not claim its facts were checked after its sources were last read.

`reviewed` says when every fact was last checked against its source; the sources' `accessed`
dates say when each was read. A review that read nothing cannot be later than the newest
reading, so the page's "facts as of" (derived from `accessed`) and `reviewed` always agree.
"""

from __future__ import annotations


def check_dates(v):
    site = v.site
    # A reviewed date already reported (as in the future, say) is not reported twice.
    reported = {(p.path, p.field) for p in site.problems}
    for path, item in [*site.articles.items(), *site.pages.items()]:
        if item.reviewed is None or not item.sources:
            continue
        if (v.rel(path), "reviewed") in reported:
            continue
        newest = max(s.accessed for s in item.sources)
        if item.reviewed > newest:
            fix = "re-read the sources and update their accessed dates"
            if item.date is None or newest >= item.date:
                fix += f", or set reviewed back to {newest}"
            v.report(
                site.documents[path],
                ("reviewed",),
                f"{item.reviewed} is later than the newest accessed date of this page's "
                f"sources ({newest})",
                fix,
            )
