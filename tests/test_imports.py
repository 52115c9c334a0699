"""The stages import one way, with no cycles and no imports hidden inside functions to dodge one:
orbit_contract ← orbit_content ← orbit_views ← orbit_assets ← orbit_cli.

Read from the source with ast, not by importing. `python tests/test_imports.py` prints the
graph (each stage, then each module, with what it imports).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
STAGES = ["orbit_contract", "orbit_content", "orbit_views", "orbit_assets", "orbit_cli"]
# Imports inside a function that stay there, each for a reason its comment gives: the cli runs
# one command per process and imports only that command's stage; the build resets a plugin
# that may not be installed; publish loads BeautifulSoup only for a publish build.
DEFERRED = {
    ("orbit_cli.__main__", "orbit_cli.check"),
    ("orbit_cli.__main__", "orbit_cli.stale"),
    ("orbit_cli.__main__", "orbit_cli.build"),
    ("orbit_cli.__main__", "orbit_assets.publish"),
    ("orbit_cli.__main__", "orbit_assets.sitefiles"),
    ("orbit_cli.__main__", "orbit_cli.preview"),
    ("orbit_cli.build", "pelican.plugins.sitemap"),
    ("orbit_assets.sitefiles", "pelican.plugins.sitemap"),
    ("orbit_assets.publish", "bs4"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PLUGINS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _target(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _exists(name: str) -> bool:
    path = PLUGINS.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports() -> dict[str, list[tuple[str, bool]]]:
    """module -> [(imported module, inside a function)], for every module under plugins/."""
    graph = {}
    for path in sorted(PLUGINS.rglob("*.py")):
        module, package = module_name(path), path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nested = {
            id(inner)
            for fn in ast.walk(tree)
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
            for inner in ast.walk(fn)
        }
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for inner in ast.walk(node)
        }
        found = []
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _target(module, package, node)
                names = [
                    f"{base}.{a.name}" if _exists(f"{base}.{a.name}") else base for a in node.names
                ]
            else:
                continue
            for name in dict.fromkeys(names):
                if name != "__future__":
                    found.append((name, id(node) in nested))
        graph[module] = found
    return graph


def stage(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in STAGES else None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first search (each reported from where it was entered)."""
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def own_edges(graph) -> dict[str, set[str]]:
    return {m: {t for t, _ in targets if stage(t)} for m, targets in graph.items()}


def test_no_module_imports_itself_round_a_cycle():
    assert cycles(own_edges(imports())) == []


def test_stages_import_only_earlier_stages():
    wrong = [
        (module, target)
        for module, targets in own_edges(imports()).items()
        for target in targets
        if STAGES.index(stage(target)) > STAGES.index(stage(module))
    ]
    assert wrong == []


def test_imports_inside_functions_are_only_the_deferred_ones():
    late = {
        (module, target)
        for module, targets in imports().items()
        for target, inside in targets
        if inside
    }
    assert late - DEFERRED == set()


def main() -> int:
    graph = imports()
    by_stage: dict[str, set[str]] = {s: set() for s in STAGES}
    for module, targets in graph.items():
        for target, _ in targets:
            if stage(target) and stage(target) != stage(module):
                by_stage[stage(module)].add(stage(target))
    print("Stages (package -> the stages it imports):")
    for name in STAGES:
        print(f"  {name} -> {', '.join(sorted(by_stage[name], key=STAGES.index)) or '-'}")
    print("\nModules (-> own modules imported; * inside a function):")
    for module, targets in graph.items():
        own = [f"{t}{'*' if inside else ''}" for t, inside in targets if stage(t)]
        print(f"  {module} -> {', '.join(sorted(set(own))) or '-'}")
    found = cycles(own_edges(graph))
    print(f"\nCycles: {found or 'none'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
