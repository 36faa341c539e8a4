"""Seeded mutation fuzzer: damaged copies of the real-world corpus and the sample, run through the CLI.

Run: nice -n 10 .venv/bin/python bench/fuzz.py --seed 1 --count 2000 [--jobs 2] [--corpus DIR]
     .venv/bin/python bench/fuzz.py --seed 1 --only 17 --keep      # make and run one mutant again

Each mutant is a copy of one seed file (the files of ../shared/corpus, the shipped sample, a few
CSVs made here) with one or two mutations: byte flips, truncation, damaged zip members (a bad
CRC, an unsupported compression method or zip version, a member removed, a member's XML broken,
its deflate stream garbled), huge repeat counts and sizes (ODS number-columns/rows-repeated, a
cell at XFD1048576, a sharedStrings count of 4294967295, a <dimension ref="A1:XFD1048576">, a
merge over the whole sheet, an .xls DIMENSIONS record), CSV bytes that are not valid in their
encoding, and big CSVs (300,000 "Source:" rows, very wide rows). Mutant i of seed S is the same
file on every run and machine (the corpus being the same), so a failure can be replayed with --only.

Every mutant is run, each command in its own child process, as
`briefing themes --json FILE` and `briefing build FILE -o OUT.pdf`, and classified:

    ok            exit 0
    refused       exit 2 with one line on stderr naming the file (build) / valid JSON (themes)
    refused (no file named)  exit 2, one line, but not naming the file (e.g. "no theme to write about")
    messy refusal exit 2 with several lines, or one not saying which file
    aborted       killed by a signal or exit 134 (Rust "memory allocation of ... failed", a segfault)
    traceback     "Traceback" on stderr
    internal error  "internal error" on stderr (exit 1): a bug of Briefing's
    reader exception  "cannot be read (SomeError: ...)": an exception the readers let through, turned
                  into a line by the sandbox's catch-all; a bug too (--no-sandbox shows it raw)
    over 30 s     still running after --timeout seconds (then killed)
    over memory   peak RSS (wait4 ru_maxrss of the command and the children it waited for) over --max-rss-mb

A mutant counts once, under the worst outcome of its two commands. Failing mutants are saved under
bench/.cache/fuzz/failed/ (git-ignored) with a .txt of the command, exit status and stderr.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
CACHE = REPO / "bench" / ".cache" / "fuzz"
TIMEOUT_S = 30.0
MAX_RSS_MB = 2048

# Worst first: a mutant is counted under the worst outcome of its commands.
OUTCOMES = ["aborted", "traceback", "internal error", "reader exception", "over 30 s", "over memory", "messy refusal",
            "other exit", "refused (no file named)", "refused", "ok"]
FAILURES = {"aborted", "traceback", "internal error", "reader exception", "over 30 s", "over memory", "messy refusal", "other exit"}
LABELS = {
    "ok": "read (exit 0)",
    "refused": "refused in one line naming the file, exit 2",
    "refused (no file named)": "read, build refused in one line not naming the file (no theme matched)",
    "messy refusal": "exit 2 but not one line naming the file",
    "aborted": "process aborted (signal or exit 134)",
    "traceback": "traceback on stderr",
    "internal error": '"internal error" exit 1',
    "reader exception": "an exception the readers did not handle, caught by the sandbox (exit 2)",
    "over 30 s": "past the time limit (killed)",
    "over memory": "peak memory over the limit",
    "other exit": "any other exit status",
}


def briefing_cmd() -> list[str]:
    exe = REPO / ".venv" / "bin" / "briefing"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing"]


# ---------------------------------------------------------------- seeds

_CSV_ROWS = [
    ["Share of business leaders using generative AI, by country"],
    [],
    ["Country", "Share using GenAI (%)", "Share planning to (%)", "n="],
    ["China", "83%", "12%", "1,204"],
    ["United States", "65%", "20%", "980"],
    ["Japan", "41%*", "25%", "512"],
    ["Germany", "52%", "-", "611"],
    ["India", ">80%", "n/a", "700"],
    ["Global average", "54%", "18%", "9,000"],
    [],
    ["Note: * fewer than 50 responses in one wave"],
    ["Source: Example survey of business leaders, 2024"],
]
_CSV_ZH = [
    ["生成式人工智能采用率调查"],
    ["地区", "使用比例 (%)", "计划使用 (%)"],
    ["中国", "83", "12"], ["美国", "65", "20"], ["日本", "41", "25"], ["全球平均", "54", "18"],
    [],
    ["资料来源：示例调查"],
]


def _csv_text(rows, sep=",") -> str:
    def q(v: str) -> str:
        return f'"{v}"' if (sep in v or '"' in v) else v
    return "".join(sep.join(q(v) for v in row) + "\r\n" for row in rows)


def csv_seeds(folder: Path) -> list[Path]:
    """Small survey CSVs in the encodings and delimiters the reader sniffs (written once per run)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "survey-utf8.csv": _csv_text(_CSV_ROWS).encode("utf-8"),
        "survey-utf8-bom.csv": b"\xef\xbb\xbf" + _csv_text(_CSV_ROWS).encode("utf-8"),
        "survey-utf16.csv": _csv_text(_CSV_ROWS).encode("utf-16"),
        "survey-utf16le.csv": _csv_text(_CSV_ROWS).encode("utf-16-le"),
        "survey-semicolon.csv": _csv_text(_CSV_ROWS, ";").replace("Germany", "Deutschland ü").encode("cp1252"),
        "survey.tsv": _csv_text(_CSV_ROWS, "\t").encode("utf-8"),
        "survey-gb18030.csv": _csv_text(_CSV_ZH).encode("gb18030"),
        "survey-zh-utf8.csv": _csv_text(_CSV_ZH).encode("utf-8"),
    }
    out = []
    for name, data in made.items():
        p = folder / name
        if not p.exists() or p.read_bytes() != data:
            p.write_bytes(data)
        out.append(p)
    return out


def corpus_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in ("README.md", "MANIFEST.tsv"))


def sample_workbook() -> Path:
    sys.path.insert(0, str(REPO))
    from briefing.paths import sample_workbook as s
    return Path(s())


@dataclass(frozen=True)
class Seed:
    path: Path
    kind: str     # xlsx | ods | zip | ole | csv | other
    data: bytes = field(repr=False)

    @property
    def ext(self) -> str:
        return self.path.suffix.lower() or ".xlsx"


def _kind(path: Path, data: bytes) -> str:
    ext = path.suffix.lower()
    if ext in (".csv", ".tsv", ".txt"):
        return "csv"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                for i in z.infolist():
                    z.read(i)   # every member readable: rebuilding it will work
        except Exception:
            return "other"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            return "ods"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return "other"


def load_seeds(corpus: Path, max_bytes: int = 4 << 20) -> list[Seed]:
    paths = corpus_files(corpus) + [sample_workbook()] + csv_seeds(CACHE / "seeds")
    seeds = []
    for p in paths:
        data = p.read_bytes()   # the corpus is only read; mutants are written elsewhere
        if len(data) <= max_bytes:
            seeds.append(Seed(p, _kind(p, data), data))
    return seeds


# ---------------------------------------------------------------- mutations

def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i, z.read(i)) for i in z.infolist()]


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            z.writestr(info.filename, body)
    return out.getvalue()


def _central(data: bytes) -> list[int]:
    """Offsets of the central-directory entries of a zip this module wrote (no zip64, no comment)."""
    end = data.rfind(b"PK\x05\x06")
    count, _, start = struct.unpack_from("<HII", data, end + 10)
    offsets, at = [], start
    for _ in range(count):
        offsets.append(at)
        n, x, c = struct.unpack_from("<HHH", data, at + 28)
        at += 46 + n + x + c
    return offsets


def _pick_member(rng: random.Random, members, prefer=(".xml", ".rels")) -> int:
    good = [k for k, (i, _) in enumerate(members) if i.filename.endswith(prefer)] or list(range(len(members)))
    return rng.choice(good)


def _patch_member(data: bytes, k: int, local_off: int, central_off: int, fmt: str, value) -> bytes:
    """Writes `value` at the same field of member k's local header and central-directory entry."""
    b = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        lh = z.infolist()[k].header_offset
    struct.pack_into(fmt, b, lh + local_off, value)
    struct.pack_into(fmt, b, _central(data)[k] + central_off, value)
    return bytes(b)


def m_flip(rng, seed: Seed) -> tuple[bytes, str]:
    b = bytearray(seed.data)
    n = rng.choice([1, 1, 2, 4, 8, 32, 128])
    for _ in range(n):
        b[rng.randrange(len(b))] ^= rng.randrange(1, 256)
    return bytes(b), f"{n} bytes flipped"


def m_truncate(rng, seed: Seed) -> tuple[bytes, str]:
    cut = rng.choice([rng.randrange(len(seed.data)), len(seed.data) // 2, len(seed.data) - rng.randrange(1, 64)])
    cut = max(0, min(cut, len(seed.data) - 1))
    return seed.data[:cut], f"truncated to {cut} of {len(seed.data)} bytes"


def m_zip_bad_crc(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    k = _pick_member(rng, members)
    data = _rezip(members)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        crc = z.infolist()[k].CRC
    bad = crc ^ (1 << rng.randrange(32))
    return _patch_member(data, k, 14, 16, "<I", bad), f"{members[k][0].filename}: recompressed with a bad CRC"


def m_zip_bad_method(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    k = _pick_member(rng, members)
    method = rng.choice([6, 9, 97, 98, 99, 255])   # implode, deflate64, WavPack, PPMd, AES, nonsense
    return (_patch_member(_rezip(members), k, 8, 10, "<H", method),
            f"{members[k][0].filename}: compression method {method}")


def m_zip_bad_version(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    k = _pick_member(rng, members)
    version = rng.choice([64, 99, 255, 0xFFFF])
    return (_patch_member(_rezip(members), k, 4, 6, "<H", version),
            f"{members[k][0].filename}: needs zip version {version / 10:.1f}")


def m_zip_garble_stream(rng, seed: Seed) -> tuple[bytes, str]:
    """Random bytes inside a member's deflate stream, sizes and CRC kept (zlib "Error -3")."""
    members = _members(seed.data)
    k = _pick_member(rng, members)
    data = bytearray(_rezip(members))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.infolist()[k]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    size = max(1, info.compress_size)
    for _ in range(rng.choice([1, 4, 16])):
        data[start + rng.randrange(size)] ^= rng.randrange(1, 256)
    return bytes(data), f"{info.filename}: deflate stream garbled"


def m_zip_drop_member(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    key = [k for k, (i, _) in enumerate(members) if re.search(
        r"(workbook\.xml|sheet\d*\.xml|sharedStrings\.xml|styles\.xml|\.rels|content\.xml|manifest\.xml|"
        r"Content_Types)", i.filename)]
    k = rng.choice(key or list(range(len(members))))
    name = members[k][0].filename
    return _rezip(members[:k] + members[k + 1:]), f"{name}: removed"


def _break_xml(rng, text: bytes) -> tuple[bytes, str]:
    how = rng.choice(["cut", "lt", "amp", "tag", "attr", "nul", "entity", "deep", "encoding"])
    at = rng.randrange(max(1, len(text)))
    if how == "cut":
        return text[:at], f"cut at {at}"
    if how == "lt":
        return text[:at] + b"<<" + text[at:], "stray '<'"
    if how == "amp":
        return text[:at] + b"&bogus;" + text[at:], "undefined entity"
    if how == "tag":
        m = list(re.finditer(rb"</[A-Za-z:]+>", text))
        if m:
            x = rng.choice(m)
            return text[:x.start()] + text[x.end():], f"closing tag {x.group().decode()} removed"
        return text[:at], f"cut at {at}"
    if how == "attr":
        m = list(re.finditer(rb'="([^"]*)"', text))
        if m:
            x = rng.choice(m)
            junk = rng.choice([b"-1", b"99999999999999999999", b"", b"A0", b"\xff\xfe", b"1e999", b"NaN", b"ZZZZ1"])
            return text[:x.start(1)] + junk + text[x.end(1):], f"attribute set to {junk!r}"
        return text[:at] + b"<<" + text[at:], "stray '<'"
    if how == "nul":
        return text[:at] + b"\x00" + text[at:], "NUL byte"
    if how == "entity":
        return (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
                + re.sub(rb"^<\?xml[^>]*\?>", b"", text)), "DTD with entities"
    if how == "deep":
        m = re.search(rb"<(sheetData|table:table|sst)[^>]*>", text)
        if m:
            deep = b"<x>" * 100_000 + b"</x>" * 100_000
            return text[:m.end()] + deep + text[m.end():], "100,000 nested elements"
        return text[:at], f"cut at {at}"
    return re.sub(rb'encoding="[^"]*"', b'encoding="x-unknown-enc"', text, count=1), "unknown XML encoding"


def m_zip_break_xml(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    k = _pick_member(rng, members)
    info, body = members[k]
    broken, how = _break_xml(rng, body)
    members[k] = (info, broken)
    return _rezip(members), f"{info.filename}: {how}"


_HUGE = [16384, 65536, 1_048_576, 1 << 24, 2_147_483_647, 4_294_967_295, 10**12]


def _sheet_members(members) -> list[int]:
    return [k for k, (i, _) in enumerate(members) if re.match(r"xl/worksheets/[^/]+\.xml$", i.filename)]


def m_xlsx_huge(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    sheets = _sheet_members(members)
    how = rng.choice(["cellref", "cellref", "dimension", "sst", "row", "merge", "cols"])
    sst = [k for k, (i, _) in enumerate(members) if i.filename.endswith("sharedStrings.xml")]
    if how == "sst" and sst:
        k = sst[0]
        info, body = members[k]
        n = rng.choice([b"4294967295", b"2147483647", b"1000000000"])
        body = re.sub(rb'(count|uniqueCount)="\d+"', rb'\1="' + n + b'"', body)
        if b"uniqueCount" not in body:
            body = re.sub(rb"<sst ", b'<sst uniqueCount="' + n + b'" count="' + n + b'" ', body, count=1)
        members[k] = (info, body)
        return _rezip(members), f"sharedStrings count {n.decode()}"
    if not sheets:
        return m_zip_break_xml(rng, seed)
    k = rng.choice(sheets)
    info, body = members[k]
    ref = rng.choice(["XFD1048576", "XFD1", "A1048576", "XFE1", "A1048577", "ZZZZ99999999"])
    if how == "cellref":
        refs = list(re.finditer(rb'<c r="([A-Z]+\d+)"', body))
        if refs:
            x = rng.choice(refs)
            body = body[:x.start(1)] + ref.encode() + body[x.end(1):]
            desc = f"a cell moved to {ref}"
        else:
            body = body.replace(b"</sheetData>", f'<row r="1048576"><c r="{ref}"><v>1</v></c></row></sheetData>'
                                .encode(), 1)
            desc = f"a cell added at {ref}"
    elif how == "dimension":
        dim = rng.choice(["A1:XFD1048576", "A1:XFD1", "A1:A1048576", "A1:ZZZZ9999999999"])
        if b"<dimension" in body:
            body = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dim}"'.encode(), body, count=1)
        else:
            body = re.sub(rb"(<worksheet[^>]*>)", rb'\1<dimension ref="' + dim.encode() + b'"/>', body, count=1)
        desc = f"dimension {dim}"
    elif how == "row":
        n = rng.choice(_HUGE)
        rows = list(re.finditer(rb'<row r="(\d+)"', body))
        if rows:
            x = rng.choice(rows)
            body = body[:x.start(1)] + str(n).encode() + body[x.end(1):]
        desc = f"row number {n}"
    elif how == "merge":
        span = rng.choice(["A1:XFD1048576", "A2:A1048576", "A1:XFD2"])
        m = f'<mergeCells count="1"><mergeCell ref="{span}"/></mergeCells>'.encode()
        if b"<mergeCells" in body:
            body = re.sub(rb"(<mergeCells[^>]*>)", rb'\1<mergeCell ref="' + span.encode() + b'"/>', body, count=1)
        else:
            body = body.replace(b"</sheetData>", b"</sheetData>" + m, 1)
        desc = f"merged range {span}"
    else:
        hi = rng.choice(_HUGE)
        c = f'<cols><col min="1" max="{hi}" width="9" hidden="1"/></cols>'.encode()
        body = re.sub(rb"<cols>.*?</cols>", b"", body, flags=re.S)
        body = body.replace(b"<sheetData", c + b"<sheetData", 1)
        desc = f"hidden columns 1-{hi}"
    members[k] = (info, body)
    return _rezip(members), desc


def m_ods_huge(rng, seed: Seed) -> tuple[bytes, str]:
    members = _members(seed.data)
    k = next(k for k, (i, _) in enumerate(members) if i.filename == "content.xml")
    info, body = members[k]
    n = rng.choice(_HUGE)
    if rng.random() < 0.5:
        what, tag = "columns", rb"<table:table-cell"
        attr = b' table:number-columns-repeated="%d"' % n
    else:
        what, tag = "rows", rb"<table:table-row"
        attr = b' table:number-rows-repeated="%d"' % n
    hits = [m.end() for m in re.finditer(tag + rb"(?=[ >/])", body)]
    if hits:
        # Prefer an element with content after it (a repeated *filled* cell or row is the costly case).
        at = rng.choice(hits)
        tail = body[at:]
        tail = re.sub(rb'^(\s[^>]*?)table:number-(columns|rows)-repeated="\d+"', rb"\1", tail, count=1)
        body = body[:at] + attr + tail
    members[k] = (info, body)
    return _rezip(members), f"number-{what}-repeated={n}"


def m_xls_dimensions(rng, seed: Seed) -> tuple[bytes, str]:
    """An .xls DIMENSIONS record (0x0200) claiming a huge sheet."""
    b = bytearray(seed.data)
    hits = [m.start() for m in re.finditer(rb"\x00\x02\x0e\x00", seed.data)]
    if not hits:
        return m_flip(rng, seed)
    at = rng.choice(hits) + 4
    last_row = rng.choice([0xFFFFFFFF, 0x7FFFFFFF, 1_048_576, 65536])
    last_col = rng.choice([0xFFFF, 0x4000, 256])
    struct.pack_into("<IIHH", b, at, 0, last_row, 0, last_col)
    return bytes(b), f"DIMENSIONS rows 0-{last_row}, columns 0-{last_col}"


def m_csv_bad_bytes(rng, seed: Seed) -> tuple[bytes, str]:
    b = bytearray(seed.data)
    bad = [b"\xff", b"\xfe", b"\x80", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc", b"\xc0\xaf", b"\xed\xa0\x80",
           b"\x00", b"\xd8\x00", b"\xdc\x00\x41"]
    n = rng.choice([1, 3, 10])
    for _ in range(n):
        at = rng.randrange(len(b) + 1)
        b[at:at] = rng.choice(bad)
    if rng.random() < 0.3:
        b = b[:len(b) - 1] if len(b) % 2 == 0 else b   # an odd length for UTF-16
    return bytes(b), f"{n} invalid byte sequences"


def m_csv_big(rng, seed: Seed) -> tuple[bytes, str]:
    how = rng.choice(["source", "source", "source-two", "notes", "wide", "long-field"])
    if how == "source":
        head = _csv_text(_CSV_ROWS[:9])
        return (head + "".join(f"Source: survey wave {i}\r\n" for i in range(300_000))).encode(), \
            "300,000 Source: rows under a table"
    if how == "source-two":
        return "".join(f"Source:,{i}\r\n" for i in range(300_000)).encode(), "300,000 rows 'Source:,N'"
    if how == "notes":
        body = "".join(f"Source: a\r\n\r\nCountry,Share\r\nX{i},{i % 100}%\r\n" for i in range(50_000))
        return body.encode(), "50,000 small tables each with a Source: row"
    if how == "wide":
        cols = rng.choice([20_000, 100_000])
        rows = [",".join(["Label"] + [f"C{j}" for j in range(cols)])]
        rows += [",".join([f"R{i}"] + [str((i * j) % 97) for j in range(cols)]) for i in range(rng.choice([3, 20]))]
        return ("\r\n".join(rows) + "\r\n").encode(), f"{cols:,} columns"
    n = rng.choice([1 << 20, 17 << 20])
    return (f"Country,Share\r\nChina,{'9' * n}\r\nJapan,41%\r\n").encode(), f"a {n:,}-character field"


# (name, weight, kinds it applies to)
MUTATORS = [
    ("flip", 18, None, m_flip),
    ("truncate", 10, None, m_truncate),
    ("zip-bad-crc", 6, {"xlsx", "ods", "zip"}, m_zip_bad_crc),
    ("zip-bad-method", 6, {"xlsx", "ods", "zip"}, m_zip_bad_method),
    ("zip-bad-version", 5, {"xlsx", "ods", "zip"}, m_zip_bad_version),
    ("zip-garble-stream", 6, {"xlsx", "ods", "zip"}, m_zip_garble_stream),
    ("zip-drop-member", 6, {"xlsx", "ods", "zip"}, m_zip_drop_member),
    ("zip-break-xml", 12, {"xlsx", "ods", "zip"}, m_zip_break_xml),
    ("xlsx-huge", 12, {"xlsx"}, m_xlsx_huge),
    ("ods-huge", 6, {"ods"}, m_ods_huge),
    ("xls-dimensions", 4, {"ole"}, m_xls_dimensions),
    ("csv-bad-bytes", 6, {"csv"}, m_csv_bad_bytes),
    ("csv-big", 1, {"csv"}, m_csv_big),
]


@dataclass
class Mutant:
    index: int
    seed: Seed
    mutations: list[str]
    data: bytes = field(repr=False)

    @property
    def name(self) -> str:
        return f"m{self.index:05d}-{self.mutations[0].split(':')[0]}{self.seed.ext}"

    def describe(self) -> str:
        return f"{self.seed.path.name}: " + " + ".join(self.mutations)


def make_mutant(seed_value: int, index: int, seeds: list[Seed], mutators=MUTATORS,
                round_robin: bool = False) -> Mutant:
    """Mutant `index` of `seed_value`: a mutation drawn by weight (round_robin: mutators in turn)."""
    rng = random.Random(f"{seed_value}:{index}")
    usable = [s for s in seeds if s.data]
    turn = index
    while True:
        if round_robin:
            name, _, kinds, fn = mutators[turn % len(mutators)]
            turn += 1
        else:
            name, _, kinds, fn = rng.choices(mutators, weights=[m[1] for m in mutators])[0]
        pool = [s for s in usable if kinds is None or s.kind in kinds]
        if pool:
            break
    seed = rng.choice(pool)
    data, desc = fn(rng, seed)
    mutations = [f"{name}: {desc}"]
    if name not in ("csv-big",) and data and rng.random() < 0.12:   # sometimes a second, generic one
        data, desc2 = m_flip(rng, Seed(seed.path, seed.kind, data))
        mutations.append(f"flip: {desc2}")
    return Mutant(index, seed, mutations, data)


# ---------------------------------------------------------------- running

@dataclass
class Run:
    command: str
    returncode: int | None      # None: killed after the timeout
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str
    outcome: str = ""


def run_command(cmd: list[str], timeout: float, mem_cap_gb: float, niceness: int, cwd: Path,
                no_sandbox: bool = False) -> Run:
    """Runs cmd in its own session; peak RSS from wait4 (the command and the children it waited for)."""
    prefix: list[str] = []
    if niceness and shutil.which("nice"):
        prefix += ["nice", "-n", str(niceness)]
    if mem_cap_gb and shutil.which("prlimit"):   # util-linux; without it, no cap
        prefix += ["prlimit", f"--as={int(mem_cap_gb * 1024**3)}", "--"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
        if no_sandbox:
            env["BRIEFING_NO_SANDBOX"] = "1"
        t0 = time.perf_counter()
        # nice and prlimit exec the command in place: wait4 below sees the command itself.
        p = subprocess.Popen(prefix + cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env,
                             start_new_session=True)
        box: dict = {}

        def wait():
            box["status"] = os.wait4(p.pid, 0)

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        waiter.join(timeout)
        timed_out = waiter.is_alive()
        if timed_out:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            waiter.join()
        seconds = time.perf_counter() - t0
        _, status, usage = box["status"]
        p.returncode = os.waitstatus_to_exitcode(status)   # reaped here, not by Popen
        try:   # a reader child the command left behind dies with its session
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        out.seek(0)
        err.seek(0)
        return Run(" ".join(cmd[-4:]), None if timed_out else p.returncode, seconds, usage.ru_maxrss / 1024,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


# The sandbox's catch-all (briefing/ingest/sandbox.py) names the exception class: a reader bug.
_UNHANDLED = re.compile(r"cannot be read \((?:[\w.]+(?:Error|Exception|Exit)|error|Panic\w*): ")


def classify(run: Run, file_name: str, command: str, timeout: float, max_rss_mb: float) -> str:
    rc, err = run.returncode, run.stderr
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("briefing: warning:")]
    if rc is None:
        return "over 30 s"
    if rc < 0 or rc == 134:
        return "aborted"
    if "Traceback" in err or ("PanicException" in err and len(lines) > 1):
        return "traceback"
    if "internal error" in err:
        return "internal error"
    if _UNHANDLED.search(err) or _UNHANDLED.search(run.stdout):
        return "reader exception"
    if run.max_rss_mb > max_rss_mb:
        return "over memory"
    if rc == 0:
        if command == "themes":
            try:
                json.loads(run.stdout)
            except ValueError:
                return "other exit"
        return "ok"
    if rc == 2:
        if command == "themes":
            try:
                json.loads(run.stdout)
                return "refused"
            except ValueError:
                return "refused" if len(lines) == 1 and file_name in lines[0] else "messy refusal"
        if len(lines) != 1:
            return "messy refusal"
        return "refused" if file_name in lines[0] else "refused (no file named)"
    return "other exit"


@dataclass
class Result:
    mutant: Mutant
    runs: list[Run]
    outcome: str


def run_mutant(m: Mutant, work: Path, timeout: float = TIMEOUT_S, mem_cap_gb: float = 8,
               niceness: int = 0, max_rss_mb: float = MAX_RSS_MB, no_sandbox: bool = False) -> Result:
    folder = Path(tempfile.mkdtemp(prefix=f"{m.index:05d}-", dir=work))
    try:
        path = folder / m.name
        path.write_bytes(m.data)
        cmd = briefing_cmd()
        runs = []
        for command, argv in (("themes", cmd + ["themes", "--json", str(path)]),
                              ("build", cmd + ["build", str(path), "-o", str(folder / "out.pdf")])):
            r = run_command(argv, timeout, mem_cap_gb, niceness, folder, no_sandbox)
            r.outcome = classify(r, m.name, command, timeout, max_rss_mb)
            runs.append(r)
        worst = min((r.outcome for r in runs), key=OUTCOMES.index)
        return Result(m, runs, worst)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def save_failure(res: Result, seed_value: int) -> Path:
    folder = CACHE / "failed"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"seed{seed_value}-{res.mutant.name}"
    path.write_bytes(res.mutant.data)
    with open(path.with_suffix(path.suffix + ".txt"), "w", encoding="utf-8") as f:
        f.write(f"{res.mutant.describe()}\noutcome: {res.outcome}\n")
        for r in res.runs:
            f.write(f"\n$ {r.command}\nexit {r.returncode}, {r.seconds:.1f} s, {r.max_rss_mb:.0f} MB, {r.outcome}\n"
                    f"{r.stderr[-4000:]}\n")
    return path


def fuzz(seed_value: int, count: int, *, jobs: int = 1, corpus: Path = DEFAULT_CORPUS, timeout: float = TIMEOUT_S,
         mem_cap_gb: float = 8, niceness: int = 0, max_rss_mb: float = MAX_RSS_MB, only: list[int] | None = None,
         mutators=MUTATORS, seeds: list[Seed] | None = None, on_result=None,
         no_sandbox: bool = False, round_robin: bool = False) -> list[Result]:
    """Makes and runs mutants 0..count-1 (or `only`) of seed_value; results in index order."""
    seeds = seeds if seeds is not None else load_seeds(corpus)
    work = CACHE / "work"
    work.mkdir(parents=True, exist_ok=True)
    indexes = only if only is not None else range(count)

    def one(i: int) -> Result:
        res = run_mutant(make_mutant(seed_value, i, seeds, mutators, round_robin), work, timeout, mem_cap_gb, niceness,
                         max_rss_mb, no_sandbox)
        if on_result:
            on_result(res)
        return res

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, indexes))


def table(results: list[Result]) -> str:
    counts = Counter(r.outcome for r in results)
    lines = ["| outcome | count |", "|---|---|"]
    for o in OUTCOMES:
        if counts[o] or o in ("ok", "refused", "aborted", "traceback", "internal error", "reader exception",
                                   "over 30 s", "over memory"):
            lines.append(f"| {LABELS[o]} | {counts[o]} |")
    lines.append(f"| **mutants** | {len(results)} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=1, help="mutants run at once (each runs its commands in turn)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds a command may take")
    ap.add_argument("--max-rss-mb", type=float, default=MAX_RSS_MB, help="peak memory counted as a failure")
    ap.add_argument("--mem-cap-gb", type=float, default=8, help="address-space cap of each command (0: none)")
    ap.add_argument("--nice", type=int, default=0, help="niceness added to each command")
    ap.add_argument("--only", type=lambda s: [int(x) for x in s.split(",")], default=None,
                    help="run just these mutant indexes (comma-separated)")
    ap.add_argument("--mutator", default="", help="only mutations whose name starts with this")
    ap.add_argument("--no-sandbox", action="store_true",
                    help="read in the command's own process (BRIEFING_NO_SANDBOX=1): reader bugs show raw")
    ap.add_argument("--keep", action="store_true", help="save every mutant run, not only the failures")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    mutators = [m for m in MUTATORS if m[0].startswith(args.mutator)] or MUTATORS
    seeds = load_seeds(args.corpus)
    print(f"{len(seeds)} seed files ({', '.join(f'{k} {n}' for k, n in sorted(Counter(s.kind for s in seeds).items()))}); "
          f"seed {args.seed}, {len(args.only) if args.only else args.count} mutants, {args.jobs} at once", flush=True)
    t0 = time.perf_counter()
    done = [0]
    lock = threading.Lock()

    def report(res: Result) -> None:
        with lock:
            done[0] += 1
            bad = res.outcome in FAILURES
            if bad or args.keep:
                saved = save_failure(res, args.seed)
            if bad:
                r = min(res.runs, key=lambda r: OUTCOMES.index(r.outcome))
                first = (r.stderr.strip().splitlines() or [""])[-1][:160]
                print(f"  #{res.mutant.index} {res.outcome}: {res.mutant.describe()[:150]}\n"
                      f"      {r.command.split()[0] if r.command else ''} exit {r.returncode} {r.seconds:.1f} s: {first}\n"
                      f"      saved {saved.relative_to(REPO)}", flush=True)
            elif not args.quiet and done[0] % 50 == 0:
                print(f"  {done[0]} done, {time.perf_counter() - t0:.0f} s", flush=True)

    results = fuzz(args.seed, args.count, jobs=args.jobs, corpus=args.corpus, timeout=args.timeout,
                   mem_cap_gb=args.mem_cap_gb, niceness=args.nice, max_rss_mb=args.max_rss_mb, only=args.only,
                   mutators=mutators, seeds=seeds, on_result=report, no_sandbox=args.no_sandbox)
    elapsed = time.perf_counter() - t0
    print()
    print(table(results))
    runs = [(r.max_rss_mb, r.seconds, res) for res in results for r in res.runs]
    if runs:
        peak = max(runs, key=lambda x: x[0])
        slow = max(runs, key=lambda x: x[1])
        print(f"\npeak memory of a command: {peak[0]:,.0f} MB (#{peak[2].mutant.index} {peak[2].mutant.describe()[:90]})")
        print(f"slowest command: {slow[1]:.1f} s (#{slow[2].mutant.index} {slow[2].mutant.describe()[:90]})")
    print(f"{len(results)} mutants in {elapsed:.0f} s")
    by = Counter((res.mutant.mutations[0].split(":")[0], res.outcome) for res in results if res.outcome in FAILURES)
    if by:
        print("\nfailures by mutation: " + ", ".join(f"{m} {o} {n}" for (m, o), n in sorted(by.items())))
    return 1 if any(res.outcome in FAILURES for res in results) else 0


if __name__ == "__main__":
    sys.exit(main())
