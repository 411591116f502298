"""Term syntax: how a lexicon term or gazetteer alias becomes a whole-word regular expression.

- words separated by spaces match across any run of spaces or a hyphen ("drug trafficking" also
  finds "drug-trafficking");
- a hyphen inside a term matches a hyphen, a space or nothing ("counter-terrorism",
  "counter terrorism", "counterterrorism");
- an apostrophe matches ' or ’;
- `*` at the end of a word matches any ending ("sanction*": sanction, sanctions, sanctioned);
- a term in capitals only ("UN", "BRI") is case-sensitive in a lexicon;
- `re:` starts a raw regular expression (Hyperscan syntax) for anything else.
Every term matches whole words only. ASCII terms are matched on an ASCII view of the text (see
`textview`); terms with other letters ("Москва", "Türkiye") on the text itself, as UTF-8.

Terms are bounded (length, repeat counts) because Hyperscan's compile time grows with the pattern:
a 10 KB alternation takes seconds to minutes, and a user's `--keywords` should fail in one line, not hang.
"""

from __future__ import annotations

import itertools
import re

MAX_TERM_CHARS = 200  # the longest lexicon term is under 40; a longer one is a pasted paragraph or an attack
MAX_REPEAT = 100  # largest {n,m} count in a `re:` term: Hyperscan unrolls bounded repeats
# Budgets per matcher (the built-in lexicon holds 7,400 characters of terms, 170 of them tracked).
# Measured on this project's machine: 2,000 characters of tracked terms (regexes, non-Latin or
# many-hyphen terms, which need start-of-match tracking) compile in 1-3 s, 20,000 of others in 3-8 s;
# 500 keywords of 200 characters took 2 to 5 minutes.
MAX_TRACKED_CHARS = 2_000
MAX_TOTAL_CHARS = 20_000
_REPEAT = re.compile(r"\{\s*(\d+)\s*(?:,\s*(\d*)\s*)?\}")
_WORD = re.compile(r"[A-Za-z0-9_]+")  # a word for Hyperscan's ASCII \w
_SPACE = r"[\s\-]+"


class TermError(ValueError):
    """A term that is not a valid pattern; the message says why (the caller adds where and how to fix)."""


def check_term(term: str) -> str:
    """The term stripped, or TermError if it is empty, too long or has too large a repeat count."""
    term = term.strip()
    if not term:
        raise TermError("the term is empty")
    if len(term) > MAX_TERM_CHARS:
        raise TermError(f"the term has {len(term)} characters, over the limit of {MAX_TERM_CHARS}")
    if term.startswith("re:"):
        for m in _REPEAT.finditer(term):
            if max(int(n) for n in m.groups() if n) > MAX_REPEAT:
                raise TermError(f"repeat count {m.group()} is over the limit of {MAX_REPEAT}")
    return term


def is_regex(term: str) -> bool:
    return term.strip().startswith("re:")


def is_acronym(term: str) -> bool:
    """A term written in capitals only ("UN", "BRI"): matched case-sensitively in a lexicon."""
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not is_regex(term)


def term_regex(term: str, *, hyphen: str = r"[\s\-]?", unicode: bool = False) -> str:
    r"""The whole-word regular expression for one term (see the module docstring).

    With `unicode` the expression is for the UTF-8 text (other letters kept, ’ and ' both allowed)
    and has no `\b` (Hyperscan refuses it in UCP mode): the caller checks word boundaries.
    """
    term = check_term(term)
    lead = tail = "" if unicode else r"\b"
    if is_regex(term):
        body = term[3:].strip()
    else:
        if not unicode:
            lead = r"\b" if re.match(r"\w", term) else ""
            tail = r"\b" if re.search(r"[\w*]$", term) else ""
        words = []
        for word in term.split():
            if "*" in word[:-1]:
                raise TermError("`*` may only end a word")
            parts = []
            for ch in word:
                if ch == "*":
                    parts.append(r"\w*")
                elif ch == "-":
                    parts.append(hyphen)
                elif ch in "'’":
                    parts.append("['’]" if unicode else "'")  # the ASCII view turns ’ into '
                elif not ch.isascii():
                    parts.append(ch if unicode else ".")
                else:
                    parts.append(re.escape(ch))
            words.append("".join(parts))
        body = _SPACE.join(words)
    if not body or not re.search(r"\w", body):
        raise TermError("the term has no letters or digits")
    return rf"{lead}(?:{body}){tail}"


def spellings(term: str) -> list[tuple[str, int]] | None:
    r"""The term as regexes that each match a fixed number of words, with that number; None if
    the count can vary (a regex, a non-ASCII letter, a wildcard after punctuation, many hyphens).

    A hyphen matches a hyphen, a space or nothing, so "counter-terrorism" is one word or two: it
    becomes two spellings, "counter[\s\-]terrorism" (two words) and "counterterrorism" (one).
    """
    term = check_term(term)
    if is_regex(term) or not term.isascii() or not _WORD.match(term) or re.search(r"\W\*", term):
        return None
    pieces = term.split("-")
    if len(pieces) > 4:
        return None
    out = []
    for joints in itertools.product(("-", ""), repeat=len(pieces) - 1):
        spelling = pieces[0] + "".join(j + p for j, p in zip(joints, pieces[1:], strict=True))
        out.append((term_regex(spelling, hyphen=r"[\s\-]"), len(_WORD.findall(spelling))))
    return out
