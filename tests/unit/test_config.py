"""The shared defaults: the values the command line, build and loader all read from one place."""

from pathlib import Path

import pytest

from russia_taliban import config


def test_defaults_point_at_the_seed_corpus_and_the_reports_folder() -> None:
    assert Path("seeds") == config.DEFAULT_CORPUS
    assert Path("reports") == config.DEFAULT_OUTPUT
    assert not config.DEFAULT_CORPUS.is_absolute()  # relative to where the command runs


def test_all_formats_are_html_then_pdf() -> None:
    assert config.FORMATS == ("html", "pdf")


def test_article_size_limit_is_twenty_mebibytes() -> None:
    assert config.MAX_ARTICLE_BYTES == 20 * 1024 * 1024


def test_placeholders_of_an_empty_output_folder() -> None:
    assert {"README.md", ".gitkeep"} == config.OUTPUT_PLACEHOLDERS
    assert config.OUTPUT_MARKER.startswith(".")  # hidden, so a reader's listing does not show it


@pytest.mark.parametrize(("cores", "jobs"), [(8, 8), (1, 1), (None, 1)])
def test_default_jobs_is_one_per_core_and_at_least_one(monkeypatch, cores, jobs) -> None:
    monkeypatch.setattr(config.os, "cpu_count", lambda: cores)
    assert config.default_jobs() == jobs
