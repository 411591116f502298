"""Short references, the sources list, citations and the title page's provenance line."""

import pandas as pd
import pytest

from russia_taliban.report import sources


@pytest.mark.parametrize(
    ("author", "surname"),
    [
        ("Sophia Nina Burna-Asefi and Jane Doe", "Burna-Asefi"),
        ("Kabir Taneja, Mohammed Sinan Siyech", "Taneja"),
        ("A. Smith; B. Jones", "Smith"),
        ("Ramani & Doe", "Ramani"),
        ("  Madonna ", "Madonna"),
        ("", ""),
    ],
)
def test_surname_is_the_first_authors_last_word(author, surname) -> None:
    assert sources._surname(author) == surname


def test_references_are_indexed_by_article_and_fall_back_to_the_file_id(tables_of) -> None:
    tables = tables_of([
        {"id": "b", "author": "", "outlet": "", "published": "2023-02-01", "tags": [set()]},
        {"id": "a", "author": "Ann Lee", "published": "2021-08-15", "tags": [set()]},
    ])  # fmt: skip
    refs = sources.references(tables)
    assert refs.to_dict() == {"b": "b 2023", "a": "Lee 2021"}
    assert list(refs.index) == ["b", "a"]  # the articles table's order


def test_alike_references_are_lettered_by_date(tables_of) -> None:
    tables = tables_of([
        {"id": "z", "author": "Jo Lee", "published": "2022-09-01", "tags": [set()]},
        {"id": "y", "author": "Al Lee", "published": "2022-01-01", "tags": [set()]},
        {"id": "x", "author": "Bo Lee", "published": "2021-01-01", "tags": [set()]},
    ])  # fmt: skip
    assert sources.references(tables).to_dict() == {"z": "Lee 2022b", "y": "Lee 2022a", "x": "Lee 2021"}


def test_sources_are_sorted_by_reference_with_every_column(tables_of) -> None:
    tables = tables_of([{"id": "b", "author": "Zed Z", "published": "2022-01-01", "tags": [set()]},
                        {"id": "a", "author": "Amy A", "published": "2023-01-01", "tags": [set()]}])  # fmt: skip
    frame = sources.sources(tables)
    assert frame.reference.tolist() == ["A 2023", "Z 2022"]
    assert list(frame.columns) == ["article_id", "reference", "title", "author", "outlet", "published", "url",
                                   "file", "sha256"]  # fmt: skip
    assert frame.iloc[0][["article_id", "file", "url"]].tolist() == ["a", "a.txt", ""]


def test_cite_adds_the_paragraph_number_counting_from_one(tables_of) -> None:
    tables = tables_of([{"id": "a", "author": "Ann Lee", "published": "2021-08-15", "tags": [set(), set(), set()]}])
    ids = pd.Series(["a", "a"], index=[10, 11])
    assert sources.cite(tables, ids).tolist() == ["Lee 2021", "Lee 2021"]
    cited = sources.cite(tables, ids, pd.Series(["a-002", "nope"], index=[10, 11]))
    assert cited.to_dict() == {10: "Lee 2021, ¶3", 11: "Lee 2021"}


@pytest.mark.parametrize(("epoch", "day"), [("0", "1970-01-01"), ("1715904000", "2024-05-17")])
def test_build_date_follows_source_date_epoch(monkeypatch, epoch, day) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert sources.build_date() == day


def test_provenance_without_a_build_digest_is_computed_and_marked_local(tables_of, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1715904000")
    tables = tables_of([{"id": "a", "tags": [set()]}, {"id": "b", "tags": [set()]}])
    local = sources.provenance(tables)
    assert local.digest.startswith("local-") and len(local.digest) == len("local-") + 12
    assert (local.built, local.articles) == ("2024-05-17", 2)
    tables.lexicon["themes"]["security"]["fingerprint"] = "fp-changed"
    assert sources.provenance(tables).digest != local.digest  # the lexicon enters the digest
    given = sources.provenance(tables, "abc123")
    assert given.line() == (
        f"Built 2024-05-17 by russia-taliban {given.version} from 2 articles; "
        "inputs digest abc123 (manifest.json, inputs.digest)."
    )
