from russia_taliban.tag.dbcache import cache_folder, short_hash
from russia_taliban.tag.matcher import Matcher


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RUSSIA_TALIBAN_CACHE", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"
    monkeypatch.delenv("RUSSIA_TALIBAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "russia-taliban"


def test_short_hash_is_a_prefix_of_sha256() -> None:
    import hashlib

    assert short_hash("abc") == hashlib.sha256(b"abc").hexdigest()[:16]
    assert short_hash(b"abc", 32) == hashlib.sha256(b"abc").hexdigest()[:32]


def test_compiled_databases_are_cached_and_a_damaged_one_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RUSSIA_TALIBAN_CACHE", str(tmp_path))
    text = "drug-trafficking and trade"
    expected = [(h.start, h.end) for h in Matcher(["trade", "drug trafficking"]).scan(text)]
    [cached] = (tmp_path / "hyperscan").glob("*.db")
    assert (
        [(h.start, h.end) for h in Matcher(["trade", "drug trafficking"]).scan(text)] == expected == [(0, 16), (21, 26)]
    )
    cached.write_bytes(b"damaged")
    assert [(h.start, h.end) for h in Matcher(["trade", "drug trafficking"]).scan(text)] == expected
    assert cached.read_bytes() != b"damaged"


def test_an_unwritable_cache_only_costs_a_compile(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("RUSSIA_TALIBAN_CACHE", str(blocker))
    assert [(h.start, h.end) for h in Matcher(["trade"]).scan("fair trade")] == [(5, 10)]
