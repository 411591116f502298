"""The one exception hierarchy: a single `what — where — fix` line and the exit code per kind."""

import pytest

from russia_taliban import errors


@pytest.mark.parametrize(
    ("kwargs", "line"),
    [
        ({}, "bad value"),
        ({"where": "a.txt"}, "a.txt: bad value"),
        ({"fix": "use another"}, "bad value — use another"),
        ({"where": "a.txt", "fix": "use another"}, "a.txt: bad value — use another"),
    ],
)
def test_line_joins_where_what_and_fix_leaving_out_empty_parts(kwargs, line) -> None:
    error = errors.UserError("bad value", **kwargs)
    assert error.line() == line
    assert str(error) == line


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (errors.UserError, 2),
        (errors.CorpusError, 2),
        (errors.MetadataError, 2),
        (errors.LexiconError, 2),
        (errors.ThemeError, 2),
        (errors.OutputFolderError, 2),
        (errors.BuildError, 1),
        (errors.NotebookError, 1),
        (errors.PdfToolsMissingError, 2),
        (errors.BuildLockedError, 2),
    ],
)
def test_every_error_is_a_user_error_with_its_exit_code(cls, code) -> None:
    error = cls("x")
    assert isinstance(error, errors.UserError)
    assert error.exit_code == code


def test_fields_are_kept_for_callers_that_reword_them() -> None:
    error = errors.LexiconError("unknown theme", where="--keywords", fix="name a theme")
    assert (error.what, error.where, error.fix) == ("unknown theme", "--keywords", "name a theme")


def test_missing_corpus_names_the_folder_and_the_option() -> None:
    error = errors.missing_corpus("/no/such")
    assert isinstance(error, errors.CorpusError)
    assert error.line() == (
        "/no/such: corpus folder does not exist — pass --corpus with a folder of .txt, .html or .pdf articles"
    )
