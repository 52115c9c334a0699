"""Benchmarks for Orbit Exchange: a synthetic corpus, build timings and page budgets.

A benchmark, not a test: nothing here runs in `./site test` or CI. See BENCHMARKS.md.

- bench.corpus   writes a valid synthetic content folder with N articles (seeded)
- bench.run      times our build against stock Pelican on the same corpus (cold and warm)
- bench.loop     the contributor's loop (check, preview) and the real site's cold build, against
                 the launcher's floor and stock Pelican, in one run
- bench.cold     cold builds only, ours against stock Pelican, on the real site and a corpus
- bench.floor    what no build of ours can go below: the modules it imports, in time and
                 memory, against stock Pelican's whole build
- bench.budgets  requests and bytes per kind of page in a built site, against a budget
- bench.profile  pyinstrument profile of one in-process build of ours (cold, or --warm)
- bench.memory   resident memory of one build of ours, stage by stage
- bench.worker   one measured step in its own process (bench.run, bench.cold, bench.floor)
"""
