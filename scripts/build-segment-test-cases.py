#!/usr/bin/env python3
"""Turn outside sentence-segmentation test material into the JSON Lines cases the scorer reads.

Writes one ``{"id", "lang", "text", "sentences", "suite", "boundary_only", "sources"}`` object a
line, the shape ``score_segment.py`` takes, under ``Tests/BylineSegmentTests/Data/``. Nothing is
fetched: each source is read from a local checkout named on the command line, and the output is
fully determined by it (sorted keys, stable order), so a second run leaves no diff.

    python3 scripts/build-segment-test-cases.py sentencex CHECKOUT OUT.jsonl
    python3 scripts/build-segment-test-cases.py moses CHECKOUT OUT.jsonl
    python3 scripts/build-segment-test-cases.py ud CHECKOUT FILE.conllu LANG OUT.jsonl [--max-cases N]

sentencex
    ``tests/<lang>.txt`` and ``tests/lists.txt`` of github.com/wikimedia/sentencex: blocks of input
    text, ``---``, expected segments one a line (a literal ``\\n`` inside a line is a newline),
    ``===``. Several of these files copy the suites of pySBD and pragmatic_segmenter, which are
    kept out of this set (see ``SENTENCEX_KEPT``): only the files that share no case with those
    suites are taken, and from ``en.txt`` and ``lists.txt`` only the blocks written for sentencex.
moses
    The ``input_text``/``expected_sentences`` pairs of ``tests/test_sentence_splitter.py`` of
    github.com/mediacloud/sentence-splitter, the Python port of the Moses splitter, with the
    language of the ``SentenceSplitter`` they were run with.
ud
    A Universal Dependencies treebank file: the ``# text =`` lines of runs of three consecutive
    sentences of one document, joined by one space (the recipe of the development set beside the
    repository). ``--max-cases`` keeps the first N runs.

An expected segment is located in the input after the previous one; where the expected text
differs from the input only in white space (a line break written as a space), the input's own
slice is stored. A case whose segments cannot all be located that way keeps the expected text
and is marked ``boundary_only: false`` (the scorer skips it).
"""

import argparse
import ast
import json
import pathlib
import re
import subprocess
import sys


def git_head(checkout):
    try:
        return subprocess.run(['git', '-C', str(checkout), 'rev-parse', 'HEAD'], check=True,
                              capture_output=True, text=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None


def git_files(checkout, pattern):
    """(path, text) of the files under `checkout` matching `pattern`, from the work tree or,
    in a bare mirror, from HEAD."""
    root = pathlib.Path(checkout)
    found = sorted(root.glob(pattern))
    if found:
        return [(str(path.relative_to(root)), path.read_text(encoding='utf-8')) for path in found]
    listing = subprocess.run(['git', '-C', str(root), 'ls-tree', '-r', '--name-only', 'HEAD'], check=True,
                             capture_output=True, text=True).stdout.split('\n')
    regex = re.compile('^' + re.escape(pattern).replace(r'\*', '[^/]*') + '$')
    result = []
    for path in sorted(p for p in listing if regex.match(p)):
        text = subprocess.run(['git', '-C', str(root), 'show', f'HEAD:{path}'], check=True,
                              capture_output=True).stdout.decode('utf-8')
        result.append((path, text))
    return result


def locate(text, expected):
    """The input's own slices for the expected segments, or None when they are not in order."""
    squeezed = []
    position = 0
    for segment in expected:
        pattern = r'\s+'.join(re.escape(part) for part in segment.split())
        if not pattern:
            continue
        match = re.compile(pattern).search(text, position)
        if match is None or text[position:match.start()].strip():
            return None
        squeezed.append(match.group(0))
        position = match.end()
    if text[position:].strip():
        return None
    return squeezed


def make_case(case_id, lang, text, expected, suite, source):
    located = locate(text, expected)
    return {
        'id': case_id, 'lang': lang, 'text': text,
        'sentences': located if located is not None else expected,
        'suite': suite, 'boundary_only': located is not None, 'sources': [source],
    }


def golden_texts(paths):
    texts = set()
    for path in paths:
        path = pathlib.Path(path)
        for file in sorted(path.rglob('*.jsonl')) if path.is_dir() else [path]:
            for line in file.read_text(encoding='utf-8').splitlines():
                if line.strip():
                    texts.add(' '.join(json.loads(line)['text'].split()))
    return texts


# The sentencex test files taken, and the items (1-based, in file order) kept from each. The
# other files (de, ru, it, kk, hy, …) are ports of pySBD's and pragmatic_segmenter's suites,
# whose cases are kept out of this set, and so are the files of languages those suites cover
# with one or two cases (am, el, es, hi, my, pl, ur). In en.txt, items 12-49 are the English
# "golden rules" and 69-112, 119-135, 141 and 232-236 are cases from pySBD's issue tests and
# novel passages; in lists.txt, items 13-21 are the inline-list rules and 24-26 issue tests.
SENTENCEX_KEPT = {
    'en': [*range(1, 12), *range(50, 69), *range(113, 119), *range(136, 141), *range(142, 232)],
    'lists': [*range(1, 13), 22, 23],
    'uk': None, 'pt': None, 'fi': None, 'he': None, 'ml': None, 'pa': None,
}


def sentencex_cases(checkout, exclude):
    commit = git_head(checkout)
    excluded = golden_texts(exclude)
    cases = []
    dropped = 0
    for path, content in git_files(checkout, 'tests/*.txt'):
        name = pathlib.Path(path).stem
        lang = 'en' if name == 'lists' else name
        blocks = re.split(r'^===[ \t]*$', content, flags=re.M)
        number = 0
        for block in blocks:
            lines = [line for line in block.split('\n') if not line.startswith('#')]
            body = '\n'.join(lines).strip('\n')
            if '\n---\n' not in '\n' + body + '\n':
                continue
            source_text, _, expected_text = ('\n' + body + '\n').partition('\n---\n')
            source_text = source_text.strip('\n')
            expected = [line.strip().replace('\\n', '\n') for line in expected_text.split('\n') if line.strip()]
            if not source_text.strip():
                continue
            number += 1
            if name not in SENTENCEX_KEPT or (SENTENCEX_KEPT[name] and number not in SENTENCEX_KEPT[name]):
                continue
            if ' '.join(source_text.split()) in excluded:
                dropped += 1
                continue
            cases.append(make_case(f'sentencex-{name}-{number:03d}', lang, source_text, expected, 'sentencex',
                                   {'repo': 'wikimedia/sentencex', 'commit': commit, 'path': path, 'item': number}))
    print(f'sentencex: {len(cases)} cases, {dropped} more left out as copies of the excluded files', file=sys.stderr)
    return cases


def moses_cases(checkout):
    commit = git_head(checkout)
    cases = []
    for path, content in git_files(checkout, 'tests/test_sentence_splitter.py'):
        tree = ast.parse(content)
        for function in tree.body:
            if not isinstance(function, ast.FunctionDef):
                continue
            lang = None
            text = None
            number = 0
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, 'id', None) in ('SentenceSplitter', 'split_text_into_sentences'):
                    for keyword in node.keywords:
                        if keyword.arg == 'language' and isinstance(keyword.value, ast.Constant):
                            lang = keyword.value.value
            for statement in function.body:
                if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
                    continue
                target = getattr(statement.targets[0], 'id', None)
                try:
                    value = ast.literal_eval(statement.value)
                except ValueError:
                    if target == 'expected_sentences' and isinstance(statement.value, ast.List):
                        value = [text] if any(isinstance(e, ast.Name) for e in statement.value.elts) else None
                    else:
                        continue
                if target == 'input_text':
                    text = value
                elif target == 'expected_sentences' and text and value and lang and len(lang) == 2:
                    number += 1
                    cases.append(make_case(f'moses-{function.name[5:]}-{number}', lang, text, value, 'moses',
                                           {'repo': 'mediacloud/sentence-splitter', 'commit': commit, 'path': path,
                                            'item': f'{function.name} #{number}'}))
    print(f'moses: {len(cases)} cases', file=sys.stderr)
    return cases


def ud_cases(checkout, path, lang, max_cases):
    commit = git_head(checkout)
    (_, content), = git_files(checkout, path)
    documents = [[]]
    sentence_id = None
    for line in content.split('\n'):
        if line.startswith('# newdoc'):
            if documents[-1]:
                documents.append([])
        elif line.startswith('# sent_id = '):
            sentence_id = line[len('# sent_id = '):].strip()
        elif line.startswith('# text = '):
            documents[-1].append((sentence_id, line[len('# text = '):].strip()))
    name, _, split = pathlib.Path(path).stem.partition('-ud-')
    cases = []
    for document in documents:
        for start in range(0, len(document) - 2, 3):
            run = document[start:start + 3]
            sentences = [text for _, text in run]
            terminal = all(re.search(r'[.!?…]["\'”»)\]]*$', text) for text in sentences[:-1])
            case = make_case(f'{name}-{split}-{len(cases) + 1:04d}', lang, ' '.join(sentences),
                             sentences, 'ud', {'repo': checkout_repo(checkout), 'commit': commit, 'path': path,
                                               'sent_ids': [sid for sid, _ in run]})
            case['terminal_punct'] = terminal
            cases.append(case)
            if max_cases and len(cases) >= max_cases:
                return cases
    return cases


def checkout_repo(checkout):
    """owner/name from a mirror folder (`owner+name/repo`) or the checkout's origin."""
    path = pathlib.Path(checkout).resolve()
    for part in (path.name, path.parent.name):
        if '+' in part:
            return part.replace('+', '/', 1)
    return path.name


def write(cases, out):
    out = pathlib.Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_suffix('.tmp')
    with temporary.open('w', encoding='utf-8') as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False, sort_keys=True) + '\n')
    temporary.replace(out)
    print(f'wrote {len(cases)} cases to {out}', file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='source', required=True)
    sx = sub.add_parser('sentencex')
    sx.add_argument('checkout')
    sx.add_argument('out')
    sx.add_argument('--exclude-golden', action='append', default=[],
                    help='JSONL file or folder whose texts are left out as well (a safety net)')
    mo = sub.add_parser('moses')
    mo.add_argument('checkout')
    mo.add_argument('out')
    ud = sub.add_parser('ud')
    ud.add_argument('checkout')
    ud.add_argument('path')
    ud.add_argument('lang')
    ud.add_argument('out')
    ud.add_argument('--max-cases', type=int, default=0)
    args = parser.parse_args()
    if args.source == 'sentencex':
        write(sentencex_cases(args.checkout, args.exclude_golden), args.out)
    elif args.source == 'moses':
        write(moses_cases(args.checkout), args.out)
    else:
        write(ud_cases(args.checkout, args.path, args.lang, args.max_cases), args.out)


if __name__ == '__main__':
    main()
