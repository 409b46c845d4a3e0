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
