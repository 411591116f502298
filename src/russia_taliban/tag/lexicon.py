"""Theme lexicons: read, checked and combined (the built-in one, a user's --lexicon, --keywords).

The built-in lexicon is `data/themes.yaml`; its header documents the scoring rule. A user's YAML file
(`--lexicon`) in the same shape adds themes or replaces same-named ones (or, with `extend: true`,
adds terms to them); `--theme NAME --keywords "a, b"` defines a theme on the spot. Every file goes
through `yamlio` (no aliases, no duplicate keys, `data/schemas/themes.yaml`); what a schema cannot say
(finite numbers, safe theme names, terms that compile) is checked here, each failure in one line.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LexiconError, ThemeError
from ..resources import package_text
from ..yamlio import parse_yaml, read_yaml, shown
from .dbcache import short_hash
from .terms import is_acronym

if TYPE_CHECKING:
    from .matcher import Matcher

THEME_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
MAX_KEYWORDS = 500  # --keywords: more is a pasted file, not a list typed on a command line
_FIX = "see the lexicon format in the README (terms: a list, or {weight: [terms]})"


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
        return short_hash(payload)

    def record(self) -> dict[str, Any]:
        """The theme as JSON-ready data (lexicon.json, the method notes)."""
        return {
            "description": self.description,
            "threshold": self.threshold,
            "short_threshold": self.short_threshold,
            "terms": [[term.text, term.weight] for term in self.terms],
            "exclude": list(self.exclude),
            "source": self.source,
            "fingerprint": self.fingerprint(),
        }


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
                f"unknown theme {shown(name)}",
                fix=f"use one of: {', '.join(self.themes)}, or define it with --keywords",
            )
        return self.themes[name]

    def with_themes(self, themes: Mapping[str, Theme], source: str) -> Lexicon:
        """A copy with `themes` added or replacing same-named ones; compiled now, so a bad term is
        reported against `source`. The one way a lexicon grows."""
        lexicon = Lexicon({**self.themes, **themes}, self.short_words, (*self.sources, source))
        lexicon.compiled()
        return lexicon

    def with_keywords(self, name: str, keywords: str) -> Lexicon:
        """A copy with an ad-hoc theme of comma-separated keywords, each enough on its own."""
        safe_name(name)
        where = f"--keywords {shown(keywords)}"
        texts = [k.strip() for k in re.split(r"[,;\n]", keywords) if k.strip()]
        if not texts:
            raise LexiconError("--keywords holds no terms", where=where,
                               fix='give terms separated by commas: "heroin, drug trafficking"')  # fmt: skip
        if len(texts) > MAX_KEYWORDS:
            raise LexiconError(f"--keywords holds {len(texts)} terms, over the limit of {MAX_KEYWORDS}", where=where,
                               fix="put that many terms in a --lexicon file")  # fmt: skip
        terms = tuple(Term(text, 2.0) for text in texts)
        # threshold = one keyword's weight: a user naming keywords wants every paragraph that uses one
        description = f"User-defined theme: {', '.join(texts)}."
        theme = Theme(name, description, terms, threshold=2.0, source="--keywords")
        return self.with_themes({name: theme}, "--keywords")

    def only(self, names: Iterable[str]) -> Lexicon:
        return replace(self, themes={n: self.theme(n) for n in names})

    def compiled(self) -> tuple[Matcher, list[tuple[str, Term | None]]]:
        """One matcher over every term and exclusion; the list maps pattern index -> (theme, term or None)."""
        return self._compiled

    @functools.cached_property
    def _compiled(self) -> tuple[Matcher, list[tuple[str, Term | None]]]:
        from .matcher import Matcher  # here: reading a lexicon (a no-op build) needs no Hyperscan

        patterns: list[str] = []
        owners: list[tuple[str, Term | None]] = []
        for theme in self.themes.values():
            for term in theme.terms:
                patterns.append(term.text)
                owners.append((theme.name, term))
            for phrase in theme.exclude:
                patterns.append(phrase)
                owners.append((theme.name, None))
        caseless = [not is_acronym(p) for p in patterns]
        return Matcher(patterns, caseless=caseless, source=", ".join(self.sources)), owners

    def fingerprint(self) -> str:
        return short_hash("".join(t.fingerprint() for t in self.themes.values()))

    def record(self) -> dict[str, Any]:
        """The lexicon as JSON-ready data: sources, the short-paragraph limit and every theme."""
        return {
            "sources": list(self.sources),
            "short_words": self.short_words,
            "themes": {t.name: t.record() for t in self.themes.values()},
        }


def safe_name(name: str) -> str:
    """Theme names become file names: refuse anything but lower-case ASCII letters, digits, - and _."""
    if not isinstance(name, str) or not THEME_NAME.fullmatch(name):
        raise ThemeError(
            f"theme name {shown(name)} is not allowed",
            fix="use 1-40 lower-case ASCII letters, digits, - or _, starting with a letter (e.g. narcotics)",
        )
    return name


def _number(value: Any, what: str, where: str) -> float:
    # JSON Schema lets .nan and .inf through every bound; a weight key is not checked there at all.
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or number < 0:
        raise LexiconError(f"{what} {shown(value)} is not a finite number of 0 or more", where=where,
                           fix="use numbers such as 2, 1, 0.5")  # fmt: skip
    return number


def _theme(name: Any, spec: dict[str, Any], defaults: dict[str, Any], source: str) -> Theme:
    where = f"{source}: themes.{name}"
    safe_name(name)
    raw = spec["terms"]
    groups = {2: raw} if isinstance(raw, list) else raw  # a plain list: every term weighs "names the theme" 2
    terms = []
    for weight, items in groups.items():
        number = _number(weight, "weight", where)
        if number == 0:
            raise LexiconError("weight 0 counts nothing", where=where, fix="give the terms a weight such as 0.5")
        terms.extend(Term(item.strip(), number) for item in items)
    thresholds = {
        key: _number(spec.get(key, defaults.get(key, default)), key, where)
        for key, default in (("threshold", 2.5), ("short_threshold", 1))
    }
    return Theme(
        name=name,
        description=" ".join(spec.get("description", "").split()),
        terms=tuple(terms),
        exclude=tuple(x.strip() for x in spec.get("exclude", [])),
        source=source,
        **thresholds,
    )


def _themes(data: dict[str, Any], source: str) -> dict[str, Theme]:
    return {name: _theme(name, spec, data, source) for name, spec in data["themes"].items()}


@functools.cache
def builtin_lexicon() -> Lexicon:
    data = parse_yaml(package_text("data", "themes.yaml"), where="built-in themes.yaml", schema="themes",
                      error=LexiconError, fix=_FIX)  # fmt: skip
    return Lexicon(_themes(data, "built-in"), int(data.get("short_words", 25)))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, with a user's file on top (added, replacing or extending themes)."""
    base = builtin_lexicon()
    if path is None:
        return base
    path = Path(path)
    if not path.is_file():
        raise LexiconError("lexicon file not found", where=str(path), fix="pass --lexicon with a YAML file of themes")
    data = read_yaml(path, schema="themes", error=LexiconError, fix=_FIX)
    themes = _themes(data, str(path))
    for name, theme in themes.items():
        old = base.themes.get(name)
        if data["themes"][name].get("extend") and old is not None:
            themes[name] = replace(old, terms=old.terms + theme.terms, exclude=old.exclude + theme.exclude,
                                   source=f"{old.source} + {path}")  # fmt: skip
    return base.with_themes(themes, str(path))


def lexicon_for(path: str | Path | None = None, *, keywords: str | None = None, theme: str = "") -> Lexicon:
    """`load_lexicon(path)`, plus `theme` defined from `keywords` when they are given (as --keywords)."""
    lexicon = load_lexicon(path)
    return lexicon if keywords is None else lexicon.with_keywords(theme, keywords)
