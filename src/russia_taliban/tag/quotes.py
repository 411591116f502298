"""Direct quotations and who said them.

A quotation is text in straight or typographic double quotes (or ‘single’ quotes) of four words or
more; shorter ones are scare quotes ("red lines", "baseless"). The speaker is found in the same
sentence, in the forms attribution takes in English journalism:

- after the quote: "…," said X / "…," X said / "…," writes X / "…," X, a senior analyst, told Y /
  "…," according to X
- before it: X said: "…" / X said that "…" / X, the envoy, called the Taliban a "…" / according to X,
  … "…" / As X told Y, "…"
- he/she resolves to the person last named in the article; a paragraph that is only a quotation
  continues the previous paragraph's speaker.
Names resolve to canonical gazetteer names (so "said Rose" gives "Caroline Rose" once she is named
in full); a name the gazetteer lacks is kept as written, without its title; no speaker gives "".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..load.paragraphs import CONTENT_KINDS
from ..text import sentences
from .actors import Gazetteer

QUOTE_COLUMNS = ["article_id", "paragraph_id", "speaker", "quote"]
MIN_WORDS = 4

_VERBS = (
    r"said|says|say|writes|wrote|added|adds|told|tells|telling|noted|notes|explained|explains|argued|argues|"
    r"stated|states|declared|declares|claimed|claims|warned|warns|insisted|insists|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|called|calls|described|describes|remarked|observed|announced|asserted|"
    r"replied|responded|answered|acknowledged|admitted|suggested|predicted|concluded|put it"
)
_NAME = r"(?:[A-Z][\w’'\-]*(?:\s+(?:(?:bin|ibn|al|el|de|van|von|der)\s+)?[A-Z][\w’'\-]*){0,3})"
_PRONOUN = r"(?:[Hh]e|[Ss]he)"
_AFTER_VERB_NAME = re.compile(rf"^[\s,.]*(?:{_VERBS})\s+(?P<name>{_NAME})")
_AFTER_NAME_VERB = re.compile(
    rf"^[\s,.]*(?P<name>{_NAME}|{_PRONOUN})(?:\s*,[^,“”\"]{{1,200}},)?\s+(?:has\s+|had\s+|also\s+)?(?:{_VERBS})\b"
)
_AFTER_ACCORDING = re.compile(r"^[\s,.]*[Aa]ccording to (?P<name>[^,.;“”\"]{1,160})")
_BEFORE_ACCORDING = re.compile(r"[Aa]ccording to (?P<name>[^,;“”\"]{1,160})")
_BEFORE_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_BEFORE_NAME = re.compile(rf"(?P<name>{_NAME}|\b{_PRONOUN}\b)")
_TITLES = frozenset(
    [
        "President",
        "Prime",
        "Minister",
        "Foreign",
        "Defence",
        "Defense",
        "Secretary",
        "Ambassador",
        "Envoy",
        "Special",
        "Presidential",
        "Spokesman",
        "Spokesperson",
        "Spokeswoman",
        "Chief",
        "General",
        "Gen.",
        "Col.",
        "Colonel",
        "Lt.",
        "Deputy",
        "Acting",
        "Senator",
        "Sen.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Professor",
        "Prof.",
        "Director",
        "Director-General",
        "Analyst",
        "Minister",
        "Chairman",
        "Head",
        "Commander",
        "The",
        "A",
        "An",
        "As",
        "Russian",
        "Chinese",
        "Pakistani",
        "Iranian",
        "Afghan",
        "Taliban",
        "Kremlin",
        "Moscow",
        "Official",
        "Officials",
    ]
)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # the opening mark
    end: int  # after the closing mark (or the sentence end, for an unclosed quote)
    text: str  # the words inside the marks


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quotations of at least MIN_WORDS words, in order."""
    out: list[QuoteSpan] = []
    if "“" not in text and '"' not in text and "‘" not in text:
        return out  # most paragraphs quote no one
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in '“"' or (ch == "‘" and (i == 0 or not text[i - 1].isalnum())):
            if ch == '"' and i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([—–-:"):
                i += 1
                continue
            close = _closing(text, i + 1, ch)
            end = close + 1 if close is not None else _sentence_end(text, i)
            inner = text[i + 1 : close if close is not None else end].strip().rstrip(",")
            if len(inner.split()) >= MIN_WORDS:
                out.append(QuoteSpan(i, end, inner))
            i = end
            continue
        i += 1
    return out


_CLOSE_SINGLE = re.compile(r"’(?![A-Za-z])")  # a closing ’ not followed by a letter: Taliban’s is an apostrophe
_CLOSE_DOUBLE = re.compile(r"[”\"]")


def _closing(text: str, start: int, opening: str) -> int | None:
    m = (_CLOSE_SINGLE if opening == "‘" else _CLOSE_DOUBLE).search(text, start)
    return m.start() if m else None


def _sentence_end(text: str, start: int) -> int:
    for s, e in sentences.spans(text):
        if s <= start < e:
            return e
    return len(text)


def _clean(name: str) -> str:
    words = name.replace("’s", "").replace("'s", "").split()
    while words and words[0].rstrip(",") in _TITLES:
        words.pop(0)
    return " ".join(words).strip(" ,.")


class _Speakers:
    """Resolves words found near a quote to a canonical speaker, remembering the article's persons."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.seen: set[str] = set()
        self.earlier: list[str] = []  # the article's text so far, for surnames the gazetteer lacks
        self.last_person = ""

    def note(self, text: str, persons: list[str] | None = None) -> None:
        """Remember a paragraph (or its start); `persons` are its person mentions, if already found."""
        if persons is None:
            persons = [a.name for a, _, _ in self.gazetteer.mentions(text, self.seen) if a.type == "person"]
        self.seen.update(persons)
        if persons:
            self.last_person = persons[-1]
        self.earlier.append(text)

    def resolve(self, phrase: str) -> str:
        """The speaker a phrase names: "he", "Lavrov", "the Chinese envoy Yue Xiaoyong", "Caroline Rose, ..."."""
        if re.fullmatch(_PRONOUN, phrase.strip()):
            return self.last_person
        found = self.gazetteer.mentions(phrase, set(self.seen))
        persons = [a for a, _, _ in found if a.type == "person"]
        if persons:
            return persons[-1].name
        names = [_clean(m.group()) for m in re.finditer(_NAME, phrase)]
        names = [n for n in names if n and not self.gazetteer.resolve(n)]
        if not names:
            return ""  # "according to the Kremlin": an institution, not a speaker
        name = names[-1]
        if len(name.split()) >= 2:
            return name
        return self._full_name(name)

    def _full_name(self, surname: str) -> str:
        """A surname alone: the last full name ending in it earlier in the article, else ""."""
        pattern = re.compile(rf"\b((?:[A-Z][\w’'\-]*\s+){{1,2}}){re.escape(surname)}\b")
        for text in reversed(self.earlier):
            for m in reversed(list(pattern.finditer(text))):
                full = _clean(m.group())
                if len(full.split()) >= 2 and not self.gazetteer.resolve(full):
                    return full
        return ""


def _speaker_for(text: str, span: QuoteSpan, sentence: tuple[int, int], speakers: _Speakers) -> str:
    after = text[span.end : sentence[1] + 1]
    for pattern in (_AFTER_ACCORDING, _AFTER_VERB_NAME, _AFTER_NAME_VERB):
        m = pattern.match(after)
        if m:
            return speakers.resolve(m.group("name"))
    before = text[sentence[0] : span.start]
    according = list(_BEFORE_ACCORDING.finditer(before))
    if according:
        return speakers.resolve(according[-1].group("name"))
    verbs = list(_BEFORE_VERB.finditer(before))
    if verbs:
        names = [m for m in _BEFORE_NAME.finditer(before[: verbs[-1].start()]) if m.group("name").strip()]
        for m in reversed(names):
            speaker = speakers.resolve(m.group("name"))
            if speaker:
                return speaker
    return ""


def find_quotes(paragraphs: pd.DataFrame, gazetteer: Gazetteer, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quotation in content paragraphs (pull-quote repeats skipped).

    `mentions` (from find_mentions) saves scanning every paragraph for persons again.
    """
    persons: dict[str, list[tuple[int, str]]] | None = None
    if mentions is not None:
        persons = {}
        people = mentions[mentions.actor_type == "person"]
        for paragraph_id, start, actor in people[["paragraph_id", "start", "actor"]].itertuples(index=False):
            persons.setdefault(paragraph_id, []).append((start, actor))
    rows = []
    current = None
    speakers = _Speakers(gazetteer)
    previous_speaker = ""
    for article_id, paragraph_id, kind, text in paragraphs[["article_id", "paragraph_id", "kind", "text"]].itertuples(
        index=False
    ):
        if article_id != current:
            current, speakers, previous_speaker = article_id, _Speakers(gazetteer), ""
        if kind not in CONTENT_KINDS:
            continue
        named = None if persons is None else persons.get(paragraph_id, [])
        spans = quote_spans(text)
        if not spans:
            speakers.note(text, None if named is None else [a for _, a in named])
            previous_speaker = ""
            continue
        bounds = sentences.spans(text)
        found_any = ""
        noted = 0
        for span in spans:
            sentence = next(((s, e) for s, e in bounds if s <= span.start < e), (0, len(text)))
            before = None if named is None else [a for s, a in named if noted <= s < span.start]
            speakers.note(text[noted : span.start], before)
            noted = span.start
            speaker = _speaker_for(text, span, sentence, speakers)
            only_quote = not text[: span.start].strip() and not text[span.end :].strip(' .”"')
            if not speaker and only_quote:
                speaker = previous_speaker  # a paragraph that continues the last speaker's words
            rows.append((article_id, paragraph_id, speaker, span.text))
            found_any = speaker or found_any
        speakers.note(text[noted:], None if named is None else [a for s, a in named if s >= noted])
        previous_speaker = found_any
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
