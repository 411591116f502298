"""The actor gazetteer and actor mentions: every alias resolved to one canonical name.

The gazetteer is `data/actors.yaml` (its header gives the matching rules); a user's YAML of the same
shape adds actors or replaces same-named ones.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import LexiconError
from ..load.kinds import CONTENT_KINDS
from ..resources import package_text
from ..yamlio import parse_yaml, read_yaml, shown
from .hits import located, longest_first_mask
from .matcher import Matcher
from .names import new_names

if TYPE_CHECKING:
    import numpy as np

_FIX = "give `actors:` as a list of {name, type, aliases}; see data/actors.yaml"
MENTION_COLUMNS = [
    "article_id",
    "paragraph_id",
    "actor",
    "actor_type",
    "surface",
    "start",
    "end",
    "in_gazetteer",
    "role",
]


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    type: str
    aliases: tuple[str, ...]

    @property
    def surname(self) -> str | None:
        """The last word of a person's name, matched only after the person is named in full."""
        parts = self.name.split()
        return parts[-1] if self.type == "person" and len(parts) > 1 else None


_RESOLVED_MAX = 8192


class Gazetteer:
    """Actors and a compiled matcher over all their aliases and surnames."""

    def __init__(self, actors: Iterable[Actor], source: str = "built-in") -> None:
        self.actors = {a.name: a for a in actors}
        patterns: list[str] = []
        self.owners: list[tuple[Actor, bool]] = []  # (actor, is the conditional surname)
        for actor in self.actors.values():
            for alias in dict.fromkeys((actor.name, *actor.aliases)):
                patterns.append(alias)
                self.owners.append((actor, False))
            if actor.surname and actor.surname not in actor.aliases:
                patterns.append(actor.surname)
                self.owners.append((actor, True))
        self.matcher = Matcher(patterns, caseless=[False] * len(patterns), source=source)

    @functools.cached_property
    def keys(self) -> _Keys:
        return _Keys(self)

    def resolve(self, name: str) -> Actor | None:
        """The actor a name refers to, if the whole name is one of its aliases (or its surname).

        Memoised: the quote rules ask about the same few capitalised words thousands of times, and one
        matcher call costs about 0.1 ms. The memo is bounded (cleared when full), so it stays small.
        """
        memo = self.__dict__.setdefault("_resolved", {})
        if name not in memo:
            if len(memo) >= _RESOLVED_MAX:
                memo.clear()
            memo[name] = self.resolve_reference(name)
        return memo[name]

    def resolve_reference(self, name: str) -> Actor | None:
        """`resolve` without the memo: one matcher call."""
        hits = [h for h in self.matcher.scan(name) if h.start == 0 and h.end == len(name)]
        return self.owners[hits[0].key][0] if hits else None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_resolved", None)  # workers receive the gazetteer without this process's memo
        return state


class _Keys:
    """The gazetteer as arrays: per actor (name, type, person?), per matcher pattern (actor, surname?)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        import numpy as np

        actors = list(gazetteer.actors.values())
        number = {actor.name: i for i, actor in enumerate(actors)}
        self.name = pd.array([a.name for a in actors], dtype="str")
        self.type = pd.array([a.type for a in actors], dtype="str")
        self.person = np.array([a.type == "person" for a in actors], dtype=bool)
        self.actor = np.array([number[actor.name] for actor, _ in gazetteer.owners], dtype=np.int64)
        self.surname = np.array([is_surname for _, is_surname in gazetteer.owners], dtype=bool)


def _actors(data: dict, source: str) -> list[Actor]:
    """The actors of a schema-checked file; a name or alias given to two actors is refused."""
    actors, owner = [], {}
    for i, item in enumerate(data["actors"], start=1):
        actor = Actor(item["name"].strip(), item["type"], tuple(a.strip() for a in item.get("aliases", [])))
        for alias in dict.fromkeys((actor.name, *actor.aliases)):
            if owner.setdefault(alias, actor.name) != actor.name:
                raise LexiconError(f"{shown(alias)} names both {shown(owner[alias])} and {shown(actor.name)}",
                                   where=f"{source}: actors[{i}]", fix="keep each name and alias for one actor")  # fmt: skip
        actors.append(actor)
    return actors


@functools.cache
def builtin_gazetteer() -> Gazetteer:
    data = parse_yaml(package_text("data", "actors.yaml"), where="built-in actors.yaml", schema="actors",
                      error=LexiconError, fix=_FIX)  # fmt: skip
    return Gazetteer(_actors(data, "built-in actors.yaml"))


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The built-in gazetteer, with a user's actors file on top (same-named actors are replaced)."""
    base = builtin_gazetteer()
    if path is None:
        return base
    path = Path(path)
    data = read_yaml(path, schema="actors", error=LexiconError, fix=_FIX)
    merged = {**base.actors, **{a.name: a for a in _actors(data, str(path))}}
    return Gazetteer(merged.values(), source=str(path))


def find_mentions(paragraphs: pd.DataFrame, gazetteer: Gazetteer) -> pd.DataFrame:
    """One row per actor mention in content paragraphs, in reading order (pull-quote repeats skipped).

    Works on all hits at once, as arrays: leftmost-longest per paragraph, then a surname counts
    only where its person was named in full earlier in the same article.
    """
    import numpy as np

    texts = paragraphs["text"].tolist()
    content = np.flatnonzero(paragraphs["kind"].isin(CONTENT_KINDS).to_numpy())
    row, key, start, end = gazetteer.matcher.scan_rows(texts, content)
    keep = longest_first_mask(row, start, end)
    row, key, start, end = row[keep], key[keep], start[keep], end[keep]
    actor, surname = gazetteer.keys.actor[key], gazetteer.keys.surname[key]
    if surname.any():
        # One run per article (its content paragraphs are consecutive); hits are in reading order.
        article = paragraphs["article_id"].to_numpy()[content]
        run = np.zeros(len(paragraphs), dtype=np.int64)
        run[content[1:]] = np.cumsum(article[1:] != article[:-1])
        pair = run[row] * len(gazetteer.actors) + actor
        named = np.flatnonzero(~surname & gazetteer.keys.person[actor])
        pairs, first = np.unique(pair[named], return_index=True)  # each person's first full naming
        earlier = np.zeros(len(pair), dtype=bool)
        if len(pairs):
            at = np.minimum(np.searchsorted(pairs, pair), len(pairs) - 1)
            earlier = (pairs[at] == pair) & (named[first[at]] < np.arange(len(pair)))
        keep = ~surname | earlier
        row, start, end, actor = row[keep], start[keep], end[keep], actor[keep]
    known = pd.DataFrame(
        {
            **located(paragraphs, texts, row, start, end),
            "actor": gazetteer.keys.name.take(actor),
            "actor_type": gazetteer.keys.type.take(actor),
            "in_gazetteer": True,
            "role": "",
            "_row": row,
        }
    )
    new = _new_mentions(paragraphs, texts, content, row, start, end)
    frame = pd.concat([known, new], ignore_index=True) if len(new) else known
    if len(new):
        frame = frame.sort_values(["_row", "start"], kind="stable", ignore_index=True)
    return frame[MENTION_COLUMNS]


def _new_mentions(paragraphs: pd.DataFrame, texts: list[str], content: np.ndarray, row: np.ndarray,
                  start: np.ndarray, end: np.ndarray) -> pd.DataFrame:  # fmt: skip
    """Mentions of people and organisations beyond the gazetteer (see `names`), outside its hits."""
    import numpy as np

    bounds = [*np.searchsorted(row, content).tolist(), len(row)]
    starts, ends = start.tolist(), end.tolist()
    rows: list[tuple] = []
    for i, r in enumerate(content.tolist()):
        a, b = bounds[i], bounds[i + 1]
        for found in new_names(texts[r], list(zip(starts[a:b], ends[a:b], strict=True))):
            rows.append((r, found.start, found.end, found.name, found.type, texts[r][found.start : found.end],
                         found.role))  # fmt: skip
    if not rows:
        return pd.DataFrame()
    at, s, e, name, kind, surface, role = (list(x) for x in zip(*rows, strict=True))
    at = np.array(at, dtype=np.int64)
    return pd.DataFrame(
        {
            "article_id": paragraphs["article_id"].array.take(at),
            "paragraph_id": paragraphs["paragraph_id"].array.take(at),
            "actor": name,
            "actor_type": kind,
            "surface": surface,
            "start": np.array(s, dtype=np.int64),
            "end": np.array(e, dtype=np.int64),
            "in_gazetteer": False,
            "role": role,
            "_row": at,
        }
    )
