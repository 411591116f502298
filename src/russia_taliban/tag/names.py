"""People and organisations the gazetteer does not list, found by the shapes news copy names them in.

A capitalised name counts as a person only with a cue that it is one: a title or role before it
("Judge Oleg Nefyodov", "political analyst Sayed Jawad Hashimi"), an appositive after it ("Nasir
Andisha, who represents …", "Yelena Markova, a researcher …"), an attribution verb beside it ("said
Yulia Kornienko", "Rakesh Jain said") or a word that introduces a name ("a trader named Ali Rahimi").
A given name alone is a person only when an appositive headed by a role noun follows it ("Fariba, a
former teacher from Herat, …", "For Mariam, a law student who …, the news …"). A capitalised phrase
ending in an organisation noun ("Foreign Ministry", "Chamber of Commerce") is an organisation. Every
word list is in data/wordlists.yaml.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..text.wordlists import alternation, words_of

PERSON = "person (not in gazetteer)"
ORGANISATION = "organisation (not in gazetteer)"
_CAP = r"[A-Z][\w’'\-]*"


class NewName(NamedTuple):
    start: int  # character span of the name itself (titles and roles excluded)
    end: int
    name: str
    type: str  # PERSON or ORGANISATION
    role: str  # the title or role the text gives ("Judge", "who represents the former republic in Geneva")


@functools.cache
def _runs() -> re.Pattern[str]:
    """Runs of capitalised words (with name particles between them): the candidates for names."""
    particles = alternation("name_particles")
    # two words or more, or one that an "of"/"for" continues ("Chamber of Commerce"): a lone
    # capitalised word (a sentence's first, or "Russia") is never a name beyond the gazetteer
    links = alternation("organisation_links")
    return re.compile(rf"{_CAP}(?:(?:[ \t]+(?:{particles}[ \t]+)?{_CAP})+|(?=[ \t]+{links}[ \t]))")


@functools.cache
def _cue_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    roles = words_of("titles") | words_of("speaker_roles") | words_of("role_qualifiers")
    roles |= {w.rstrip(".") for w in roles}
    verbs = frozenset(w for w in words_of("attribution_verbs") if " " not in w)
    return roles, verbs, words_of("inverted_attribution_verbs"), words_of("organisation_nouns")


@functools.cache
def _not_names() -> tuple[frozenset[str], frozenset[str]]:
    # words that are never part of a personal name (headline words, roles, titles), and name particles
    return _cue_words()[0] | words_of("name_stopwords"), words_of("name_particles")


_WORD_BEFORE = re.compile(r"([\w’'\-.]+)(,?)\s+$")
_WORD_AFTER = re.compile(r"\s+(?:(?:has|had|also)\s+)?([a-z]+)\b")
_LINK_AFTER = re.compile(rf"\s+{alternation('organisation_links')}\s+(?:the\s+)?")
_CAPS = re.compile(rf"{_CAP}(?:[ \t]+{_CAP})*")


def _title_before(text: str, start: int) -> str:
    """The role and title words right before a name ("political analyst", "Its spokesman,")."""
    roles = _cue_words()[0]
    words: list[str] = []
    end = start
    while len(words) < 4:
        m = _WORD_BEFORE.search(text, max(0, end - 40), end)
        if m is None or m.group(1).lower().rstrip(".") not in roles or (m.group(2) and words):
            break
        words.insert(0, m.group(1))
        end = m.start()
    return " ".join(words)


@functools.cache
def _leading_words() -> frozenset[str]:
    # words a name never starts with: titles and roles (kept as its title) and articles (dropped)
    return _cue_words()[0] | words_of("name_leading_words")


def strip_titles(name: str) -> tuple[str, str]:
    """(name, title): leading titles, roles and articles moved out of a name ("Judge Oleg Nefyodov")."""
    words = re.sub(r"[’']s\b.*$", "", name).split()  # "Kabulov’s deputy": the name ends at the possessive
    roles, leading = _cue_words()[0], _leading_words()
    title = []
    while words and words[0].rstrip(",.").lower() in leading:
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
    stop, particles = _not_names()
    if words[-1].lower() in words_of("organisation_nouns"):
        return False
    return all(w.lower() not in stop and (w[0].isupper() or w.lower() in particles) for w in words)


@functools.cache
def _appositions() -> re.Pattern[str]:
    return re.compile(rf",\s+({alternation('appositive_openers')}\s[^,.;:“”\"]{{2,120}})")


def _apposition(text: str, end: int) -> str:
    """The appositive right after a name (", who represents …", ", a senior analyst at …"), if any."""
    m = _appositions().match(text, end)
    return m.group(1) if m else ""


def new_names(text: str, known: list[tuple[int, int]] | None = None) -> list[NewName]:
    """Cued person names and organisation phrases in `text` that overlap none of the `known` spans.

    One pass over the runs of capitalised words, each looked up in sets: a regex that tried every
    title and verb at every position ran twenty times slower.
    """
    _, verbs, inverted, nouns = _cue_words()
    introducers = words_of("name_introducers")
    known = list(known or [])
    out: list[NewName] = []
    for m in _runs().finditer(text):
        run = m.group()
        single = " " not in run and "\t" not in run
        if single and run.lower() not in nouns:
            continue
        if single or run.rsplit(None, 1)[-1].lower() in nouns:
            organisation = _organisation(text, m, known)
            if organisation is not None:
                out.append(organisation)
            continue
        lo = _after_known(known, m.start(), m.end())
        if lo is None:
            continue  # the run ends in a name the gazetteer has ("Foreign Minister Sergey Lavrov")
        name, title = strip_titles(text[lo : m.end()])
        start = text.find(name, lo)
        end = start + len(name)
        if start < 0 or not is_person_name(name) or any(s < end and start < e for s, e in known):
            continue
        before = _title_before(text, m.start())
        after = _WORD_AFTER.match(text, end)
        previous = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        apposition = _apposition(text, end)
        introduced = previous is not None and not previous.group(2) and previous.group(1).lower() in introducers
        cued = (
            title or before or apposition or introduced
            or (after is not None and after.group(1) in verbs)
            or (previous is not None and not previous.group(2) and previous.group(1).lower() in inverted)
        )  # fmt: skip
        if not cued:
            continue
        role = " ".join(x for x in (before, title, apposition) if x)
        out.append(NewName(start, end, name, PERSON, " ".join(role.split())))
        known.append((start, end))
    out.extend(_given_names(text, known))
    return sorted(out)


@functools.cache
def _given() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """A lone capitalised word, a comma and an article or relative pronoun; the appositive's opening
    (relative or article and its phrase); and the plain strings one of them starts with (", a", ", who")."""
    articles, relatives = alternation("role_appositive_articles"), alternation("person_relatives")
    given = re.compile(rf"(?<![\w’'\-])([A-Z][a-z’'\-]+),\s+(?:{articles}|{relatives})\s")
    opening = re.compile(rf",\s+(?:({relatives})\s+([\w’'\-]*)|{articles}\s+([^,.;:“”\"]*))")
    starts = words_of("role_appositive_articles") | words_of("person_relatives")
    return given, opening, tuple(f", {w}" for w in sorted(starts))


@functools.cache
def _places() -> frozenset[str]:
    """Places a lone capitalised word may be: the gazetteer's states, its other non-person actors' aliases
    (capitals stand for their states) and data/wordlists.yaml's place_names, lower-cased."""
    from .actors import builtin_gazetteer  # actors imports this module

    aliases = {
        alias.lower()
        for actor in builtin_gazetteer().actors.values()
        if actor.type != "person"
        for alias in (actor.name, *actor.aliases)
    }
    return frozenset(aliases) | words_of("place_names")


_PREVIOUS_WORD = re.compile(r"([\w’'\-]+)[ \t]+$")


def _given_names(text: str, known: list[tuple[int, int]]) -> list[NewName]:
    """Given names standing alone before an appositive headed by a person noun ("Fariba, a former
    teacher from Herat who …,"): news features introduce ordinary people so, by first name only. A
    place is introduced the same way ("Termez, a source of friction, …"), so known places never count."""
    given, _, starts = _given()
    if not any(s in text for s in starts):
        return []
    out = []
    for m in given.finditer(text):
        name, start, end = m.group(1), m.start(1), m.end(1)
        previous = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
        word = previous.group(1) if previous is not None else ""
        if word[:1].isupper() and word.lower() not in words_of("name_leading_words"):
            continue  # the last word of a longer capitalised run: that run is judged as a whole
        if word.lower() in words_of("place_prepositions"):
            continue  # "a teacher in Herat, who …": a place, or a month
        if name.lower() in words_of("discourse_openers") or not is_person_name(name, single=True):
            continue
        if name.lower() in _places():
            continue
        if any(s < end and start < e for s, e in known) or not _role_headed(text, m.end(1)):
            continue
        out.append(NewName(start, end, name, PERSON, _apposition(text, end)))
        known.append((start, end))
    return out


def _role_headed(text: str, end: int) -> bool:
    """Whether the appositive after text[:end] describes a person: "who" and a verb ("who drives …", not
    "who many call …", where "who" is the object and may be a place), or "a/an" and a phrase whose head
    (the last word before "from", "who", … or the phrase's end) is a person noun, or which gives an age
    ("a 24-year-old"), with no attribution verb before its closing comma or stop ("However, a spokesman
    said …" and "Leyla, a name her mother chose," introduce no one)."""
    m = _given()[1].match(text[end : end + 240])
    if m is None:
        return False
    if m.group(1):
        subject = m.group(2)
        return bool(subject) and subject[0].islower() and subject.lower() not in _relative_subjects()
    phrase = m.group(3) or ""
    if any(w in _cue_words()[1] for w in re.findall(r"[a-z]+", phrase.lower())):
        return False
    words = []
    for word in phrase.lower().split():
        if word in words_of("apposition_ends"):
            break
        words.append(word.strip("’'"))
    head = words[-1] if 0 < len(words) <= 6 else ""  # "a former law student", "a teacher", "a 24-year-old"
    return head in words_of("person_nouns") or any(re.fullmatch(r"\d+-year-old", w) for w in words[:2])


@functools.cache
def _relative_subjects() -> frozenset[str]:
    # a subject right after "who" ("who many call", "who officials say"): pronouns, quantifiers, roles
    return words_of("relative_clause_subjects") | words_of("speaker_roles")


def _after_known(known: list[tuple[int, int]], start: int, end: int) -> int | None:
    """Where a run text[start:end] can hold a new name: after the last known span ending inside it;
    None if a known span holds the run's end. One pass over `known` (see `_after_known_reference`)."""
    lo = start
    for s, e in known:
        if s < end <= e:
            return None
        if lo < e < end:
            lo = e
    return lo


def _after_known_reference(known: list[tuple[int, int]], start: int, end: int) -> int | None:
    """`_after_known` as first written, two passes: the specification it is tested against."""
    if any(s < end <= e for s, e in known):
        return None
    return max([start, *(e for s, e in known if start <= e < end)])


def _organisation(text: str, run: re.Match[str], known: list[tuple[int, int]]) -> NewName | None:
    """A capitalised phrase ending in an organisation noun, with "of/for X" after it ("Chamber of Commerce")."""
    words = run.group().split()
    while words and words[0].lower() in words_of("name_leading_words"):
        words.pop(0)
    end = run.end()
    link = _LINK_AFTER.match(text, end)
    following = _CAPS.match(text, link.end()) if link is not None else None
    if following is not None:
        end = following.end()
    if len(words) < 2 and end == run.end():
        return None
    start = run.end() - len(" ".join(words)) if words else run.start()
    start = text.find(words[0], run.start()) if words else start
    if any(s < end <= e for s, e in known):  # inside a gazetteer name, or ending in one ("… CSTO")
        return None
    return NewName(start, end, text[start:end], ORGANISATION, "")
