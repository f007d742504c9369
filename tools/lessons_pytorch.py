#!/usr/bin/env python3
"""Runs the plain-PyTorch statements of Unroll lessons under real PyTorch.

  python3 tools/lessons_pytorch.py check [lessons/...]   report every statement whose recorded output differs
  python3 tools/lessons_pytorch.py fill lessons/NN-x.md  rewrite recorded outputs with what PyTorch prints

A lesson runs top to bottom in one namespace, as doctest does: each `>>> ` statement is compiled in
'single' mode, so expression statements echo their repr. Statements that start with `:` are Unroll
meta-commands and are skipped (their outputs are Unroll-only and are written by `unroll replay --update`);
so are cells flagged `skip` or `unroll-only` (e.g. `plt.show()`, which draws in the terminal only in Unroll), and cells flagged `exercise` are run only for their `>>>` statements.
A statement whose expected output starts with `<Name>Error: ` (Unroll's error line) passes when PyTorch
raises that exception with that message. `[..]` inside a line and a `[...]` line elide, as in replay.
Needs torch, numpy; never run in CI.
"""
import contextlib
import io
import os
import re
import sys
import traceback

FENCE = re.compile(r"^(`{3,})unroll\b(.*)$")


def parse(path):
    """Yields cells: dict(flags, statements=[dict(line, source, expected=[...], expected_lines=[...])])."""
    lines = open(path, encoding="utf-8").read().split("\n")
    cells, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, flags = m.group(1), m.group(2).split()
        cell = {"flags": flags, "statements": [], "start": i}
        i += 1
        current = None
        while i < len(lines) and not lines[i].startswith(fence):
            text = lines[i]
            if text.startswith(">>> ") or text == ">>>":
                current = {"line": i + 1, "source": [text[4:]], "expected": [], "expected_lines": []}
                cell["statements"].append(current)
            elif (text.startswith("... ") or text == "...") and current is not None and not current["expected"]:
                current["source"].append(text[4:])
            elif current is not None:
                current["expected"].append(text)
                current["expected_lines"].append(i)
            i += 1
        cell["end"] = i
        cells.append(cell)
        i += 1
    return lines, cells


def run_statement(source, namespace):
    """Returns (output text, error line or None) for one statement, as the interactive interpreter shows it."""
    buffer = io.StringIO()
    error = None
    with contextlib.redirect_stdout(buffer):
        try:
            code = compile("\n".join(source) + "\n", "<lesson>", "single")
            exec(code, namespace)
        except Exception as exc:  # noqa: BLE001 - every exception is an expected outcome here
            error = traceback.format_exception_only(type(exc), exc)[-1].rstrip("\n")
    out = buffer.getvalue()
    if out.endswith("\n"):
        out = out[:-1]
    return out, error


def matches(expected, actual):
    """Exact text, with `[..]` eliding within a line and a `[...]` line eliding any lines."""
    if not [l for l in expected if l.strip()] and not [l for l in actual if l.strip()]:
        return True
    pattern = ""
    for line in expected:
        if line.strip() == "[...]":
            pattern += r"(?:.*\n)*?"
        else:
            pattern += ".*".join(re.escape(part) for part in line.rstrip().split("[..]")) + r"[ \t]*\n"
    return re.fullmatch(pattern, "\n".join(l.rstrip() for l in actual) + "\n") is not None


def is_plain(statement):
    return not statement["source"][0].lstrip().startswith(":")


def process(path, fill):
    lines, cells = parse(path)
    namespace = {"__name__": "__lesson__"}
    os.chdir(os.path.dirname(os.path.abspath(path)) + "/..")
    failures, replacements = 0, []
    for cell in cells:
        if "skip" in cell["flags"] or "unroll-only" in cell["flags"]:
            continue
        for st in cell["statements"]:
            if not is_plain(st):
                continue
            out, error = run_statement(st["source"], namespace)
            actual = out.split("\n") if out else []
            if error:
                actual.append(error)
            expected = [l for l in st["expected"]]
            while expected and expected[-1].strip() == "":
                expected.pop()
            error_at = next((i for i, l in enumerate(expected) if re.match(r"^\w+(Error|Exception|Interrupt): ", l)), None)
            if error and error_at is not None:
                # Unroll prints PyTorch's error line, then any teaching hint on lines of its own: the output before
                # the error and the error line itself must be PyTorch's.
                before = actual[:-1]
                ok = expected[error_at].strip() == error.strip() and matches(expected[:error_at], before)
            else:
                ok = matches(expected, actual)
            if not ok:
                failures += 1
                if fill:
                    replacements.append((st, actual))
                else:
                    print(f"{path}:{st['line']}: differs from PyTorch")
                    print("  statement: " + " / ".join(st["source"]))
                    print("  lesson:    " + "\n             ".join(expected))
                    print("  pytorch:   " + "\n             ".join(actual))
    if fill and replacements:
        for st, actual in sorted(replacements, key=lambda r: -r[0]["line"]):
            idx = st["expected_lines"]
            start = st["line"] + len(st["source"]) - 1
            end = (idx[-1] + 1) if idx else start
            # Keep blank separator lines that follow the output.
            while idx and lines[end - 1].strip() == "" and end - 1 > start:
                end -= 1
            lines[start:end] = actual
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        os.replace(tmp, path)
        print(f"{path}: filled {len(replacements)} statement(s)")
    return failures


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("check", "fill"):
        print(__doc__)
        return 2
    mode = sys.argv[1]
    paths = sys.argv[2:] or ["lessons"]
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".md"))
        else:
            files.append(p)
    here = os.getcwd()
    total = 0
    for f in files:
        os.chdir(here)
        total += process(os.path.abspath(f), mode == "fill")
    os.chdir(here)
    if mode == "check":
        print(f"{len(files)} lesson(s), {total} statement(s) differ from PyTorch")
    return 1 if (total and mode == "check") else 0


if __name__ == "__main__":
    sys.exit(main())
