"""Import rules that ``lint-imports`` (pyproject.toml) cannot state, checked on the source.

* No import cycles between modules of ``qa_audit``, counting every import: inside
  functions and under ``TYPE_CHECKING`` too (a cycle hidden in a function is still
  one module needing the other).
* An import inside a function is allowed only to defer a heavy library, and says so
  in a comment with the word "deferred" on the line, just above it, or once at the
  top of a module, or of a package's ``__init__``, whose functions all defer
  (``# deferred imports: ...``).
* The service wall, repeated here so it holds without import-linter installed: no
  module under ``qa_audit/gui`` imports ``qa_audit.storage``, SQLAlchemy, Alembic or
  sqlite3, however nested.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "qa_audit"
SKIP_DIRS = {"generated", "migrations"}  # Qt Designer output; Alembic's own scripts
GUI_FORBIDDEN = ("qa_audit.storage", "sqlalchemy", "alembic", "sqlite3")
MODULE_NOTE = "# deferred imports:"


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    line: int
    targets: tuple[str, ...]  # dotted names: ``import a.b`` -> a.b; ``from a import b`` -> a.b
    in_function: bool


def module_files(package: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in sorted(package.rglob("*.py")):
        if SKIP_DIRS & set(path.relative_to(package).parts):
            continue
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> Iterator[Import]:
    """Every import statement of one file, with whether it sits inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def walk(node: ast.AST, in_function: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                yield Import(module, child.lineno, tuple(a.name for a in child.names), inside)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                names = tuple(f"{base}.{a.name}" for a in child.names)
                yield Import(module, child.lineno, names, inside)
            else:
                yield from walk(child, inside)

    yield from walk(tree, False)


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module of ours a dotted name refers to (``a.b.func`` -> ``a.b``), if any."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for imp in imports_of(module, path):
            # ``from pkg import sub`` -> pkg.sub; ``from pkg.mod import func`` -> pkg.mod
            wanted = {resolve(t, modules) for t in imp.targets}
            edges[module].update(t for t in wanted if t is not None and t != module)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start, targets in edges.items():
        if start in index:
            continue
        work = [(start, iter(sorted(targets)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def unexplained_function_imports(module: str, path: Path) -> list[str]:
    """``module:line`` of imports inside functions with no "deferred" comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    package_init = path.with_name("__init__.py")
    notes = lines if path.name == "__init__.py" or not package_init.exists() else \
        [*lines, *package_init.read_text(encoding="utf-8").splitlines()]
    if any(line.startswith(MODULE_NOTE) for line in notes):
        return []
    bad = []
    for imp in imports_of(module, path):
        if not imp.in_function:
            continue
        i = imp.line - 1
        explained = "deferred" in lines[i]
        j = i - 1
        # look up through the comment (and the other imports of the same block) above it
        while not explained and j >= 0 and lines[j].strip().startswith(("#", "from ", "import ")):
            explained = lines[j].strip().startswith("#") and "deferred" in lines[j]
            j -= 1
        if not explained:
            bad.append(f"{module}:{imp.line}")
    return bad


def test_no_import_cycles() -> None:
    assert cycles(graph(module_files())) == []


def test_the_cycle_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    pkg = tmp_path / "qa_audit"
    (pkg / "gui").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "gui" / "__init__.py").write_text("")
    (pkg / "gui" / "a.py").write_text("from qa_audit.gui import b\n")
    (pkg / "gui" / "b.py").write_text("def f():\n    from qa_audit.gui.a import x\n")
    (pkg / "gui" / "c.py").write_text("import sqlite3\n\ndef g():\n    import os\n")
    modules = module_files(pkg)
    assert cycles(graph(modules)) == [["qa_audit.gui.a", "qa_audit.gui.b"]]
    assert unexplained_function_imports("qa_audit.gui.b", modules["qa_audit.gui.b"]) == \
        ["qa_audit.gui.b:2"]
    assert gui_storage_imports(modules) == ["qa_audit.gui.c:1 imports sqlite3"]


def test_imports_inside_functions_say_why() -> None:
    bad = [hit for module, path in module_files().items()
           for hit in unexplained_function_imports(module, path)]
    assert bad == [], ("an import inside a function is only for deferring a heavy library; "
                       "say so in a comment with 'deferred', or import it at the top")


def gui_storage_imports(modules: dict[str, Path]) -> list[str]:
    hits = []
    for module, path in modules.items():
        if not module.startswith("qa_audit.gui"):
            continue
        for imp in imports_of(module, path):
            hits.extend(f"{module}:{imp.line} imports {t}" for t in imp.targets
                        if any(t == f or t.startswith(f + ".") for f in GUI_FORBIDDEN))
    return hits


def test_the_gui_imports_no_storage_sqlalchemy_or_sqlite3() -> None:
    assert gui_storage_imports(module_files()) == []
