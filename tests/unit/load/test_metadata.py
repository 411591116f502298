import pytest

from russia_taliban.errors import MetadataError
from russia_taliban.load.corpus import load_corpus

ARTICLE = (
    "Moscow and Kabul\n\nRussia’s envoy met Taliban officials in Kabul to discuss trade, security and recognition.\n"
)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"metadata.yaml": "articles:\n  a.txt: {title: X}\n  a.txt: {title: Y}\n"}, "duplicate key 'a.txt'"),
        ({"metadata.csv": "file,title\na.txt,X\na.txt,Y\n"}, "file 'a.txt' has two rows"),
        ({"metadata.yaml": "articles: {}\n", "metadata.csv": "file,title\n"}, "more than one metadata file"),
        ({"metadata.yaml": "articles:\n  a.txt: {title: [1, 2]}\n"}, "a.txt"),
        ({"metadata.yaml": "articles:\n  a.txt: {published: {value: '2022', source: rumour}}\n"}, "a.txt"),
        ({"metadata.yaml": "x: &a [1]\narticles:\n  a.txt: {title: *a}\n"}, "aliases"),
        ({"metadata.csv": "file,colour\na.txt,red\n"}, "unknown column 'colour'"),
    ],
)
def test_bad_metadata_is_one_error_naming_the_entry(write_corpus, files: dict, message: str) -> None:
    with pytest.raises(MetadataError, match=message) as info:
        load_corpus(write_corpus({"a.txt": ARTICLE, **files}))
    assert "\n" not in info.value.line()


def test_metadata_url_is_kept(write_corpus) -> None:
    root = write_corpus({"a.txt": ARTICLE, "metadata.yaml": "articles:\n  a.txt: {url: 'https://example.org/a'}\n"})
    assert load_corpus(root).articles_frame.url.item() == "https://example.org/a"


def test_unquoted_yaml_date_is_read_as_its_iso_text(write_corpus) -> None:
    root = write_corpus({"a.txt": ARTICLE, "metadata.yaml": "articles:\n  a.txt: {published: 2022-04-18}\n"})
    assert load_corpus(root).articles_frame.published.item() == "2022-04-18"
