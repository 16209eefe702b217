"""A bounded YAML reader for the files users hand to foedus (scenarios, parameter sets).

Plain ``yaml.safe_load`` trusts its input: an alias bomb ("billion laughs") expands to
gigabytes as soon as anything walks the result, a recursive anchor loops forever, a file
nested thousands deep exhausts the stack, a duplicate key silently keeps the last value, and
a device or a huge file is read without end. This module reads a file only after checking
that it is a regular file of bounded size, scans the YAML event stream (in libyaml when
available) for nesting depth and alias count before composing anything, then checks the
composed node graph for recursion, its size with every alias expanded, and duplicate keys -
without ever expanding an alias. Every refusal is a :class:`~foedus.errors.ScenarioError`
naming the file and line.

Limits (module constants, one place): :data:`MAX_FILE_BYTES`, :data:`MAX_DEPTH`,
:data:`MAX_ALIASES`, :data:`MAX_NODES`.

Examples
--------
>>> data, lines = parse("a: 1\\nb: [x, y]\\n", "ex.yaml")
>>> data, lines[("b", 1)]
({'a': 1, 'b': ['x', 'y']}, 2)
>>> parse("a: 1\\na: 2\\n", "ex.yaml")
Traceback (most recent call last):
...
foedus.errors.ScenarioError: ex.yaml:2: a: duplicate key (the first is on line 1); keep one
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from foedus.errors import ScenarioError

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "Loc", "parse",
           "read_text"]

Loc = tuple[str | int, ...]

#: Largest file accepted (the flagship scenario is about 60 kB).
MAX_FILE_BYTES = 4_000_000
#: Deepest nesting of mappings and sequences (the shipped scenarios need 8).
MAX_DEPTH = 64
#: Most aliases (``*name``) in one file.
MAX_ALIASES = 1_000
#: Most nodes once every alias is expanded (what a consumer of the data walks).
MAX_NODES = 1_000_000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as strings, so that pydantic validates them and an
    impossible date (2024-02-30) gets a clear message instead of a YAML exception."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_MERGE = "tag:yaml.org,2002:merge"


def read_text(path: str | Path, what: str = "scenario") -> str:
    """The text of ``path``, refusing what is not a regular, readable, bounded UTF-8 file.

    A directory, a device (``/dev/zero``), a FIFO or a socket is refused before anything is
    read, and no more than :data:`MAX_FILE_BYTES` + 1 bytes are ever read.
    """
    where = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ScenarioError(where, "", f"no such {what} file") from None
    except OSError as exc:
        raise ScenarioError(where, "", f"cannot read the {what} file: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ScenarioError(where, "", f"is a directory; give a {what} YAML file")
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError(where, "", f"is not a regular file (a device, pipe or socket); "
                                       f"give a {what} YAML file")
    if info.st_size > MAX_FILE_BYTES:
        raise ScenarioError(where, "", f"the file is {info.st_size:,} bytes; a {what} file may "
                                       f"have at most {MAX_FILE_BYTES:,}")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(where, "", f"cannot read the {what} file: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(where, "", f"the file has more than {MAX_FILE_BYTES:,} bytes")
    if b"\x00" in raw:
        raise ScenarioError(where, "", "a binary file (it contains NUL bytes); expected YAML "
                                       "text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(where, "", f"not a UTF-8 text file (byte {exc.start}); expected "
                                       "YAML") from None


def _syntax_error(exc: yaml.YAMLError, path: str) -> ScenarioError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        return ScenarioError(path, "", f"YAML syntax error: {problem} (check indentation, "
                             "colons and quotes)", line=line)
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ScenarioError(path, "", f"YAML syntax error: {text}")


def _scan_events(text: str, path: str) -> None:
    """Check nesting depth, alias count and stream length on the event stream, before any
    node is composed (composition of a 10 000-deep file would exhaust the stack)."""
    loader = _Loader(text)
    depth = aliases = events = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            events += 1
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ScenarioError(path, "", f"nested more than {MAX_DEPTH} levels deep; "
                                        "flatten the structure",
                                        line=event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise ScenarioError(path, "", f"more than {MAX_ALIASES} aliases (*name); "
                                        "write the values out", line=event.start_mark.line + 1)
            if events > 2 * MAX_NODES:
                raise ScenarioError(path, "", f"more than {MAX_NODES:,} YAML nodes")
    finally:
        loader.dispose()


def _check_graph(root: yaml.Node, path: str, lines: dict[Loc, int]) -> None:
    """Walk the node graph once (aliases are shared nodes, never expanded): refuse
    recursion, an expanded size above :data:`MAX_NODES` and duplicate keys; record the
    line of every key and item on its first (non-aliased) path."""
    size: dict[int, int] = {}
    on_stack: set[int] = set()
    # iterative post-order walk: (node, loc, children visited?)
    stack: list[tuple[yaml.Node, Loc, bool]] = [(root, (), False)]
    lines.setdefault((), root.start_mark.line + 1)
    while stack:
        node, loc, done = stack.pop()
        key = id(node)
        if done:
            on_stack.discard(key)
            total = 1 + sum(size[id(c)] for _, c, _ in _children(node))
            if total > MAX_NODES:
                raise ScenarioError(path, "", f"the aliases expand to more than {MAX_NODES:,} "
                                    "values (an alias bomb?); write the values out",
                                    line=node.start_mark.line + 1)
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_stack:
            raise ScenarioError(path, "", "an anchor is used inside itself (a recursive "
                                "alias); YAML data must be a tree",
                                line=node.start_mark.line + 1)
        on_stack.add(key)
        stack.append((node, loc, True))
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                    ident = (key_node.tag, key_node.value)
                    line = key_node.start_mark.line + 1
                    if ident in seen:
                        raise ScenarioError(path, _format(loc + (key_node.value,)),
                                            f"duplicate key (the first is on line "
                                            f"{seen[ident]}); keep one", line=line)
                    seen[ident] = line
        # children pushed in reverse so that they are walked in document order: a node shared
        # by aliases gets its lines from its first (anchored) occurrence
        for child_loc, child, line in reversed(_children(node, loc)):
            if id(child) in on_stack:
                raise ScenarioError(path, _format(child_loc), "an anchor is used inside "
                                    "itself (a recursive alias); YAML data must be a tree",
                                    line=line)
            lines.setdefault(child_loc, line)
            if id(child) not in size:
                stack.append((child, child_loc, False))


def _children(node: yaml.Node, loc: Loc = ()) -> list[tuple[Loc, yaml.Node, int]]:
    """Child nodes with their location and the line to report for that location (a
    mapping entry is reported at its key)."""
    out: list[tuple[Loc, yaml.Node, int]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            scalar = isinstance(key_node, yaml.ScalarNode)
            child = loc + (str(key_node.value) if scalar else "?",)
            line = key_node.start_mark.line + 1
            if not scalar:
                out.append((child, key_node, line))
            out.append((child, value, line))
    elif isinstance(node, yaml.SequenceNode):
        out.extend((loc + (i,), item, item.start_mark.line + 1)
                   for i, item in enumerate(node.value))
    return out


def _format(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse(text: str, path: str) -> tuple[Any, dict[Loc, int]]:
    """Parse one YAML document safely; return the data and the 1-based line of every
    mapping key and sequence item (keyed by location, e.g. ``("crises", 2, "target")``).

    Refuses (with file and line) files longer than :data:`MAX_FILE_BYTES`, nesting deeper
    than :data:`MAX_DEPTH`, more than :data:`MAX_ALIASES` aliases, recursive aliases, more
    than :data:`MAX_NODES` values after alias expansion, duplicate keys and several
    documents in one file.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ScenarioError(path, "", f"more than {MAX_FILE_BYTES:,} bytes of YAML")
    lines: dict[Loc, int] = {}
    try:
        _scan_events(text, path)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, lines
            _check_graph(node, path, lines)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, path) from None
    except RecursionError:  # pragma: no cover - depth is bounded above
        raise ScenarioError(path, "", f"nested too deeply (limit {MAX_DEPTH})") from None
    return data, lines

