"""fileio.read_toml: shipped data files parsed once per change, kept as JSON in the user's cache."""
import os
import tomllib

import pytest

from briefing import fileio
from briefing.paths import resource


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_NO_DATA_CACHE", raising=False)
    return tmp_path / "cache" / "Briefing" / "data"


def test_every_shipped_data_file_reads_as_tomllib_reads_it(cache):
    files = sorted(resource().glob("*.toml")) + sorted(resource("codes").glob("*.toml"))
    assert len(files) >= 10
    for p in files:
        with open(p, "rb") as f:
            want = tomllib.load(f)
        assert fileio.read_toml(p) == want   # parsed, cached
        assert fileio.read_toml(p) == want   # from the cache
    assert len(list(cache.glob("*.json"))) == len(files)


def test_a_changed_file_is_parsed_again_into_its_one_cache_file(cache, tmp_path):
    p = tmp_path / "words.toml"
    p.write_text('a = "one"\n', encoding="utf-8")
    assert fileio.read_toml(p) == {"a": "one"}
    p.write_text('a = "two, longer"\n', encoding="utf-8")
    os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10_000_000))
    assert fileio.read_toml(p) == {"a": "two, longer"}
    assert len(list(cache.glob("*-words-*.json"))) == 1
    other = tmp_path / "copy" / "words.toml"   # another install's file of the same name keeps its own
    other.parent.mkdir()
    other.write_text('a = "three"\n', encoding="utf-8")
    assert fileio.read_toml(other) == {"a": "three"} and fileio.read_toml(p) == {"a": "two, longer"}
    assert len(list(cache.glob("*-words-*.json"))) == 2


def test_a_damaged_cache_file_is_ignored_and_replaced(cache, tmp_path):
    p = tmp_path / "words.toml"
    p.write_text('n = [1, 2.5, true]\n[t]\nk = "v"\n', encoding="utf-8")
    want = {"n": [1, 2.5, True], "t": {"k": "v"}}
    assert fileio.read_toml(p) == want
    (cached,) = cache.glob("*-words-*.json")
    cached.write_bytes(b"{not json")
    assert fileio.read_toml(p) == want
    assert fileio.read_toml(p) == want and cached.read_bytes().startswith(b"{")


def test_dates_are_not_cached_and_no_cache_folder_is_no_error(cache, tmp_path, monkeypatch):
    p = tmp_path / "dated.toml"
    p.write_text("when = 2024-05-06\n", encoding="utf-8")
    assert str(fileio.read_toml(p)["when"]) == "2024-05-06"   # a date JSON cannot keep: parsed each time
    assert not list(cache.glob("*-dated-*.json"))
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert fileio.read_toml(p)["when"].year == 2024
    bad = tmp_path / "bad.toml"
    bad.write_text("a = \n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        fileio.read_toml(bad)
