#!/usr/bin/env python3
"""Runs every example in README.md as written and compares the output the README shows.

    python3 scripts/check-readme-examples.py                 # what .ci/run does, after swift test
    python3 scripts/check-readme-examples.py --list          # the examples found, one a line
    python3 scripts/check-readme-examples.py --all           # also the examples marked not for CI

What counts as an example, read from the README at run time:

- a fenced block whose lines start with `$ `: each `$ ` line is a command (a line ending in `\\`
  continues it), and the lines up to the next `$ ` line are the output it must print: its standard
  output, or its standard output and standard error together, as a terminal shows them (so the
  build messages of `swift run` on standard error may come and go);
- a fenced block marked `sh`, `bash` or `shell`, and an indented block (four spaces) after an
  ordinary paragraph: each line is a command; a `# text` line right after a command is a line its
  output must contain (`# passed 30/30`).

In shown output a line holding only `⋮` stands for any number of lines, and a line ending in `…`
for a line that starts with what comes before the `…` (the terminal cuts long lines to its width;
the checker reads through a pipe, where they are printed whole). Trailing spaces do not count.

A command passes when it exits 0 and prints what the README shows; a command whose shown output
is an error message may exit non-zero if the output matches. Commands run in README order in one
scratch folder, so a file an example makes is there for the next. The scratch folder mirrors the
repository (a symbolic link to each top-level entry) and the folders beside it that the examples
name (`../shared`), holds a `byline` on PATH (`--byline`, by default `.build/release/byline`, else
`.build/debug/byline`), has a default memory of its own (`XDG_DATA_HOME`), and stands in for `/tmp/`, so runs
on a shared machine never meet. `swift …` commands run in the repository itself, which they build;
`swift test` is left to `.ci/run`, which runs it before this checker.

An example that cannot run in CI (it needs hours or software that is no part of the build) is
marked by an HTML comment on the line before its block, which says why:

    <!-- example: not in CI; makes and reads 450 MB of input -->

Such blocks are listed as skipped, and run with `--all`. So are examples that name a folder beside
the repository (`../shared`, the evaluation data and scorers) when the checkout has none there. Exit status: 0 when every example ran as
shown, 1 when one did not (each failure names its README line), 2 when the run could not start.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

MARKER = re.compile(r"^<!--\s*example:\s*not in CI\b[;:,]?\s*(.*?)\s*-->\s*$")
SHELL_FENCES = {"sh", "bash", "shell"}


@dataclass
class Example:
    line: int  # 1-based line of the command in the README
    command: str
    expected: list = field(default_factory=list)  # shown output lines; None when none is shown
    shows_output: bool = False
    contains: list = field(default_factory=list)  # lines the output must contain (`# text`)
    skip_reason: str = ""


def parse_transcript(lines, skip):
    """`$ command` lines with the output below each."""
    examples = []
    current = None
    continuing = False
    for number, text in lines:
        if continuing and current is not None:
            current.command += "\n" + text
            continuing = text.rstrip().endswith("\\")
            continue
        if text.startswith("$ "):
            current = Example(number, text[2:], [], True, [], skip)
            examples.append(current)
            continuing = text.rstrip().endswith("\\")
        elif current is not None:
            current.expected.append(text)
    for example in examples:
        while example.expected and not example.expected[-1].strip():
            example.expected.pop()
        example.shows_output = bool(example.expected)
    return examples


def parse_commands(lines, skip):
    """One command a line (with `\\` continuations); `# text` lines are output to contain."""
    examples = []
    current = None
    continuing = False
    for number, text in lines:
        if continuing and current is not None:
            current.command += "\n" + text
            continuing = text.rstrip().endswith("\\")
            continue
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if current is not None:
                current.contains.append(stripped[1:].strip())
            continue
        current = Example(number, text, None, False, [], skip)
        examples.append(current)
        continuing = text.rstrip().endswith("\\")
    return examples


def examples_in(readme_lines):
    """Every example of the README, in order."""
    examples = []
    index = 0
    pending_skip = ""
    count = len(readme_lines)
    previous_kind = "blank"  # the kind of the last non-code line: blank, text, list
    while index < count:
        line = readme_lines[index]
        marker = MARKER.match(line.strip())
        if marker:
            pending_skip = marker.group(1) or "marked not for CI"
            index += 1
            continue
        fence = re.match(r"^(```+|~~~+)\s*([\w+-]*)", line)
        if fence:
            info = fence.group(2).lower()
            body = []
            index += 1
            while index < count and not readme_lines[index].startswith(fence.group(1)):
                body.append((index + 1, readme_lines[index]))
                index += 1
            index += 1
            if any(text.startswith("$ ") for _, text in body):
                examples += parse_transcript(body, pending_skip)
            elif info in SHELL_FENCES:
                examples += parse_commands(body, pending_skip)
            pending_skip = ""
            previous_kind = "blank"
            continue
        if line.startswith("    ") and line.strip() and previous_kind == "blank" and not in_list(readme_lines, index):
            body = []
            while index < count and (readme_lines[index].startswith("    ") or not readme_lines[index].strip()):
                body.append((index + 1, readme_lines[index][4:]))
                index += 1
            if any(text.startswith("$ ") for _, text in body):
                examples += parse_transcript(body, pending_skip)
            else:
                examples += parse_commands(body, pending_skip)
            pending_skip = ""
            previous_kind = "blank"
            continue
        if line.strip():
            pending_skip = ""
        previous_kind = "blank" if not line.strip() else "text"
        index += 1
    return examples


def in_list(readme_lines, index):
    """Whether the indented line at `index` continues a list item rather than starting code."""
    back = index - 1
    while back >= 0 and not readme_lines[back].strip():
        back -= 1
    while back >= 0 and readme_lines[back].strip():
        if re.match(r"^\s*([-*+]|\d+\.)\s", readme_lines[back]):
            return True
        if not readme_lines[back].startswith(" "):
            return False
        back -= 1
    return False


def output_matches(expected, actual):
    """Whether `actual` lines are what `expected` shows, `⋮` and `…` elisions allowed."""
    expected = [line.rstrip() for line in expected]
    actual = [line.rstrip() for line in actual]
    while actual and not actual[-1]:
        actual.pop()

    def line_matches(shown, got):
        if shown.endswith("…") and not got.endswith("…"):
            return got.startswith(shown[:-1].rstrip())
        return shown == got

    memo = {}

    def match(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i].strip() == "⋮":
            result = any(match(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and line_matches(expected[i], actual[j]) and match(i + 1, j + 1)
        memo[key] = result
        return result

    return match(0, 0)


def first_difference(expected, actual):
    for index in range(max(len(expected), len(actual))):
        shown = expected[index].rstrip() if index < len(expected) else "(nothing)"
        got = actual[index].rstrip() if index < len(actual) else "(nothing)"
        if shown != got:
            return f"    first difference at output line {index + 1}:\n      README: {shown}\n      got:    {got}"
    return ""


def prepare_workspace(repository, scratch, examples, byline):
    """The scratch folder: a mirror of the repository, the folders beside it the examples
    name, a private /tmp, a private memory, and `byline` on PATH."""
    mirror = os.path.join(scratch, os.path.basename(repository))
    os.makedirs(mirror)
    for entry in os.listdir(repository):
        if entry == ".git":
            continue
        os.symlink(os.path.join(repository, entry), os.path.join(mirror, entry))
    parent = os.path.dirname(repository)
    for name in sorted({name for example in examples for name in re.findall(r"\.\./([\w.-]+)", example.command)}):
        source = os.path.join(parent, name)
        if os.path.exists(source) and not os.path.exists(os.path.join(scratch, name)):
            os.symlink(source, os.path.join(scratch, name))
    private_tmp = os.path.join(scratch, "tmp")
    os.makedirs(private_tmp)
    binaries = os.path.join(scratch, "bin")
    os.makedirs(binaries)
    os.symlink(byline, os.path.join(binaries, "byline"))
    environment = dict(os.environ)
    environment["PATH"] = binaries + os.pathsep + environment.get("PATH", "")
    # The default memory is a new one in the scratch folder, as on a fresh installation.
    environment.pop("BYLINE_TM", None)
    environment["XDG_DATA_HOME"] = os.path.join(scratch, "data")
    environment["TMPDIR"] = private_tmp
    environment.pop("COLUMNS", None)
    return mirror, private_tmp, environment


def run(example, repository, mirror, private_tmp, environment, swift, timeout):
    """Runs one example; returns a failure message or None."""
    command = example.command.replace("/tmp/", private_tmp + "/")
    words = example.command.split()
    in_repository = bool(words) and words[0] == "swift"
    if in_repository and swift != "swift":
        command = swift + command[len("swift"):]
    missing = missing_program(example.command, environment, mirror)
    if missing:
        return f"needs `{missing}`, which is not there (build or install it first)"
    try:
        completed = subprocess.run(
            ["/bin/bash", "-o", "pipefail", "-c", command], cwd=repository if in_repository else mirror,
            env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout} s"

    def text(data):
        return data.decode("utf-8", errors="replace").replace(private_tmp + "/", "/tmp/")

    standard_output, standard_error = text(completed.stdout), text(completed.stderr)
    output = standard_output + standard_error
    lines = output.split("\n")
    if example.shows_output:
        readings = [standard_output, standard_output + standard_error, standard_error + standard_output]
        if not any(output_matches(example.expected, reading.split("\n")) for reading in readings):
            return (f"printed something else than the README shows (exit {completed.returncode})\n"
                    + first_difference(example.expected, lines) + "\n    output:\n"
                    + "\n".join("      " + line for line in lines[:40]))
        return None
    if completed.returncode != 0:
        return f"exited with {completed.returncode}:\n" + "\n".join("      " + line for line in lines[-25:])
    stripped = [line.strip() for line in lines]
    for wanted in example.contains:
        if wanted not in stripped:
            return f"output lacks the line the README shows: {wanted}\n" + "\n".join("      " + line for line in lines[-25:])
    return None


def missing_program(command, environment, folder):
    """The first program of the command that cannot be found, if any."""
    first = command.strip().split()[0] if command.strip() else ""
    first = os.path.expanduser(first)
    if not first or first in {"for", "if", "while", "echo", "cd", "export", "("} or "=" in first:
        return None
    if "/" in first:
        path = first if os.path.isabs(first) else os.path.join(folder, first)
        return None if os.access(path, os.X_OK) else first
    return None if shutil.which(first, path=environment["PATH"]) else first


def main():
    # Quiet when its reader goes away (`--list | head`), as other command-line tools are.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--readme", default="README.md", help="the README to check (default README.md)")
    parser.add_argument("--byline", help="the binary to put on PATH as byline")
    parser.add_argument("--all", action="store_true", help="also run examples marked not for CI")
    parser.add_argument("--list", action="store_true", help="list the examples and stop")
    parser.add_argument("--swift", default="swift",
                        help="how to call swift for `swift …` examples, e.g. under a lock on a shared machine")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds any one command may take")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print where it is")
    arguments = parser.parse_args()

    repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    readme = os.path.join(repository, arguments.readme)
    try:
        with open(readme, encoding="utf-8") as handle:
            readme_lines = handle.read().split("\n")
    except OSError as error:
        print(f"check-readme-examples: cannot read {readme}: {error.strerror}", file=sys.stderr)
        return 2
    examples = examples_in(readme_lines)
    name = os.path.basename(readme)
    if arguments.list:
        for example in examples:
            note = f"  [not in CI: {example.skip_reason}]" if example.skip_reason else ""
            shown = f"  ({len(example.expected)} output lines)" if example.shows_output else ""
            print(f"{name}:{example.line}: {example.command.splitlines()[0]}{shown}{note}")
        return 0
    if not examples:
        print(f"check-readme-examples: {name} holds no examples", file=sys.stderr)
        return 2

    byline = arguments.byline
    if byline is None:
        for candidate in (".build/release/byline", ".build/debug/byline"):
            if os.access(os.path.join(repository, candidate), os.X_OK):
                byline = os.path.join(repository, candidate)
                break
    if byline is None or not os.access(byline, os.X_OK):
        print("check-readme-examples: no byline binary; build it with "
              "`swift build -c release --product byline` or give --byline PATH", file=sys.stderr)
        return 2
    byline = os.path.abspath(byline)

    scratch = tempfile.mkdtemp(prefix="byline-readme-")
    failures = 0
    ran = 0
    skipped = []
    # Files under /tmp/ that skipped examples would have made.
    unmade: set[str] = set()
    try:
        mirror, private_tmp, environment = prepare_workspace(repository, scratch, examples, byline)
        for example in examples:
            label = f"{name}:{example.line}"
            first_line = example.command.splitlines()[0]
            if example.skip_reason and not arguments.all:
                skipped.append(f"{label}: {first_line}  ({example.skip_reason})")
                continue
            if example.command.split()[:2] == ["swift", "test"]:
                skipped.append(f"{label}: {first_line}  (.ci/run runs it)")
                continue
            absent = [name for name in re.findall(r"\.\./([\w.-]+)", example.command)
                      if not os.path.exists(os.path.join(os.path.dirname(repository), name))]
            if absent and not arguments.all:
                skipped.append(f"{label}: {first_line}  (needs ../{absent[0]} beside the repository, "
                               "the evaluation data and scorers, which this checkout does not have)")
                unmade.update(re.findall(r"/tmp/[\w.-]+", example.command))
                continue
            needed = [path for path in re.findall(r"/tmp/[\w.-]+", example.command) if path in unmade]
            if needed and not arguments.all:
                skipped.append(f"{label}: {first_line}  (needs {needed[0]}, which a skipped example makes)")
                continue
            ran += 1
            print(f"{label}: {first_line}", flush=True)
            failure = run(example, repository, mirror, private_tmp, environment, arguments.swift, arguments.timeout)
            if failure:
                failures += 1
                print(f"{label}: FAILED: `{first_line}` {failure}", file=sys.stderr, flush=True)
    finally:
        if arguments.keep:
            print(f"scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    for line in skipped:
        print(f"skipped {line}")
    print(f"{name}: {ran - failures} of {ran} examples ran as shown, {failures} failed, {len(skipped)} skipped")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
