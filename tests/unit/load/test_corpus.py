import hashlib
import json
from pathlib import Path

import pytest

from russia_taliban.cli import main
from russia_taliban.errors import CorpusError, MetadataError
from russia_taliban.load.corpus import ARTICLE_COLUMNS, PARAGRAPH_COLUMNS, load_corpus
from russia_taliban.text.normalise import normalise
from tests.conftest import SEEDS

FACTS = {
    "000_0b1ea58b017ac20d": ("What are the limits of Russia’s Taliban engagement?", "Samuel Ramani", "TRT World", "2021-09-07", "day"),
    "001_9f97825784f45b20": ("The Strategic Logic of Russia’s Embrace of the Taliban", "Sophia Nina Burna-Asefi", "The Diplomat", "2023-04-25", "day"),
    "002_2d1123b0898d3b7b": ("", "", "Stratheia", "2025-07", "month"),
    "003_85b0c0ce940eb454": ("Russia and the Taliban’s takeover in Afghanistan", "Piotr Żochowski", "OSW Centre for Eastern Studies", "2021-08-24", "day"),
    "004_0e1c37678153d4b8": ("Russia and the Taliban: Assessing new diplomatic gains", "Giorgio Cafiero", "The New Arab", "2022-04-18", "day"),
}  # fmt: skip


def test_seeds_load_with_the_facts_on_record(seeds) -> None:
    frame = seeds.articles_frame.set_index("article_id")
    got = {i: tuple(row) for i, row in frame[["title", "author", "outlet", "published", "date_precision"]].iterrows()}
    assert got == FACTS


def test_seed_tables_have_the_design_columns(seeds) -> None:
    assert list(seeds.articles_frame.columns) == ARTICLE_COLUMNS
    assert list(seeds.paragraphs_frame.columns) == PARAGRAPH_COLUMNS


def test_seed_hashes_are_the_file_hashes(seeds) -> None:
    for row in seeds.articles_frame.itertuples():
        assert row.sha256 == hashlib.sha256((SEEDS / row.source_file).read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("article_id", "line"),
    [
        ("000_0b1ea58b017ac20d", "Route 6"),
        ("001_9f97825784f45b20", "No comments:"),
        ("003_85b0c0ce940eb454", "Analyses"),
        ("003_85b0c0ce940eb454", "Cooperation"),
        ("004_0e1c37678153d4b8", "5 min read"),
        ("004_0e1c37678153d4b8", "Live Story"),
        ("004_0e1c37678153d4b8", "How the Taliban turned social media into a weapon"),
        ("004_0e1c37678153d4b8", "The Taliban swept to power in Afghanistan in August 2021. [Getty]"),
        ("004_0e1c37678153d4b8", "Giorgio Cafiero is the CEO of Gulf State Analytics."),
        ("004_0e1c37678153d4b8", "Follow him on Twitter: @GiorgioCafiero"),
        ("002_2d1123b0898d3b7b", "Disclaimer: The opinions expressed in this article are solely those of the author. They do not represent the views, beliefs, or policies of the Stratheia."),
    ],
)  # fmt: skip
def test_seed_site_chrome_is_boilerplate(seeds, article_id: str, line: str) -> None:
    frame = seeds.paragraphs_frame
    rows = frame[(frame.article_id == article_id) & (frame.text == line)]
    assert list(rows.kind) and set(rows.kind) == {"boilerplate"}


def test_trt_pull_quote_counts_once_in_the_body(seeds) -> None:
    frame = seeds.paragraphs_frame
    trt = frame[(frame.article_id == "000_0b1ea58b017ac20d") & frame.text.str.contains("Alexei Navalny")]
    assert sorted(trt.kind) == ["body", "pull_quote", "pull_quote"]
    original = trt[trt.kind == "body"].paragraph_id.item()
    assert set(trt[trt.kind == "pull_quote"].duplicate_of) == {original}


def test_every_line_of_every_seed_is_in_the_paragraphs_table(seeds) -> None:
    frame = seeds.paragraphs_frame
    for article in seeds.articles:
        text = " ".join(frame[frame.article_id == article.article_id].text)
        for line in (SEEDS / article.source_file).read_text(encoding="utf-8").splitlines():
            assert normalise(line).strip() in text


def test_seed_kinds_and_headings(seeds) -> None:
    frame = seeds.paragraphs_frame.set_index("paragraph_id")
    assert frame.loc["001_9f97825784f45b20-000", "kind"] == "dateline"
    assert frame.loc["001_9f97825784f45b20-002", "kind"] == "byline"
    assert frame.loc["003_85b0c0ce940eb454-006", ["kind", "text"]].tolist() == ["heading", "Commentary"]
    assert frame.loc["002_2d1123b0898d3b7b-001", "kind"] == "pull_quote"
    assert set(frame.kind) <= {
        "title",
        "standfirst",
        "byline",
        "dateline",
        "heading",
        "body",
        "pull_quote",
        "boilerplate",
    }


def test_text_alone_gives_title_author_date_and_outlet(write_corpus) -> None:
    root = write_corpus({p.name: p.read_bytes() for p in SEEDS.glob("*.txt")})
    frame = load_corpus(root).articles_frame.set_index("article_id")
    assert frame.loc["001_9f97825784f45b20", ["author", "published", "date_source"]].tolist() == [
        "Sophia Nina Burna-Asefi", "2023-04-25", "text"]  # fmt: skip
    assert frame.loc["004_0e1c37678153d4b8", ["author", "published"]].tolist() == ["Giorgio Cafiero", "2022-04-18"]
    assert frame.loc["003_85b0c0ce940eb454", "author"] == "Piotr Żochowski"
    assert frame.loc["002_2d1123b0898d3b7b", "outlet"] == "Stratheia"
    assert frame.loc["000_0b1ea58b017ac20d", ["published", "date_source"]].tolist() == ["", ""]


ARTICLE = "Moscow and Kabul\n\nRussia’s envoy met Taliban officials in Kabul to discuss trade, security and recognition of the government.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode(), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode(), "utf-8-sig"),
        (ARTICLE.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
        (ARTICLE.replace("\n", "\r").encode(), "utf-8"),
        (ARTICLE.encode("utf-16"), "utf-16"),  # with its BOM, in the machine's byte order
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe" + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"), "utf-16"),
    ],
)
def test_messy_encodings_and_line_endings_load_the_same(write_corpus, data: bytes, encoding: str) -> None:
    corpus = load_corpus(write_corpus({"a.txt": data}))
    [article] = corpus.articles
    assert article.encoding == encoding
    assert [p.text for p in article.paragraphs] == ["Moscow and Kabul", ARTICLE.split("\n\n")[1].strip()]


def test_html_entities_and_nbsp_are_normalised(write_corpus) -> None:
    corpus = load_corpus(
        write_corpus({"a.txt": "Trade &amp; security: Russia&#8217;s\u00a0envoy met the Taliban in Kabul."})
    )
    assert corpus.articles[0].paragraphs[0].text == "Trade & security: Russia’s envoy met the Taliban in Kabul."


@pytest.mark.parametrize(
    ("opening", "published"),
    [
        ("By Jane Doe\n\n18 April, 2022\n\n", "2022-04-18"),
        ("Published: 5 July 2024 14:32 GMT\n\n", "2024-07-05"),
        ("2025-04-18\n\n", "2025-04-18"),
    ],
)
def test_publication_date_from_text(write_corpus, opening: str, published: str) -> None:
    corpus = load_corpus(write_corpus({"a.txt": "Moscow courts Kabul\n\n" + opening + ARTICLE.split("\n\n")[1]}))
    assert corpus.articles_frame.published.item() == published


def test_wire_dateline_takes_year_from_the_text(write_corpus) -> None:
    text = "MOSCOW, Oct 7 (Reuters) - Russia said on Monday it would host talks with the Taliban, as it did in October 2021 and again in 2022."
    assert load_corpus(write_corpus({"wire.txt": text})).articles_frame.published.item() == "2022-10-07"


def test_metadata_wins_over_text_and_records_the_source(write_corpus) -> None:
    root = write_corpus(
        {
            "a.txt": "Moscow courts Kabul\n\n18 April, 2022\n\n" + ARTICLE.split("\n\n")[1],
            "metadata.yaml": "articles:\n  a.txt:\n    published: {value: '2022-04-19', source: record}\n    outlet: Example News\n",
        }
    )
    row = load_corpus(root).articles_frame.iloc[0]
    assert (row.published, row.date_source, row.outlet, row.title) == (
        "2022-04-19",
        "metadata",
        "Example News",
        "Moscow courts Kabul",
    )


def test_metadata_csv_is_read(write_corpus) -> None:
    root = write_corpus({"a.txt": ARTICLE, "metadata.csv": "file,author,published\na.txt,Jane Doe,2024-05\n"})
    row = load_corpus(root).articles_frame.iloc[0]
    assert (row.author, row.published, row.date_precision) == ("Jane Doe", "2024-05", "month")


def test_article_and_paragraph_ids_are_stable(write_corpus) -> None:
    corpus = load_corpus(write_corpus({"My Article (1).txt": ARTICLE}))
    assert corpus.articles[0].article_id == "My_Article_1"
    assert corpus.paragraphs_frame.paragraph_id.tolist() == ["My_Article_1-000", "My_Article_1-001"]


def test_non_txt_files_are_listed_as_skipped(write_corpus) -> None:
    corpus = load_corpus(write_corpus({"a.txt": ARTICLE, "notes.md": "x", "metadata.yaml": "articles: {}"}))
    assert [(s.file, s.reason) for s in corpus.skipped] == [("notes.md", "not a .txt, .html or .pdf file")]


def test_duplicate_article_is_counted_once_and_listed(write_corpus) -> None:
    corpus = load_corpus(write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE}))
    assert [a.source_file for a in corpus.articles] == ["a.txt"]
    assert [(s.file, s.reason) for s in corpus.skipped] == [("b.txt", "duplicate of a.txt")]


@pytest.mark.parametrize(
    ("files", "error", "message"),
    [
        ({}, CorpusError, "no .txt articles"),
        ({"a.txt": "  \n\n "}, CorpusError, "a.txt: file is empty"),
        ({"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00"}, CorpusError, "a.txt: file is binary"),
        ({"a.txt": ARTICLE, "metadata.yaml": "articles:\n  ghost.txt: {title: X}\n"}, MetadataError, "ghost.txt"),
        (
            {"a.txt": ARTICLE, "metadata.yaml": "articles:\n  a.txt: {published: '2022-13-01'}\n"},
            MetadataError,
            "invalid date",
        ),
        ({"a.txt": ARTICLE, "metadata.yaml": "articles: [unclosed\n"}, MetadataError, "cannot parse"),
    ],
)
def test_bad_corpus_input_raises_one_clear_error(write_corpus, files, error, message: str) -> None:
    with pytest.raises(error, match=message):
        load_corpus(write_corpus(files))


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")


def test_cli_corpus_json_lists_the_articles(capsys) -> None:
    assert main(["corpus", "--corpus", str(SEEDS), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["article_id"] for r in records] == sorted(FACTS)
    assert set(records[0]) == set(ARTICLE_COLUMNS)


def test_cli_corpus_error_is_one_line_with_exit_2(capsys, tmp_path: Path) -> None:
    assert main(["corpus", "--corpus", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and "--corpus" in err
