"""One exception hierarchy; the CLI catches `UserError` once and prints its single line."""

from __future__ import annotations


class UserError(Exception):
    """Raised for anything a user can fix: bad input, bad parameters. Exit code 2."""

    exit_code = 2

    def __init__(self, what: str, *, where: str = "", fix: str = "") -> None:
        self.what, self.where, self.fix = what, where, fix
        super().__init__(self.line())

    def line(self) -> str:
        parts = [f"{self.where}: {self.what}" if self.where else self.what]
        if self.fix:
            parts.append(self.fix)
        return " — ".join(parts)


class CorpusError(UserError):
    """Raised when the corpus folder or an article file cannot be read as an article."""


class MetadataError(UserError):
    """Raised when the metadata file is malformed or disagrees with the corpus."""


class LexiconError(UserError):
    """Raised when a lexicon or gazetteer file, or --keywords, cannot be used."""


class ThemeError(UserError):
    """Raised for an unknown theme or a theme name that is unsafe as a file name."""


class BuildError(UserError):
    """Raised when a build cannot start or a stage fails; the previous reports stay intact."""

    exit_code = 1


class NotebookError(BuildError):
    """Raised when a notebook fails while papermill executes it."""


class PdfToolsMissingError(BuildError):
    """Raised when the PDF engine (WeasyPrint, from the lock file) cannot load; the message says what to do."""

    exit_code = 2


class BuildLockedError(BuildError):
    """Raised when another build holds the output folder's lock."""

    exit_code = 2


class OutputFolderError(UserError):
    """Raised when --output is not a folder the build may write into (unsafe, someone else's, unwritable)."""


def missing_corpus(root: object) -> CorpusError:
    """The one message for a corpus folder that is not there."""
    return CorpusError(
        "corpus folder does not exist",
        where=str(root),
        fix="pass --corpus with a folder of .txt, .html or .pdf articles",
    )
