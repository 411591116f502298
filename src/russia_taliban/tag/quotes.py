"""Direct quotations and who said them.

A quotation is text in straight or typographic double quotes (or ‘single’ quotes) of four words or
more; shorter ones are scare quotes ("red lines", "baseless"). Its speaker is looked for, in order:

1. in the attribution clause after it, in the same sentence: "…," said X / "…," X said / "…," writes
   X / "…," X, a senior analyst, told Y / "…," according to X; a long quote's clause follows its
   closing mark, however many sentences it holds;
2. in the clause before it: X said: "…" / X said that "…" / X, the envoy, called the Taliban a "…" /
   According to X, … "…" / As X told Y, "…" / …, said X, "…" (the second half of a split quotation);
3. in the quotations before it in the same paragraph: a quote continued after its attribution
   ("“A,” said X. “B.”") keeps X, so no fragment is attributed while its main part is not;
4. in the sentence before it, when the quote opens its sentence ("X was blunt. “…”");
5. a paragraph that is only a quotation continues the previous paragraph's speaker.
A clause names its speaker as a person from the gazetteer (canonical name; "he"/"she" for the person
last named), a person beyond it (a capitalised name with a cue: see `names`; titles and roles
stripped, kept in `speaker_role`), or a role alone ("a Foreign Ministry spokesperson": the role and
organisation as written). No speaker gives "". Word lists are in data/wordlists.yaml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from ..load.kinds import CONTENT_KINDS
from ..text import sentences
from ..text.wordlists import alternation, words_of
from .actors import Gazetteer, find_mentions
from .names import PERSON, is_person_name, strip_titles

QUOTE_COLUMNS = ["article_id", "paragraph_id", "speaker", "quote", "speaker_type", "speaker_role"]
MIN_WORDS = 4
ROLE = "role"
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
_QUOTE_MARKS = '“”"‘'  # not ’, which is also the apostrophe
_CAPITALISED = re.compile(r"[A-Z][\w’'\-]+")


class Speaker(NamedTuple):
    name: str
    type: str = ""  # "person", names.PERSON, ROLE or ""
    role: str = ""


NOBODY = Speaker("")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # the opening mark
    end: int  # after the closing mark (or the sentence end, for an unclosed quote)
    text: str  # the words inside the marks


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quotations of at least MIN_WORDS words, in order.

    Jumps from opening mark to opening mark with one search (`quote_spans_reference`, the
    specification, reads every character; the two are tested to agree).
    """
    out: list[QuoteSpan] = []
    if "“" not in text and '"' not in text and "‘" not in text:
        return out  # most paragraphs quote no one
    i = 0
    while (m := _OPENING.search(text, i)) is not None:
        i = m.start()
        ch = text[i]
        if (ch == "‘" and i > 0 and text[i - 1].isalnum()) or (
            ch == '"' and i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([—–-:")
        ):
            i += 1
            continue
        i = _quote_at(text, i, ch, out)
    return out


_OPENING = re.compile('[“"‘]')


def quote_spans_reference(text: str) -> list[QuoteSpan]:
    """`quote_spans` as first written, one character at a time: the specification it is tested against."""
    out: list[QuoteSpan] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in '“"' or (ch == "‘" and (i == 0 or not text[i - 1].isalnum())):
            if ch == '"' and i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([—–-:"):
                i += 1
                continue
            i = _quote_at(text, i, ch, out)
            continue
        i += 1
    return out


def _quote_at(text: str, i: int, ch: str, out: list[QuoteSpan]) -> int:
    """Append the quotation opening at `i` if it is long enough; return where scanning resumes."""
    close = _closing(text, i + 1, ch)
    end = close + 1 if close is not None else _sentence_end(text, i)
    inner = text[i + 1 : close if close is not None else end].strip().rstrip(",")
    if len(inner.split()) >= MIN_WORDS:
        out.append(QuoteSpan(i, end, inner))
    return end


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


@functools.cache
def _pronoun_verb() -> re.Pattern[str]:
    verbs = _verbs().pattern
    return re.compile(rf"\b(?:[Hh]e|[Ss]he)\s+{verbs}|{verbs}\s+(?:he|she)\b")


@functools.cache
def _verbs() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation('attribution_verbs')}\b", re.I)


@functools.cache
def _subject_lead() -> frozenset[str]:
    # words that may stand before a sentence's subject: titles, roles, their qualifiers and articles
    return words_of("titles") | words_of("speaker_roles") | words_of("role_qualifiers") | words_of("role_determiners")


class _Article:
    """What the speaker rules need to know of the article so far: who was named, and where."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.last_person = NOBODY
        self.surnames: dict[str, Speaker] = {}  # the last word of each person beyond the gazetteer
        self.earlier: list[str] = []  # the article's paragraphs so far, for full names of surnames

    def full_name(self, surname: str) -> Speaker:
        """A surname alone: the last capitalised full name ending in it earlier in the article."""
        pattern = re.compile(rf"\b((?:[A-Z][\w’'\-]*\s+){{1,2}}){re.escape(surname)}\b")
        for text in reversed(self.earlier):
            if surname not in text:  # the pattern cannot match: skip compiling its matches
                continue
            for m in reversed(list(pattern.finditer(text))):
                full, _ = strip_titles(m.group())
                if is_person_name(full) and self.gazetteer.resolve(full) is None:
                    return Speaker(full, PERSON)
        return NOBODY

    def met(self, person: Speaker) -> None:
        self.last_person = person
        if person.type == PERSON and len(person.name.split()) > 1:
            self.surnames[person.name.split()[-1]] = person


class _Paragraph:
    """One paragraph's text and the persons mentioned in it (gazetteer and beyond), by position."""

    __slots__ = ("__dict__", "article", "noted", "persons", "text")

    def __init__(self, text: str, persons: list[tuple[int, int, Speaker]], article: _Article) -> None:
        self.text, self.persons, self.article = text, persons, article
        self.noted = 0  # persons before this offset have been passed to the article

    def note_until(self, offset: int) -> None:
        for start, _, person in self.persons:
            if self.noted <= start < offset:
                self.article.met(person)
        self.noted = max(self.noted, offset)

    def persons_in(self, start: int, end: int) -> list[Speaker]:
        return [p for s, e, p in self.persons if start <= s and e <= end]

    def named_in(self, start: int, end: int) -> list[tuple[int, Speaker]]:
        """The persons text[start:end] names, by position: mentions, and lone surnames of persons named
        earlier in the article ("Hanafi" after "Abdul Salam Hanafi")."""
        found = [(s, p) for s, e, p in self.persons if start <= s and e <= end]
        taken = [(s, e) for s, e, _ in self.persons]
        for m in _CAPITALISED.finditer(self.text, start, end):
            if not any(s <= m.start() < e for s, e in taken):
                person = self.surname(m.group())
                if person.name:
                    found.append((m.start(), person))
        return sorted(found, key=lambda sp: sp[0])

    def surname(self, word: str) -> Speaker:
        """The person a lone capitalised word names: a gazetteer person, or the last word of a person
        beyond it named earlier in the article; NOBODY otherwise."""
        actor = self.article.gazetteer.resolve(word)
        if actor is not None and actor.type == "person":
            return Speaker(actor.name, "person")
        if word in self.article.surnames:
            return self.article.surnames[word]
        return self.article.full_name(word) if is_person_name(word, single=True) else NOBODY

    def subject_of(self, start: int, end: int) -> Speaker:
        """The person a sentence text[start:end] opens with, as its subject ("12:48 — Hanafi stops …",
        "The analyst Tomas Berg was …"): only titles, roles and articles may come before them."""
        named = self.named_in(start, end)
        if not named:
            return NOBODY
        position, person = named[0]
        lead = re.findall(r"[A-Za-z][\w’'\-.]*", self.text[start:position])
        return person if all(w.lower().rstrip(".") in _subject_lead() for w in lead) else NOBODY

    def speaker_in(self, start: int, end: int, *, first: bool = True) -> Speaker:
        """The speaker a clause text[start:end] names: a person, "he"/"she", a known surname, a lone
        name beside the verb, or a role; NOBODY if none."""
        persons = self.persons_in(start, end)
        if persons:
            return persons[0] if first else persons[-1]
        clause = self.text[start:end]
        words = clause.split()
        near = " ".join(words[:3]), " ".join(words[-3:])
        if any(_PRONOUN.search(x) for x in near) or _pronoun_verb().search(clause):
            return self.antecedent(start)  # "he said", "she added", "…, he told reporters"
        for word in _CAPITALISED.findall(clause):
            person = self.surname(word)
            if person.name:
                return person
        lone = re.match(rf"[\s,.]*(?:{_verbs().pattern}\s+)?([A-Z][\w’'\-]+),\s+(?:a|an|the|who)\s", clause)
        if lone:  # "said Mahbooba, a 24-year-old …": a first name alone, with an apposition
            name, _ = strip_titles(lone.group(1))
            if is_person_name(name, single=True) and self.article.gazetteer.resolve(name) is None:
                return Speaker(name, PERSON)
        return _role(clause)

    def antecedent(self, offset: int) -> Speaker:
        """Who "he" or "she" at `offset` refers to: the last person or role subject named before it."""
        subjects = [(s, p) for s, _, p in self.persons if s < offset] + [
            (s, p) for s, p in self.role_subjects() if s < offset
        ]
        return max(subjects, key=lambda sp: sp[0])[1] if subjects else self.article.last_person

    @functools.cached_property
    def _role_subjects(self) -> list[tuple[int, Speaker]]:
        # "A senior Russian diplomat, speaking on condition of anonymity, put it bluntly." names a
        # speaker by role that a later "he said" refers to.
        out = []
        for start, end in sentences.spans(self.text):
            verb = _verbs().search(self.text, start, end)
            if verb is None or self.persons_in(start, verb.start()):
                continue
            role = _role(self.text[start : verb.start()])
            if role.name:
                out.append((start, role))
        return out

    def role_subjects(self) -> list[tuple[int, Speaker]]:
        return self._role_subjects


def _role(clause: str) -> Speaker:
    """A role given instead of a name ("a senior Russian official", "a spokeswoman for an aid group"):
    the role noun with the words that qualify it back to a determiner, and a "for/of/in …" after it."""
    tokens = re.findall(r"[\w’'\-]+|[^\w\s]", clause)
    lower = [t.lower() for t in tokens]
    heads = [i for i, t in enumerate(lower) if t in words_of("speaker_roles")]
    if not heads:
        return NOBODY
    after_first = lower[heads[0] + 1] if heads[0] + 1 < len(lower) else ""
    head = heads[0] if after_first in words_of("role_head_links") else heads[-1]
    first = head
    while first > max(0, head - 4) and _modifier(tokens[first - 1]):
        first -= 1
    last = head
    links, determiners = words_of("role_links"), words_of("role_determiners")
    if head + 2 < len(tokens) and lower[head + 1] in links:
        last = head + 1
        while last + 1 < len(tokens) and last < head + 6 and (lower[last + 1] in determiners or (
                _modifier(tokens[last + 1]) and lower[last + 1] not in links)):  # fmt: skip
            last += 1
        if last == head + 1:
            last = head
    phrase = [t for t in tokens[first : last + 1] if t.lower() not in determiners]
    return Speaker(" ".join(phrase), ROLE)


def _modifier(token: str) -> bool:
    # A word that can qualify a role noun: not punctuation, a determiner, a relative or an attribution verb.
    return (
        token[0].isalnum()
        and token.lower() not in words_of("role_determiners") | words_of("role_clause_words")
        and not _verbs().fullmatch(token)
    )


def _after_clause(text: str, span: QuoteSpan, sentence_end: int) -> tuple[int, int] | None:
    """The attribution clause right after a quote ("…," said X, the …), as offsets, if there is one."""
    end = sentence_end
    for mark in _QUOTE_MARKS:
        at = text.find(mark, span.end, end)
        end = at if at != -1 else end
    clause = text[span.end : end]
    head = clause[:160]
    if re.match(r"^[\s,.]*[Aa]ccording to\b", head):
        return span.end, end
    verb = _verbs().search(head)
    if verb is None or len(head[: verb.start()].split()) > 10:
        verb = _verb_after_apposition(clause)
        if verb is None:
            return None
    stop = re.search(r"[.;](?=\s|$)", clause[verb.end() :])  # the clause ends at the sentence's end
    return span.end, span.end + verb.end() + (stop.start() if stop else len(clause) - verb.end())


@functools.cache
def _name_and_apposition() -> re.Pattern[str]:
    # a name of one to four capitalised words, a comma and a word that opens an appositive ("who", "a")
    return re.compile(rf"[\s,]*(?:[A-Z][\w’'\-]*\s+){{0,3}}[A-Z][\w’'\-]*,\s+{alternation('appositive_openers')}\s")


def _verb_after_apposition(clause: str) -> re.Match[str] | None:
    """The verb of "…," NAME, a ROLE in CITY who has …, said: a name right after the quote, then an
    appositive of any length up to the comma the verb follows, within the sentence."""
    m = _name_and_apposition().match(clause)
    if m is None:
        return None
    for comma in re.finditer(r",\s+|[.;!?](?=\s|$)", clause[: m.end() + 400]):
        if comma.start() < m.end():
            continue
        if not comma.group().startswith(","):
            return None  # the sentence ended before any verb
        verb = _verbs().match(clause, comma.end())
        if verb is not None:
            return verb
    return None


def _subject_end(paragraph: _Paragraph, lo: int, end: int) -> int:
    """Where the subject before a verb at `end` ends: before a phrase set off by commas that opens in
    lower case ("X, receiving Ambassador Y in Kabul, called it …", "X, who met Y, said") when a person
    comes before it, else `end` ("Putin's envoy, Zamir Kabulov, called …" names its subject last)."""
    before = paragraph.text[lo:end].rstrip()
    if not before.endswith(","):
        return end
    opening = before.rfind(",", 0, len(before) - 1)
    if opening <= 0 or not before[opening + 1 :].lstrip()[:1].islower() or not paragraph.named_in(lo, lo + opening):
        return end
    return lo + opening


def _before_speaker(paragraph: _Paragraph, lo: int, span: QuoteSpan) -> Speaker:
    """The speaker the clause before a quote names (lo: the sentence's start or the previous quote's end)."""
    text = paragraph.text
    before = text[lo : span.start]
    according = list(_ACCORDING.finditer(before))
    if according:
        found = paragraph.speaker_in(lo + according[-1].end(), span.start)
        if found.name:
            return found
    verbs = list(_verbs().finditer(before))
    if verbs:
        verb = verbs[-1]
        subject_end = _subject_end(paragraph, lo, lo + verb.start())
        found = paragraph.speaker_in(lo, subject_end, first=False)  # "Political analyst X said …"
        if found.name:
            return found
        found = paragraph.speaker_in(lo + verb.end(), span.start)  # "…, said X, “…"
        if found.name:
            return found
    if before.rstrip().endswith(":"):
        return paragraph.speaker_in(lo, span.start, first=False)
    return NOBODY


def find_quotes(paragraphs: pd.DataFrame, gazetteer: Gazetteer, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quotation in content paragraphs (pull-quote repeats skipped).

    `mentions` (from find_mentions on the same paragraphs) saves finding the persons again.
    """
    if mentions is None:
        mentions = find_mentions(paragraphs, gazetteer)
    persons: dict[str, list[tuple[int, int, Speaker]]] = {}
    people = mentions[mentions.actor_type.isin(["person", PERSON])]
    columns = (people[c].tolist() for c in ("paragraph_id", "start", "end", "actor", "actor_type", "role"))
    for paragraph_id, start, end, actor, kind, role in zip(*columns, strict=True):
        persons.setdefault(paragraph_id, []).append((start, end, Speaker(actor, kind, role)))
    rows = []
    current = None
    article = _Article(gazetteer)
    previous_speaker = NOBODY
    columns = (paragraphs[c].tolist() for c in ("article_id", "paragraph_id", "kind", "text"))
    for article_id, paragraph_id, kind, text in zip(*columns, strict=True):
        if article_id != current:
            current, article, previous_speaker = article_id, _Article(gazetteer), NOBODY
        if kind not in CONTENT_KINDS:
            continue
        paragraph = _Paragraph(text, persons.get(paragraph_id, []), article)
        spans = quote_spans(text)
        if not spans:
            paragraph.note_until(len(text))
            article.earlier.append(text)
            previous_speaker = NOBODY
            continue
        speakers = _attribute(paragraph, spans, previous_speaker)
        for span, speaker in zip(spans, speakers, strict=True):
            rows.append((article_id, paragraph_id, speaker.name, span.text, speaker.type, speaker.role))
        paragraph.note_until(len(text))
        article.earlier.append(text)
        previous_speaker = next((s for s in reversed(speakers) if s.name), NOBODY)
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def _attribute(paragraph: _Paragraph, spans: list[QuoteSpan], previous: Speaker) -> list[Speaker]:
    """The speaker of each quotation of one paragraph (rules 1-5 of the module docstring)."""
    text = paragraph.text
    bounds = sentences.spans(text)

    def sentence_of(offset: int) -> tuple[int, int]:
        return next(((s, e) for s, e in bounds if s <= offset < e), (0, len(text)))

    out: list[Speaker] = []
    for i, span in enumerate(spans):
        paragraph.note_until(span.start)
        sentence = sentence_of(span.start)
        closing = sentence_of(max(span.end - 1, span.start))
        speaker = NOBODY
        clause = _after_clause(text, span, max(closing[1], span.end))
        if clause is not None:
            speaker = paragraph.speaker_in(*clause)
        if not speaker.name:
            lo = max(sentence[0], spans[i - 1].end if i else 0)
            speaker = _before_speaker(paragraph, lo, span)
        if not speaker.name and i and out[-1].name:
            speaker = out[-1]  # the quotation continues after its attribution
        if not speaker.name:
            speaker = _previous_sentence(paragraph, bounds, sentence, span)
        if not speaker.name:
            speaker = _colon_intro(paragraph, bounds, sentence, span)
        only_quote = len(spans) == 1 and not text[: span.start].strip() and not text[span.end :].strip(' .”"')
        if not speaker.name and only_quote:
            speaker = previous  # a paragraph that continues the last speaker's words
        out.append(speaker)
        if speaker.name:
            # the speaker stays whom a later "he says" means, over others named in the same sentence
            paragraph.note_until(max(closing[1], span.end))
            paragraph.article.met(speaker)
    if out and out[0].name == "" and any(s.name for s in out):
        # "“A,” he said, “B.”" attributes B; A, before its attribution, is the same quotation
        first_named = next(s for s in out if s.name)
        out = [first_named if not s.name and j < out.index(first_named) and _joined(spans, j, text) else s
               for j, s in enumerate(out)]  # fmt: skip
    return out


def _previous_sentence(paragraph: _Paragraph, bounds: list[tuple[int, int]], sentence: tuple[int, int],
                       span: QuoteSpan) -> Speaker:  # fmt: skip
    """For a quote that opens its sentence ("X was blunt. “…”"): the last person the sentence before names."""
    before = paragraph.text[sentence[0] : span.start]
    if before.strip() and re.search(r"[.!?]\s*$", before):  # the splitter kept "… blunt. “…" together
        earlier = (sentence[0], span.start)
    elif not before.strip() and sentence in bounds and bounds.index(sentence):
        earlier = bounds[bounds.index(sentence) - 1]
    else:
        return NOBODY
    persons = paragraph.named_in(*earlier)
    return persons[-1][1] if persons else NOBODY


def _colon_intro(paragraph: _Paragraph, bounds: list[tuple[int, int]], sentence: tuple[int, int],
                 span: QuoteSpan) -> Speaker:  # fmt: skip
    """For a quote after a short colon intro that names no one ("Through an interpreter: “…”", "In a
    statement: “…”"): the subject of the sentence before."""
    text = paragraph.text
    before = text[sentence[0] : span.start]
    if not before.rstrip().endswith(":"):
        return NOBODY
    stops = list(re.finditer(r"[.!?]\s+", before))  # the splitter may have kept the sentences together
    if stops:
        intro = sentence[0] + stops[-1].end()
        earlier = (sentence[0] + (stops[-2].end() if len(stops) > 1 else 0), intro)
    elif sentence in bounds and bounds.index(sentence):
        intro, earlier = sentence[0], bounds[bounds.index(sentence) - 1]
    else:
        return NOBODY
    clause = text[intro : span.start]
    if (
        len(clause.split()) > 6
        or _verbs().search(clause)
        or _role(clause).name
        or paragraph.named_in(intro, span.start)
    ):
        return NOBODY
    return paragraph.subject_of(*earlier)


def _joined(spans: list[QuoteSpan], j: int, text: str) -> bool:
    # The quote and the next one are one sentence broken by an attribution (no sentence end between).
    between = text[spans[j].end : spans[j + 1].start] if j + 1 < len(spans) else ""
    return bool(between) and not re.search(r"[.!?]\s", between) and bool(_verbs().search(between))
