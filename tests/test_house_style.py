"""House-style rules for the book's sources, checked without building it (CONTRIBUTING.md, "House style").

The built site is checked in a browser by tests/site; these read the files: admonitions that render
their titles, bibliography titles that keep their capitals, the shape of every chapter, and one
number for GPT-3's compute.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.py"))
PAGES = sorted((ROOT / "book").glob("*.py")) + sorted((ROOT / "book").glob("*.md"))
MARKDOWN_SOURCES = [*PAGES, *sorted((ROOT / "solutions").glob("*.py"))]

# MyST's named admonitions take no title: "```{warning} Title" prints the title as body text under a
# generic "Warning". The house form is "```{admonition} Title" with ":class: warning" on the next line.
NAMED_ADMONITION = re.compile(
    r"^(?:#\s?)?(?:`{3,}|:{3,})\{(warning|note|tip|important|caution|attention|danger|error|hint|seealso)\}(.*)$"
)
TITLED_ADMONITION = re.compile(r"^(?:#\s?)?(?:`{3,}|:{3,})\{admonition\}(.*)$")


def _lines(path: Path):
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("path", MARKDOWN_SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_admonitions_have_titles(path):
    problems = []
    lines = _lines(path)
    for number, line in enumerate(lines, 1):
        named = NAMED_ADMONITION.match(line)
        if named:
            problems.append(
                f"{path.name}:{number}: ```{{{named[1]}}}{named[2]}: write ```{{admonition}} Title, then "
                f":class: {named[1]} on the next line"
            )
        titled = TITLED_ADMONITION.match(line)
        if titled and not titled[1].strip():
            problems.append(f"{path.name}:{number}: an admonition needs a title after {{admonition}}")
        if titled and not re.match(r"^(?:#\s?)?:class:\s*\w", lines[number] if number < len(lines) else ""):
            problems.append(f"{path.name}:{number}: follow {{admonition}} Title with ':class: warning' (or note)")
    assert problems == [], "\n".join(problems)


def _bib_fields(name: str) -> list[tuple[str, str]]:
    """(key, value) of every ``name = {...}`` field in references.bib, braces balanced."""
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    out = []
    for entry in re.finditer(r"@\w+\{([^,]+),", text):
        match = re.compile(rf"\b{name}\s*=\s*\{{").search(text, entry.end())
        next_entry = text.find("\n@", entry.end())
        if not match or (next_entry != -1 and match.start() > next_entry):
            continue
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.append((entry[1], text[match.end() : i - 1]))
    return out


# Proper nouns that plain BibTeX styles would lower-case unless braced.
PROPER_NOUNS = {"Chinchilla", "Llama", "Transformer", "Transformers", "American", "United", "States", "Zipf"}


@pytest.mark.parametrize(("key", "title"), _bib_fields("title"), ids=lambda v: v[:30])
def test_bibliography_titles_keep_their_capitals(key, title):
    unbraced = re.sub(r"\{[^{}]*\}", " ", title)  # braced words keep their case
    words = re.findall(r"[A-Za-z][\w']*", unbraced)  # hyphenated parts count as words
    lost = [w for w in words if sum(c.isupper() for c in w) > 1 or w in PROPER_NOUNS]
    assert lost == [], f"{key}: brace {lost} in its title, or the bibliography prints them in lower case"


@pytest.mark.parametrize(("key", "note"), _bib_fields("note"), ids=lambda v: v[:30])
def test_bibliography_notes_have_no_tildes(key, note):
    assert "~" not in note, f"{key}: BibTeX prints '~' as a blank gap; write 'about' or a space"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_has_an_explorer_and_ends_with_exercises(chapter):
    text = chapter.read_text(encoding="utf-8")
    assert "widgets.explorer(" in text, f"{chapter.name} has no explorer (widgets.explorer)"
    headings = re.findall(r"^# ## (.+)$", text, flags=re.M)
    assert headings and headings[-1].strip() == "Exercises", (
        f"{chapter.name}: the last section must be '## Exercises'; it is {headings[-1:]}"
    )


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".py"], ids=lambda p: p.stem)
def test_gpt3_compute_comes_from_helpers(page):
    """GPT-3's training compute is one number, computed once in helpers.compute (Table D.1)."""
    code = [line for line in _lines(page) if not line.startswith("#")]
    typed = [line.strip() for line in code if re.search(r"\b3\.14e23\b|\b174\.6e9\b", line)]
    assert typed == [], f"{page.name}: use compute.GPT3_TRAINING_FLOP instead of {typed}"


# ---------------------------------------------------------------------------------------------- notation

GREEK = set(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho "
    "sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega".split()
)
MODIFIERS = {"hat", "dot"}
WORDS = re.compile(r"\\(?:text|mathrm|operatorname|mathit|textbf|mathbf)\s*\{([^{}]*)\}")


def _math_spans(markdown: str) -> list[str]:
    text = re.sub(r"`[^`\n]*`", " ", markdown.replace("\\$", " "))  # no code, no escaped dollars
    spans = re.findall(r"\$\$(.+?)\$\$", text, flags=re.S)
    text = re.sub(r"\$\$(.+?)\$\$", " ", text, flags=re.S)
    return spans + re.findall(r"\$((?:[^$\n]|\n(?!\n))+?)\$", text)  # inline maths may wrap a line


def _group(s: str, i: int) -> tuple[str, int]:
    """The sub- or superscript starting at ``s[i]``: ``{...}``, a command or one character."""
    if i >= len(s):
        return "", i
    if s[i] == "\u27e8":
        j = s.index("\u27e9", i) + 1
        return s[i + 1 : j - 1], j
    if s[i] == "{":
        depth, j = 1, i + 1
        while j < len(s) and depth:
            depth += {"{": 1, "}": -1}.get(s[j], 0)
            j += 1
        return s[i + 1 : j - 1], j
    command = re.match(r"\\[A-Za-z]+", s[i:])
    if command:
        return command[0], i + len(command[0])
    return s[i], i + 1


def _symbols(math: str) -> set[str]:
    """Symbols in a TeX string: a letter or Greek letter with its named subscript, ``*`` or text superscript.

    Index subscripts (one letter i, j, k, n or a digit from 1) and exponents are not part of a symbol, so
    ``p_i`` is ``p`` and ``N^{\\alpha}`` is ``N``.
    """
    s = re.sub(r"\\(?:begin|end)\{[^{}]*\}", " ", math.replace("\\epsilon", "\\varepsilon"))
    s = WORDS.sub(lambda m: "\u27e8" + m[1].replace(" ", "").replace("\\", "") + "\u27e9", s)
    found, i = set(), 0
    while i < len(s):
        if s[i] == "\u27e8":  # words in \text{...}: units and labels, not symbols
            i = s.index("\u27e9", i) + 1
            continue
        command = re.match(r"\\([A-Za-z]+)", s[i:])
        modifier = ""
        if command and command[1] in MODIFIERS:
            start = i + len(command[0])
            while start < len(s) and s[start] == " ":
                start += 1
            inner, j = _group(s, start)
            if re.fullmatch(r"\s*\\?[A-Za-z]+\s*", inner or ""):
                modifier, s, i = command[1] + " ", s[:i] + inner.strip() + s[j:], i
                command = re.match(r"\\([A-Za-z]+)", s[i:])
            else:
                i += len(command[0])
                continue
        if command:
            if command[1] not in GREEK:
                i += len(command[0])
                continue
            base, i = command[1], i + len(command[0])
        elif s[i].isalpha() and s[i].isascii():
            base, i = s[i], i + 1
        else:
            i += 1
            continue
        symbol = modifier + base
        while i < len(s) and s[i] in "_^":
            kind, (group, end) = s[i], _group(s, i + 1)
            name = group.replace("\\", "").strip()
            if kind == "_" and not re.fullmatch(r"[ijkn1-9]", name):
                symbol, i = symbol + "_" + name, end
            elif kind == "^" and re.fullmatch(r"\*|min", name):
                symbol, i = symbol + "^" + name, end
            else:
                i += 1  # an exponent or an index: its symbols are read on their own
                break
        found.add(symbol)
    return found


def _markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    import jupytext

    return "\n".join(c.source for c in jupytext.read(path).cells if c.cell_type == "markdown")


def _notation_table() -> dict[str, set[int] | None]:
    """Symbol -> the chapters its row on the notation page lists (None: "all")."""
    listed: dict[str, set[int] | None] = {}
    for line in _markdown(ROOT / "book" / "notation.py").splitlines():
        if line.startswith("| ") and not line.startswith("| symbol"):
            cells = line.split("|")
            first, chapters = cells[1], cells[-2].strip()
            where = None if chapters == "all" else {int(c) for c in re.findall(r"\d+", chapters)}
            symbols = {s for span in _math_spans(first) for s in _symbols(span)}
            symbols |= set(re.findall(r"^\s*([A-Z]{2,})\s*$", first))
            for symbol in symbols:
                before = listed.get(symbol, set())
                listed[symbol] = None if where is None or before is None else before | where
    return listed


def test_the_notation_check_reads_symbols_as_a_reader_would():
    assert _symbols(r"N_\text{opt}(C) = G \left(\frac{C}{6}\right)^{a}") == {"N_opt", "C", "G", "a"}
    assert _symbols(r"L(C_{\min}) = \left(\frac{C_c^{\min}}{C_{\min}}\right)^{\alpha_C^{\min}}") == {
        "L", "C_min", "C_c^min", "alpha_C^min"
    }
    assert _symbols(r"\text{BS} = \frac{1}{n} \sum_{i=1}^{n} (q_i - o_i)^2") == {"n", "i", "q", "o"}
    assert _symbols(r"\hat p + \dot r + \widehat{\text{pass@}k} + N^{*} + A/N^{\alpha}") == {
        "hat p", "dot r", "k", "N^*", "A", "N", "alpha"
    }


@pytest.mark.parametrize("page", [p for p in PAGES if p.stem != "notation"], ids=lambda p: p.name)
def test_every_symbol_is_on_the_notation_page_for_its_chapter(page):
    """A page may use a symbol only if the notation page lists it, and a chapter only if its row names
    that chapter: reusing a letter then means reading what it already stands for."""
    listed = _notation_table()
    used = {s for span in _math_spans(_markdown(page)) for s in _symbols(span)} - {"e", "i", "j"}
    missing = sorted(used - set(listed))
    assert missing == [], (
        f"{page.name} uses {missing}, which book/notation.py does not list: use the symbol the book "
        "already has for that quantity, or add a row (one meaning and one unit) to the notation page"
    )
    number = re.match(r"(\d\d)_", page.name)
    if number:
        chapter = int(number[1])
        elsewhere = sorted(s for s in used if listed[s] is not None and chapter not in listed[s])
        assert elsewhere == [], (
            f"chapter {chapter} uses {elsewhere}, whose rows on the notation page do not list it: if the "
            f"symbol means the same here, add {chapter} to its row; if not, pick a symbol that is free"
        )
