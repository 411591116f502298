"""Theme lexicons and paragraph-level theme tagging with evidence.

The built-in lexicon is `data/themes.yaml`; its header documents the scoring rule. A user's YAML file
(`--lexicon`) in the same shape adds themes or replaces same-named ones (or, with `extend: true`,
adds terms to them); `--theme NAME --keywords "a, b"` defines a theme on the spot.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import LexiconError, ThemeError
from ..load.paragraphs import CONTENT_KINDS, fewer_words
from ..resources import package_text
from .matcher import Matcher, located, longest_first_mask, run_starts

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

THEME_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
EVIDENCE_COLUMNS = ["article_id", "paragraph_id", "theme", "term", "surface", "start", "end", "weight"]
MAX_COUNTED_REPEATS = 2  # a term repeated in one paragraph counts at most this often
SCAN_BATCH = 2000  # paragraphs per Hyperscan call


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    description: str
    terms: tuple[Term, ...]
    exclude: tuple[str, ...] = ()
    threshold: float = 2.5
    short_threshold: float = 1.0
    source: str = "built-in"

    def fingerprint(self) -> str:
        """A hash of everything that decides this theme's tags, for the build cache."""
        payload = json.dumps([self.name, self.description, [(t.text, t.weight) for t in self.terms], self.exclude,
                              self.threshold, self.short_threshold], ensure_ascii=False)  # fmt: skip
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Lexicon:
    themes: dict[str, Theme]
    short_words: int = 25
    sources: tuple[str, ...] = ("built-in",)

    @property
    def names(self) -> list[str]:
        return list(self.themes)

    def theme(self, name: str) -> Theme:
        if name not in self.themes:
            raise ThemeError(
                f"unknown theme {name!r}", fix=f"use one of: {', '.join(self.themes)}, or define it with --keywords"
            )
        return self.themes[name]

    def with_keywords(self, name: str, keywords: str) -> Lexicon:
        """A copy with an ad-hoc theme of comma-separated keywords, each enough on its own."""
        safe_name(name)
        terms = tuple(Term(k.strip(), 2.0) for k in re.split(r"[,;\n]", keywords) if k.strip())
        if not terms:
            raise LexiconError(
                "--keywords holds no terms",
                where=f"--keywords {keywords!r}",
                fix='give terms separated by commas: "heroin, drug trafficking"',
            )
        # threshold = one keyword's weight: a user naming keywords wants every paragraph that uses one
        theme = Theme(
            name, f"User-defined theme: {', '.join(t.text for t in terms)}.", terms, threshold=2.0, source="--keywords"
        )
        merged = Lexicon({**self.themes, name: theme}, self.short_words, (*self.sources, "--keywords"))
        merged.compiled()  # validate the terms now, with a clear message
        return merged

    def only(self, names: Iterable[str]) -> Lexicon:
        return Lexicon({n: self.theme(n) for n in names}, self.short_words, self.sources)

    def compiled(self) -> tuple[Matcher, list[tuple[str, Term | None]]]:
        """One matcher over every term and exclusion; the list maps pattern index -> (theme, term or None)."""
        return self._compiled

    @functools.cached_property
    def _compiled(self) -> tuple[Matcher, list[tuple[str, Term | None]]]:
        patterns: list[str] = []
        owners: list[tuple[str, Term | None]] = []
        for theme in self.themes.values():
            for term in theme.terms:
                patterns.append(term.text)
                owners.append((theme.name, term))
            for phrase in theme.exclude:
                patterns.append(phrase)
                owners.append((theme.name, None))
        caseless = [not _is_acronym(p) for p in patterns]
        return Matcher(patterns, caseless=caseless, source=", ".join(self.sources)), owners

    def fingerprint(self) -> str:
        return hashlib.sha256("".join(t.fingerprint() for t in self.themes.values()).encode()).hexdigest()[:16]


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not term.startswith("re:")


def safe_name(name: str) -> str:
    """Theme names become file names: refuse anything but lower-case ASCII letters, digits, - and _."""
    if not THEME_NAME.fullmatch(name):
        raise ThemeError(
            f"theme name {name!r} is not allowed",
            fix="use 1-40 lower-case ASCII letters, digits, - or _, starting with a letter (e.g. narcotics)",
        )
    return name


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys (PyYAML silently keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise LexiconError(f"duplicate key {key!r} (line {key_node.start_mark.line + 1})",
                               fix="each theme, and each weight within a theme, may appear only once")  # fmt: skip
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except LexiconError as exc:
        raise LexiconError(exc.what, where=source, fix=exc.fix) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise LexiconError(
            f"not valid YAML{at} ({getattr(exc, 'problem', exc)})",
            where=source,
            fix="fix the syntax; see src/russia_taliban/data/themes.yaml for the shape",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("themes"), dict):
        raise LexiconError("no `themes:` mapping", where=source, fix="start with `themes:` and one entry per theme")
    return data


def _theme(name: str, spec: Any, defaults: dict[str, Any], source: str) -> Theme:
    where = f"{source}: themes.{name}"
    safe_name(str(name))
    if not isinstance(spec, dict):
        raise LexiconError("theme is not a mapping", where=where, fix="give it `description:` and `terms:`")
    raw_terms = spec.get("terms")
    if isinstance(raw_terms, list):  # a plain list: every term weighs the default "names the theme" 2
        raw_terms = {2: raw_terms}
    if not isinstance(raw_terms, dict):
        raise LexiconError("theme has no terms", where=where, fix="add `terms:` as a list, or as {weight: [terms]}")
    terms = []
    for weight, items in raw_terms.items():
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise LexiconError(
                f"weight {weight!r} is not a number", where=where, fix="use weights such as 2, 1, 0.5"
            ) from None
        for item in items or []:
            if not isinstance(item, str) or not item.strip():
                raise LexiconError(f"term {item!r} is not a non-empty string", where=where, fix="quote the term")
            terms.append(Term(item.strip(), weight))
    if not terms:
        raise LexiconError("theme has no terms", where=where, fix="add at least one term, or remove the theme")
    exclude = tuple(str(x) for x in spec.get("exclude") or [])
    return Theme(
        name=str(name),
        description=" ".join(str(spec.get("description", "")).split()),
        terms=tuple(terms),
        exclude=exclude,
        threshold=float(spec.get("threshold", defaults.get("threshold", 2.5))),
        short_threshold=float(spec.get("short_threshold", defaults.get("short_threshold", 1))),
        source=source,
    )


def _themes(data: dict[str, Any], source: str) -> dict[str, Theme]:
    return {str(name): _theme(name, spec, data, source) for name, spec in data["themes"].items()}


@functools.cache
def builtin_lexicon() -> Lexicon:
    data = _parse(package_text("data", "themes.yaml"), "built-in themes.yaml")
    return Lexicon(_themes(data, "built-in"), int(data.get("short_words", 25)))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, with a user's file on top (added, replacing or extending themes)."""
    base = builtin_lexicon()
    if path is None:
        return base
    path = Path(path)
    if not path.is_file():
        raise LexiconError("lexicon file not found", where=str(path), fix="pass --lexicon with a YAML file of themes")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LexiconError("lexicon file is not UTF-8 text", where=str(path), fix="save it as UTF-8 YAML") from None
    data = _parse(text, str(path))
    themes = dict(base.themes)
    for name, theme in _themes(data, str(path)).items():
        spec = data["themes"][name]
        if spec.get("extend") and name in themes:
            old = themes[name]
            theme = replace(
                old, terms=old.terms + theme.terms, exclude=old.exclude + theme.exclude, source=f"{old.source} + {path}"
            )
        themes[name] = theme
    lexicon = Lexicon(themes, base.short_words, (*base.sources, str(path)))
    lexicon.compiled()  # compile now so a bad term is reported against the user's file
    return lexicon


def lexicon_for(path: str | Path | None = None, *, keywords: str | None = None, theme: str = "") -> Lexicon:
    """`load_lexicon(path)`, plus `theme` defined from `keywords` when they are given (as --keywords)."""
    lexicon = load_lexicon(path)
    return lexicon if keywords is None else lexicon.with_keywords(theme, keywords)


def tag_themes(paragraphs: pd.DataFrame, lexicon: Lexicon) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Theme tags (T, T_score per theme) for each paragraph, and the evidence hits behind them.

    Only content paragraphs (title, standfirst, heading, body) are tagged; pull-quote repeats,
    bylines, datelines and boilerplate get 0, so a repeated sentence counts once. The rule (see
    data/themes.yaml) is applied to all hits at once, as arrays: a corpus has millions of hits.
    """
    import numpy as np
    import pandas as pd  # here, not at module level: a no-op build reads lexicons without pandas

    matcher, owners = lexicon.compiled()
    names = lexicon.names
    rules = _Rules(lexicon, owners)
    texts = paragraphs["text"].tolist()
    content = np.flatnonzero(paragraphs["kind"].isin(CONTENT_KINDS).to_numpy())
    row, key, start, end = matcher.scan_rows(texts, content, SCAN_BATCH)  # ordered by paragraph, then start

    excluded = rules.excluded[key]
    if excluded.any():
        keep = ~(excluded | _blocked(row, rules.theme[key], start, end, excluded))
        row, key, start, end = row[keep], key[keep], start[keep], end[keep]
    theme, weight = rules.theme[key], rules.weight[key]
    # Within a paragraph and theme: leftmost-longest, the heavier term first where two spans tie.
    order = np.lexsort((key, -weight, start - end, start, theme, row))
    row, key, start, end, theme, weight = (x[order] for x in (row, key, start, end, theme, weight))
    keep = longest_first_mask(row * len(names) + theme, start, end)
    row, key, start, end, theme, weight = (x[keep] for x in (row, key, start, end, theme, weight))

    cell = row * len(names) + theme  # one (paragraph, theme) pair
    counted = _rank_within(cell * len(rules.texts) + rules.term[key]) < MAX_COUNTED_REPEATS
    size = len(paragraphs) * len(names)
    scores = np.bincount(cell, weights=weight * counted, minlength=size).reshape(-1, len(names))
    has_hits = np.bincount(cell, minlength=size).reshape(-1, len(names)) > 0
    # The short-paragraph rule matters only where the two thresholds disagree: count words there.
    short = np.zeros(len(paragraphs), dtype=bool)
    undecided = has_hits & ((scores >= rules.threshold) != (scores >= rules.short_threshold))
    for i in np.flatnonzero(undecided.any(axis=1)).tolist():
        short[i] = fewer_words(texts[i], lexicon.short_words)
    limit = np.where(short[:, None], rules.short_threshold, rules.threshold)
    tags = (has_hits & (scores >= limit)).astype(np.int64)
    columns: dict[str, np.ndarray] = {}
    for j, name in enumerate(names):
        columns[name] = tags[:, j]
        columns[f"{name}_score"] = scores[:, j]
    frame = pd.DataFrame(columns, index=paragraphs.index)
    evidence = pd.DataFrame(
        {
            **located(paragraphs, texts, row, start, end),
            "theme": pd.array(names, dtype="str").take(theme),
            "term": pd.array(rules.texts, dtype="str").take(rules.term[key]),
            "weight": weight,
        },
        columns=EVIDENCE_COLUMNS,
    )
    return frame, evidence


class _Rules:
    """The lexicon as arrays indexed by the matcher's pattern number."""

    def __init__(self, lexicon: Lexicon, owners: Sequence[tuple[str, Term | None]]) -> None:
        import numpy as np

        position = {name: i for i, name in enumerate(lexicon.names)}
        self.texts = list(dict.fromkeys(term.text for _, term in owners if term is not None))
        number = {text: i for i, text in enumerate(self.texts)}
        self.theme = np.array([position[theme] for theme, _ in owners], dtype=np.int64)
        self.weight = np.array([term.weight if term else 0.0 for _, term in owners], dtype=np.float64)
        self.term = np.array([number[term.text] if term else 0 for _, term in owners], dtype=np.int64)
        self.excluded = np.array([term is None for _, term in owners], dtype=bool)
        self.threshold = np.array([t.threshold for t in lexicon.themes.values()], dtype=np.float64)
        self.short_threshold = np.array([t.short_threshold for t in lexicon.themes.values()], dtype=np.float64)


def _blocked(
    row: np.ndarray, theme: np.ndarray, start: np.ndarray, end: np.ndarray, excluded: np.ndarray
) -> np.ndarray:
    # Hits that overlap one of their theme's exclusion phrases in the same paragraph (rows are sorted):
    # pair each exclusion with every hit of its paragraph, then test the pairs all at once.
    import numpy as np

    phrase = np.flatnonzero(excluded)
    lo, hi = np.searchsorted(row, row[phrase], side="left"), np.searchsorted(row, row[phrase], side="right")
    count = hi - lo
    hit = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + np.repeat(lo, count)
    phrase = np.repeat(phrase, count)
    overlap = (theme[hit] == theme[phrase]) & (start[hit] < end[phrase]) & (start[phrase] < end[hit])
    blocked = np.zeros(len(row), dtype=bool)
    blocked[hit[overlap]] = True
    return blocked


def _rank_within(group: np.ndarray) -> np.ndarray:
    # How many earlier items share each item's group (0 for the first).
    import numpy as np

    order = np.argsort(group, kind="stable")
    first = run_starts(group[order])
    index = np.arange(len(group))
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = index - np.maximum.accumulate(np.where(first, index, 0))
    return rank
