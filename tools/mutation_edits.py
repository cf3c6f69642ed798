"""Mutations of the package's code, applied to one function's syntax tree.

A :class:`Mutation` names the function it breaks by its import path
(``lstm_explained.reference.cell._step``; :mod:`inspect` finds the file) and breaks it with
edits of the function's syntax tree, matched by structure, so that comments, formatting and
unrelated code don't matter; each edit must match exactly once. :func:`apply` rewrites only the
function's lines in a copy of the package (``ast.unparse``); the rest of the file is left as it
is. The mistakes themselves, and the builds that must catch them, are in ``tools/mutations.py``.
"""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lstm_explained"
if str(ROOT) not in sys.path:  # resolve targets in this checkout, not in an installed copy
    sys.path.insert(0, str(ROOT))

Function = ast.FunctionDef | ast.AsyncFunctionDef


# --- Edits: changes to one function's syntax tree -----------------------------------------------


def _shape(node: ast.AST) -> str:
    """The node's structure, without positions or load/store context (which a pattern lacks)."""
    return re.sub(r"ctx=\w+\(\)", "ctx=Load()", ast.dump(node))


def _nodes(function: Function) -> Iterator[ast.AST]:
    """Every node of the function's body (not of its signature or decorators)."""
    for statement in function.body:
        yield from ast.walk(statement)


def _expression(source: str) -> ast.expr:
    """The syntax tree of one expression."""
    return ast.parse(source.strip(), mode="eval").body


class Edit(Protocol):
    """One change to a function's syntax tree (the classes below)."""

    def transform(self, function: Function) -> int:
        """Edit `function` in place if the edit matches exactly once; return how many matched."""
        ...


@dataclass(frozen=True)
class Replace:
    """Replace the expression, or the run of statements, `old` by `new`, matched by structure.

    `old` is one expression (``z[:, :units]``, matched anywhere, as read or as assigned to) or
    one or more statements (``z_x += weights.bias``), matched as consecutive statements of one
    block. Formatting, comments and redundant parentheses don't matter; names do.
    """

    old: str
    new: str

    def transform(self, function: Function) -> int:
        old = ast.parse(self.old.strip()).body
        if len(old) == 1 and isinstance(old[0], ast.Expr):
            return self._replace_expression(function, old[0].value)
        return self._replace_statements(function, old)

    def _replace_expression(self, function: Function, old: ast.expr) -> int:
        wanted = _shape(old)
        count = sum(_shape(node) == wanted for node in _nodes(function))
        if count == 1:
            new = _expression(self.new)

            class Swap(ast.NodeTransformer):
                def visit(self, node: ast.AST) -> ast.AST:
                    if _shape(node) != wanted:
                        return self.generic_visit(node)
                    if hasattr(node, "ctx"):
                        new.ctx = node.ctx
                    return ast.copy_location(new, node)

            function.body = [Swap().visit(statement) for statement in function.body]
        return count

    def _replace_statements(self, function: Function, old: list[ast.stmt]) -> int:
        wanted, size = [_shape(statement) for statement in old], len(old)
        hits = [
            (block, start)
            for block in _blocks(function)
            for start in range(len(block) - size + 1)
            if [_shape(statement) for statement in block[start : start + size]] == wanted
        ]
        if len(hits) == 1:
            block, start = hits[0]
            block[start : start + size] = ast.parse(self.new.strip()).body
        return len(hits)


def _blocks(function: Function) -> Iterator[list[ast.stmt]]:
    """Every list of statements in the function: its body, and the bodies of if, for, with..."""
    yield function.body
    for node in _nodes(function):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


@dataclass(frozen=True)
class SwapValues:
    """Swap the values assigned to the names `first` and `second` (``i = ...``, ``f = ...``).

    Matches once when each name is assigned exactly once (the count is the number of pairs).
    """

    first: str
    second: str

    def transform(self, function: Function) -> int:
        first = self._assignments(function, self.first)
        second = self._assignments(function, self.second)
        if len(first) == len(second) == 1:
            first[0].value, second[0].value = second[0].value, first[0].value
        return len(first) * len(second)

    @staticmethod
    def _assignments(function: Function, name: str) -> list[ast.Assign]:
        return [
            node
            for node in _nodes(function)
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == name
        ]


@dataclass(frozen=True)
class Returns:
    """Make the function's one ``return`` statement return `template` instead.

    In `template`, the name ``returned`` stands for the value the function returned:
    ``returned + units`` adds `units` to it.
    """

    template: str

    def transform(self, function: Function) -> int:
        returns = [node for node in _nodes(function) if isinstance(node, ast.Return)]
        if len(returns) == 1:
            original = returns[0].value or ast.Constant(None)

            class Fill(ast.NodeTransformer):
                def visit_Name(self, node: ast.Name) -> ast.AST:
                    return original if node.id == "returned" else node

            returns[0].value = Fill().visit(_expression(self.template))
        return len(returns)


@dataclass(frozen=True)
class Keyword:
    """Pass `value` (an expression) as the keyword argument `name` of the one call that has it."""

    name: str
    value: str

    def transform(self, function: Function) -> int:
        found = [
            node
            for node in _nodes(function)
            if isinstance(node, ast.keyword) and node.arg == self.name
        ]
        if len(found) == 1:
            found[0].value = _expression(self.value)
        return len(found)


# --- A mutation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    """A named mistake: `edits`, in order, to the function `target` (a dotted import path).

    `read_first` names the pages (Sphinx docnames) expected to catch it: the mutation check
    executes them before the others, so that its build stops early. A hint only: if they do not
    catch it, the build goes on and any page may.
    """

    name: str
    target: str
    edits: tuple[Edit, ...]
    read_first: tuple[str, ...] = ()


# --- Applying a mutation to a copy of the package -----------------------------------------------


@dataclass(frozen=True)
class Location:
    """Where a function is defined: its file, relative to the package folder, and its qualname."""

    path: str
    qualname: str


def _import(target: str) -> object:
    """The object at the dotted path `target`: the longest importable module, then attributes."""
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            found: object = importlib.import_module(module)
        except ModuleNotFoundError as error:  # a prefix of `target` is not a module: go shorter
            if error.name is None or not (module + ".").startswith(error.name + "."):
                raise
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute)
        return found
    raise ModuleNotFoundError(f"no module in {target!r}")


def locate(target: str) -> Location:
    """Find, by importing it, where the function or method `target` is defined in the package.

    Raises
    ------
    ValueError
        If `target` cannot be imported, is not a function, or is defined outside the package.
    """
    try:
        function = inspect.unwrap(_import(target))
    except (ImportError, AttributeError) as error:
        raise ValueError(f"cannot import {target}: {error}") from error
    if not inspect.isfunction(function):
        raise ValueError(f"{target} is not a function or method")
    source = Path(inspect.getsourcefile(function) or "").resolve()
    if not source.is_relative_to(PACKAGE):
        raise ValueError(f"{target} is defined in {source}, not in {PACKAGE}")
    return Location(source.relative_to(PACKAGE).as_posix(), function.__qualname__)


def find_function(tree: ast.Module, qualname: str) -> Function:
    """The definition of `qualname` (``name`` or ``Class.name``) in `tree`; the last one wins."""
    node: ast.AST = tree
    for name in qualname.split("."):
        found = [
            child
            for child in getattr(node, "body", [])
            if isinstance(child, ast.ClassDef | Function) and child.name == name
        ]
        if not found:
            raise LookupError(f"no definition of {qualname} in the file")
        node = found[-1]
    if not isinstance(node, Function):
        raise LookupError(f"{qualname} is not a function")
    return node


def function_span(function: Function) -> tuple[int, int]:
    """First and last line (1-based) of the definition, decorators included."""
    first = min([function.lineno, *(decorator.lineno for decorator in function.decorator_list)])
    return first, function.end_lineno or function.lineno


def _indent(code: str, indent: str) -> str:
    """Indent each line of `code`, except the continuation lines of multi-line strings."""
    inside: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.STRING:
            inside.update(range(token.start[0] + 1, token.end[0] + 1))
    lines = code.splitlines(keepends=True)
    return "".join(
        line if number in inside or not line.strip() else indent + line
        for number, line in enumerate(lines, start=1)
    )


def splice(text: str, original: Function, mutated: Function) -> str:
    """`text` with the lines of `original` replaced by `mutated`, unparsed at the same indent."""
    lines = text.splitlines(keepends=True)
    first, last = function_span(original)
    definition = lines[first - 1]
    indent = definition[: len(definition) - len(definition.lstrip())]
    code = _indent(ast.unparse(mutated), indent) + "\n"
    return "".join([*lines[: first - 1], code, *lines[last:]])


def _mutate(mutation: Mutation, function: Function, where: str) -> Function:
    """A mutated copy of `function`; ValueError unless every edit matches exactly once."""
    mutated = copy.deepcopy(function)
    for edit in mutation.edits:
        count = edit.transform(mutated)
        if count != 1:
            raise ValueError(
                f"mutation {mutation.name!r}: {edit!r} matches {count} times in {where}; "
                "expected exactly once (update the mutation to the current code)"
            )
    if _shape(mutated) == _shape(function):
        raise ValueError(f"mutation {mutation.name!r} does not change {where}")
    return mutated


def apply(mutation: Mutation, package: Path) -> Path:
    """Apply `mutation` to the package copy in the folder `package`; return the file it changed.

    Only the target function's lines change; the file must still compile.

    Raises
    ------
    ValueError
        Naming the mutation, if its target is not found or an edit does not match exactly once.
    """
    try:
        location = locate(mutation.target)
        path = package / location.path
        text = path.read_text()
        function = find_function(ast.parse(text), location.qualname)
    except (ValueError, LookupError, OSError, SyntaxError) as error:
        raise ValueError(f"mutation {mutation.name!r}: {error}") from error
    where = f"{mutation.target} ({location.path})"
    mutated = splice(text, function, _mutate(mutation, function, where))
    compile(mutated, str(path), "exec")
    path.write_text(mutated)
    return path
