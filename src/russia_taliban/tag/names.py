"""People and organisations the gazetteer does not list, found by the shapes news copy names them in.

A capitalised name counts as a person only with a cue that it is one: a title or role before it
("Judge Oleg Nefyodov", "political analyst Sayed Jawad Hashimi"), an appositive after it ("Nasir
Andisha, who represents …", "Yelena Markova, a researcher …") or an attribution verb beside it ("said
Yulia Kornienko", "Rakesh Jain said"). A capitalised phrase ending in an organisation noun ("Foreign
Ministry", "Chamber of Commerce") is an organisation. Every word list is in data/wordlists.yaml.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..text.wordlists import words_of

PERSON = "person (not in gazetteer)"
ORGANISATION = "organisation (not in gazetteer)"
_CAP = r"[A-Z][\w’'\-]*"
_LEADING_DEMONYMS = frozenset({"the", "a", "an", "as", "but", "and", "in", "on", "at", "for", "to", "by"})


class NewName(NamedTuple):
    start: int  # character span of the name itself (titles and roles excluded)
    end: int
    name: str
    type: str  # PERSON or ORGANISATION
    role: str  # the title or role the text gives ("Judge", "who represents the former republic in Geneva")


def _alternation(section: str) -> str:
    words = sorted(words_of(section), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    particles = _alternation("name_particles")
    name = rf"{_CAP}(?:\s+(?:(?:{particles})\s+)?{_CAP}){{0,4}}"
    roles = "|".join((_alternation("speaker_roles"), _alternation("role_qualifiers"),
                      _alternation("titles").replace(r"\.", r"\.?")))  # fmt: skip
    verbs, inverted = _alternation("attribution_verbs"), _alternation("inverted_attribution_verbs")
    person = re.compile(
        rf"(?:(?P<title>\b(?i:{roles})\.?(?:\s+(?i:{roles})\.?){{0,3}}),?\s+(?P<a>{name}))"
        rf"|(?:\b(?P<b>{name}),\s+(?P<apposition>(?:who|a|an|the)\s[^,.;:“”\"]{{2,120}}))"
        rf"|(?:\b(?i:{inverted})\s+(?P<c>{name}))"
        rf"|(?:\b(?P<d>{name})\s+(?:has\s+|had\s+|also\s+)?(?i:{verbs})\b)"
    )
    nouns = _alternation("organisation_nouns")
    organisation = re.compile(
        rf"\b(?P<org>(?:{_CAP}\s+){{1,5}}(?=[A-Z])(?i:{nouns})(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})?)\b"
    )
    return person, organisation


def _words(section: str) -> frozenset[str]:
    return words_of(section)


def strip_titles(name: str) -> tuple[str, str]:
    """(name, title): leading titles, roles and articles moved out of a name ("Judge Oleg Nefyodov")."""
    words = re.sub(r"[’']s\b.*$", "", name).split()  # "Kabulov’s deputy": the name ends at the possessive
    roles = _words("titles") | _words("speaker_roles") | _words("role_qualifiers")
    roles |= {w.rstrip(".") for w in roles}
    title = []
    while words and words[0].rstrip(",.").lower() in roles | _LEADING_DEMONYMS:
        word = words.pop(0)
        if word.rstrip(",.").lower() in roles:
            title.append(word)
    return " ".join(words).strip(" ,."), " ".join(title)


def is_person_name(name: str, *, single: bool = False) -> bool:
    """Whether a title-stripped capitalised phrase can be a person's name: two words or more (one with
    `single`, where the context leaves no doubt), none of them a headline word, role or place."""
    words = name.split()
    if not words or (len(words) < 2 and not single):
        return False
    stop = _words("name_stopwords") | _words("speaker_roles") | _words("role_qualifiers") | _words("titles")
    particles = _words("name_particles")
    if words[-1].lower() in _words("organisation_nouns"):
        return False
    return all(w.lower() not in stop and (w[0].isupper() or w.lower() in particles) for w in words)


_APPOSITION = re.compile(r",\s+((?:who|a|an|the)\s[^,.;:“”\"]{2,120})")


def _apposition(text: str, end: int) -> str:
    """The appositive right after a name (", who represents …", ", a senior analyst at …"), if any."""
    m = _APPOSITION.match(text, end)
    return m.group(1) if m else ""


def new_names(text: str, known: list[tuple[int, int]] | None = None) -> list[NewName]:
    """Cued person names and organisation phrases in `text` that overlap none of the `known` spans."""
    if not any(c.isupper() for c in text[1:]):
        return []
    person, organisation = _patterns()
    known = list(known or [])
    out: list[NewName] = []
    for m in person.finditer(text):
        group = next(g for g in "abcd" if m.group(g))
        raw_start = m.start(group)
        name, title = strip_titles(m.group(group))
        if not is_person_name(name):
            continue
        start = text.find(name, raw_start)
        end = start + len(name)
        if start < 0 or any(s < end and start < e for s, e in known):
            continue
        apposition = m.group("apposition") or _apposition(text, end)
        role = " ".join(x for x in (m.group("title") or "", title, apposition) if x)
        out.append(NewName(start, end, name, PERSON, " ".join(role.split())))
        known.append((start, end))
    for m in organisation.finditer(text):
        words = m.group("org").split()
        while words and words[0].lower() in _LEADING_DEMONYMS:
            words.pop(0)
        phrase = " ".join(words)
        if len(words) < 2:
            continue
        start = text.index(phrase, m.start("org"))
        end = start + len(phrase)
        if any(s < end <= e for s, e in known):  # inside a gazetteer name, or ending in one ("… CSTO")
            continue
        out.append(NewName(start, end, phrase, ORGANISATION, ""))
    return sorted(out)
