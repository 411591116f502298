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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import LexiconError, ThemeError
from .matcher import Hit, Matcher, longest_first
from .paragraphs import CONTENT_KINDS, words
from .resources import package_text

if TYPE_CHECKING:
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


def score_paragraph(
    hits: Sequence[Hit], owners: Sequence[tuple[str, Term | None]], themes: Iterable[str]
) -> dict[str, tuple[float, list[Hit]]]:
    """Per theme: the score and the hits that count (see the rule in data/themes.yaml)."""
    by_theme: dict[str, list[Hit]] = {}
    excluded: dict[str, list[Hit]] = {}
    for hit in hits:
        theme, term = owners[hit.key]
        (by_theme if term is not None else excluded).setdefault(theme, []).append(hit)
    out = {}
    for theme in themes:
        found = by_theme.get(theme, [])
        blocked = excluded.get(theme, [])
        if blocked:
            found = [h for h in found if not any(b.start < h.end and h.start < b.end for b in blocked)]
        found = _longest_heaviest(found, owners)
        counted: Counter[str] = Counter()
        score = 0.0
        for h in found:
            term = owners[h.key][1]
            counted[term.text] += 1
            if counted[term.text] <= MAX_COUNTED_REPEATS:
                score += term.weight
        out[theme] = (score, found)
    return out


def _longest_heaviest(hits: list[Hit], owners: Sequence[tuple[str, Term | None]]) -> list[Hit]:
    if len(hits) < 2:
        return hits
    ranked = sorted(hits, key=lambda h: (h.start, -(h.end - h.start), -owners[h.key][1].weight))
    return longest_first(ranked)


def tag_themes(paragraphs: pd.DataFrame, lexicon: Lexicon) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Theme tags (T, T_score per theme) for each paragraph, and the evidence hits behind them.

    Only content paragraphs (title, standfirst, heading, body) are tagged; pull-quote repeats,
    bylines, datelines and boilerplate get 0, so a repeated sentence counts once.
    """
    import pandas as pd  # here, not at module level: a no-op build reads lexicons without pandas

    matcher, owners = lexicon.compiled()
    names = lexicon.names
    n = len(paragraphs)
    scores = {name: [0.0] * n for name in names}
    tags = {name: [0] * n for name in names}
    evidence: list[tuple] = []
    texts = paragraphs["text"].tolist()
    kinds = paragraphs["kind"].tolist()
    ids = paragraphs["paragraph_id"].tolist()
    articles = paragraphs["article_id"].tolist()
    content = [i for i, kind in enumerate(kinds) if kind in CONTENT_KINDS]
    for batch in range(0, len(content), SCAN_BATCH):
        rows = content[batch : batch + SCAN_BATCH]
        for i, hits in zip(rows, matcher.scan_many([texts[i] for i in rows]), strict=True):
            if not hits:
                continue
            text = texts[i]
            short = words(text) < lexicon.short_words
            for name, (score, found) in score_paragraph(hits, owners, names).items():
                if not found:
                    continue
                theme = lexicon.themes[name]
                scores[name][i] = score
                tags[name][i] = int(score >= (theme.short_threshold if short else theme.threshold))
                for h in found:
                    term = owners[h.key][1]
                    evidence.append(
                        (articles[i], ids[i], name, term.text, text[h.start : h.end], h.start, h.end, term.weight)
                    )
    columns: dict[str, list] = {}
    for name in names:
        columns[name] = tags[name]
        columns[f"{name}_score"] = scores[name]
    frame = pd.DataFrame(columns, index=paragraphs.index)
    return frame, pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS)
