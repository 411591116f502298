"""Bad input from the command line: one line naming the file or value, what is wrong, how to fix it; exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from russia_taliban.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

ARTICLE = "Moscow and Kabul\n\nRussia’s envoy met Taliban officials in Kabul to discuss trade, security and recognition of the government.\n"


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    err = capsys.readouterr().err
    return code, err


def assert_one_line(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("russia-taliban: error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.mark.parametrize(
    ("files", "needles"),
    [
        ({}, ["no .txt articles in the corpus folder", "add one article per .txt file"]),
        ({"notes.md": "x"}, ["no .txt articles"]),
        ({"a.txt": ""}, ["a.txt: file is empty", "remove it or paste"]),
        ({"a.txt": " \n\t\n"}, ["a.txt: file is empty"]),
        ({"a.txt": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00"}, ["a.txt: file is binary, not text", "plain text"]),
        ({"a.txt": ARTICLE, "metadata.yaml": "articles: [unclosed\n"}, ["metadata.yaml: cannot parse the metadata file", "fix its syntax"]),
        ({"a.txt": ARTICLE, "metadata.yaml": "articles:\n  ghost.txt: {title: X}\n"}, ["names 1 article(s) not in the folder: ghost.txt"]),
        ({"a.txt": ARTICLE, "metadata.yaml": "articles:\n  a.txt: {published: '2024-02-30'}\n"}, ["a.txt.published: invalid date '2024-02-30'", "YYYY-MM-DD"]),
        ({"a.txt": ARTICLE, "metadata.yaml": "articles:\n  a.txt: {colour: red}\n"}, ["unknown field 'colour'"]),
    ],
)  # fmt: skip
def test_bad_corpus_is_one_line_exit_2(capsys, write_corpus, files: dict, needles: list[str]) -> None:
    assert_one_line(*cli(capsys, "corpus", "--corpus", str(write_corpus(files))), *needles)


def test_missing_corpus_folder(capsys, tmp_path: Path) -> None:
    assert_one_line(
        *cli(capsys, "corpus", "--corpus", str(tmp_path / "nowhere")), "corpus folder does not exist", "--corpus"
    )


def test_corpus_path_that_is_a_file(capsys, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert_one_line(*cli(capsys, "corpus", "--corpus", str(tmp_path / "a.txt")), "corpus path is not a folder")


def test_huge_file_is_refused_with_the_limit_named(capsys, write_corpus) -> None:
    root = write_corpus({"a.txt": ARTICLE})
    with (root / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: the size is checked before anything is read
    assert_one_line(
        *cli(capsys, "corpus", "--corpus", str(root)), "huge.txt: file is 50 MB, over the 20 MB limit", "split it"
    )


def test_undecodable_bytes_are_replaced_and_flagged(capsys, write_corpus) -> None:
    root = write_corpus(
        {"a.txt": "Russia’s envoy met the Taliban in Kabul on trade. ".encode() + b"\x81\xfe" + " Żochowski".encode()}
    )
    assert main(["corpus", "--corpus", str(root), "--json"]) == 0
    captured = capsys.readouterr()
    assert "warning: a.txt: bytes that no encoding decodes were replaced by U+FFFD" in captured.err
    assert json.loads(captured.out)[0]["encoding"] == "utf-8+replace"


def test_undecodable_bytes_recorded_as_encoding(write_corpus) -> None:
    from russia_taliban.load.corpus import load_corpus

    root = write_corpus(
        {"a.txt": "Russia’s envoy met the Taliban in Kabul. ".encode() + b"\x81" + " Żochowski".encode()}
    )
    assert load_corpus(root).articles_frame.encoding.item() == "utf-8+replace"


def test_skipped_files_are_listed(capsys, write_corpus) -> None:
    root = write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE, "notes.docx": b"PK\x03\x04"})
    code, err = cli(capsys, "corpus", "--corpus", str(root))
    assert code == 0
    assert "skipped b.txt: duplicate of a.txt" in err and "skipped notes.docx: not a .txt, .html or .pdf file" in err


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("themes: [", ["lexicon.yaml", "see the lexicon format"]),
        ("themes:\n  narcotics:\n    terms: []\n", ["lexicon.yaml: themes.narcotics.terms"]),
        (
            "themes:\n  narcotics:\n    terms: [heroin]\n  narcotics:\n    terms: [opium]\n",
            ["duplicate key 'narcotics'"],
        ),
        ("themes:\n  narcotics:\n    terms: ['re:(heroin']\n", ["term 're:(heroin' is not a valid pattern"]),
        ("themes:\n  Narcotics Theme:\n    terms: [heroin]\n", ["theme name 'Narcotics Theme' is not allowed"]),
    ],
)
def test_bad_lexicon_is_one_line_exit_2(capsys, tmp_path: Path, text: str, needles: list[str]) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    assert_one_line(*cli(capsys, "themes", "--lexicon", str(path)), *needles)


def test_missing_lexicon_file(capsys, tmp_path: Path) -> None:
    assert_one_line(*cli(capsys, "themes", "--lexicon", str(tmp_path / "none.yaml")), "lexicon file not found")


@pytest.mark.parametrize("name", ["../x", "a/b", "two words", "économie", "x" * 41])
def test_unsafe_theme_names_are_refused_before_any_path_is_made(capsys, tmp_path: Path, name: str) -> None:
    out = tmp_path / "reports"
    assert_one_line(
        *cli(capsys, "build", "--output", str(out), "--theme", name, "--keywords", "heroin"), "is not allowed"
    )
    assert not out.exists()


def test_unknown_theme_lists_known_ones(capsys, tmp_path: Path) -> None:
    code, err = cli(capsys, "build", "--output", str(tmp_path / "r"), "--theme", "narcotics", "--corpus", str(SEEDS))
    assert_one_line(
        code, err, "unknown theme 'narcotics'", "security, economics, diplomacy, humanitarian", "--keywords"
    )


def test_keywords_need_exactly_one_theme(capsys, tmp_path: Path) -> None:
    assert_one_line(
        *cli(capsys, "build", "--output", str(tmp_path / "r"), "--keywords", "heroin"), "--keywords defines one theme"
    )


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "russia_taliban", "--debug", "corpus", "--corpus", str(tmp_path / "none")],
                          cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode != 0 and "Traceback" in done.stderr and "CorpusError" in done.stderr


def test_version_is_printed(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and capsys.readouterr().out.strip() == "russia-taliban 0.1.0"


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["build", "--forse"], ["unrecognized arguments: --forse", "(did you mean --force?)"]),
        (["buld"], ["invalid choice: 'buld'", "(did you mean build?)"]),
        (["build", "--format", "htm"], ["invalid choice: 'htm'", "(did you mean html?)"]),
        (["export", "out", "--corpsu", "x"], ["(did you mean --corpus?)"]),
    ],
)
def test_misspelt_commands_flags_and_choices_get_a_suggestion_in_one_line(capsys, args, needles) -> None:
    with pytest.raises(SystemExit) as info:
        main(args)
    err = capsys.readouterr().err
    assert_one_line(info.value.code, err, *needles)


def test_a_misspelt_theme_gets_a_suggestion(capsys, tmp_path: Path) -> None:
    code, err = cli(capsys, "build", "--output", str(tmp_path / "r"), "--corpus", str(SEEDS), "--theme", "econmics")
    assert_one_line(code, err, "unknown theme 'econmics' (did you mean 'economics'?)")


def test_a_folder_of_the_users_is_refused_and_untouched_even_with_force(capsys, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.html").write_text("mine")
    code, err = cli(capsys, "build", "--corpus", str(SEEDS), "--output", str(mine), "--force")
    assert_one_line(code, err, "not made by russia-taliban build")
    assert [p.name for p in mine.iterdir()] == ["report.html"] and (mine / "report.html").read_text() == "mine"


def test_the_output_folder_may_not_hold_the_corpus(capsys, tmp_path: Path, write_corpus) -> None:
    corpus = write_corpus({"a.txt": ARTICLE})
    code, err = cli(capsys, "build", "--corpus", str(corpus), "--output", str(corpus.parent))
    assert_one_line(code, err, "the output folder is the corpus folder or holds it")
    assert sorted(p.name for p in corpus.parent.iterdir()) == ["corpus"]


def test_export_into_a_users_folder_is_refused_and_leaves_it_untouched(capsys, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "articles.csv").write_text("my own data")
    assert main(["export", str(mine), "--corpus", str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert "not empty and was not made by russia-taliban" in err and len(err.strip().splitlines()) == 1
    assert [p.name for p in mine.iterdir()] == ["articles.csv"]
    assert (mine / "articles.csv").read_text() == "my own data"


def test_export_into_the_corpus_folder_is_refused(capsys, write_corpus) -> None:
    corpus = write_corpus({"a.txt": "Moscow and Kabul\n\nRussia's envoy met Taliban officials to discuss trade.\n"})
    assert main(["export", str(corpus), "--corpus", str(corpus)]) == 2
    assert "is the corpus folder or holds it" in capsys.readouterr().err
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]
