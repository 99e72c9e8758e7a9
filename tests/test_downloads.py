"""The events table as downloads that fit: one file per format while it is small, parts by year,
month and piece past the limit, every file also gzipped (the same bytes every time), and an index
that says what each file holds; the Data page links them all with their sizes."""

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT

from generator import downloads as dl
from generator.corpus import default_catalog
from generator.exports import events_csv, events_json
from generator.labels import size_text
from generator.pipeline import build


@pytest.fixture(scope="module")
def seeds_build():
    return build(ROOT / "seeds", default_catalog([ROOT / "seeds"]), workers=1, today=dt.date(2026, 1, 1))


def _day(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


# --- the plan, on made-up sizes ------------------------------------------------------------------


def test_a_table_within_the_limit_is_one_part():
    days = [_day("2016-03-01"), _day("2017-05-02"), None]
    (part,) = dl.plan(days, [1000, 1000, 1000], limit=10_000)
    assert (part.key, part.rows, part.first, part.last) == ("all", [0, 1, 2], days[0], days[1])


def test_a_large_table_is_split_in_whole_periods_packed_while_they_fit():
    # 2013-2014: small years packed; 2015 too large: July alone, August by days, 5 September (one
    # day over the limit) in numbered pieces; 2016 alone; the undated reports fit in one part
    days = ([_day("2013-05-01")] * 2 + [_day("2014-02-01")] * 2 + [_day("2015-07-20")] * 3
            + [_day(f"2015-08-{d:02d}") for d in range(1, 10)] + [_day("2015-09-05")] * 4 + [_day("2016-01-01")]
            + [None] * 4)
    sizes = [3000] * 7 + [4000] * 13 + [1000] + [3000] * 4
    limit = 4096 + 12_000
    parts = dl.plan(days, sizes, limit)
    assert [p.key for p in parts] == ["2013--2014", "2015-07", "2015-08-01--2015-08-03", "2015-08-04--2015-08-06",
                                      "2015-08-07--2015-08-09", "2015-09-05_1", "2015-09-05_2", "2016", "undated"]
    assert [(p.start, p.end, p.piece) for p in parts][:2] == [("2013", "2014", None), ("2015-07", "2015-07", None)]
    assert [(p.piece, len(p.rows)) for p in parts[5:7]] == [(1, 3), (2, 1)]
    assert (parts[3].first, parts[3].last, parts[3].year) == (_day("2015-08-04"), _day("2015-08-06"), 2015)
    assert parts[0].year is None and parts[-1].first is None and parts[-1].start is None
    # every row once, in order, and no part over the limit
    assert [i for p in parts for i in p.rows] == list(range(len(days)))
    assert all(sum(sizes[i] for i in p.rows) <= limit - 4096 for p in parts)


# --- the files, on the seeds' chronology --------------------------------------------------------


def test_small_sites_keep_one_stable_url_per_format(seeds_build):
    d = dl.Downloads(seeds_build.entries, seeds_build.gazetteer)
    files = {f.path: f for f in d.files}
    assert set(files) == {"events.json", "events.json.gz", "events.csv", "events.csv.gz"}
    assert d.data(files["events.json"]).decode() == events_json(seeds_build.entries, seeds_build.gazetteer)
    assert d.data(files["events.csv"]).decode() == events_csv(seeds_build.entries, seeds_build.gazetteer)


@pytest.mark.parametrize("limit", [20_000, 40_000, 90_000])
def test_split_parts_hold_the_whole_table_and_fit(seeds_build, limit):
    entries, gaz = seeds_build.entries, seeds_build.gazetteer
    d = dl.Downloads(entries, gaz, limit=limit)
    assert len(d.parts) > 1 and all(f.path.startswith("events/") for f in d.files)
    made = {f.path: d.data(f) for f in d.files}
    assert max(len(b) for b in made.values()) <= limit
    whole = json.loads(events_json(entries, gaz))
    parts_json = [row for f in d.files if f.format == "json" and not f.gzipped for row in json.loads(made[f.path])]
    assert parts_json == whole
    whole_csv = list(csv.reader(io.StringIO(events_csv(entries, gaz))))
    rows = []
    for f in d.files:
        if f.format == "csv" and not f.gzipped:
            table = list(csv.reader(io.StringIO(made[f.path].decode())))
            assert table[0] == whole_csv[0]
            rows += table[1:]
    assert rows == whole_csv[1:]
    # each part's days are those of its events
    for f in d.files:
        if f.format == "json" and not f.gzipped and f.part.first:
            starts = [r["date_start"] for r in json.loads(made[f.path])]
            assert (min(starts), max(starts)) == (f.part.first.isoformat(), f.part.last.isoformat())
            assert f.part.key.startswith(f.part.start) and f.part.first.isoformat().startswith(f.part.start)
            assert f.part.last.isoformat().startswith(f.part.end)


def test_gzip_files_are_the_plain_ones_with_no_name_and_no_time(seeds_build):
    d = dl.Downloads(seeds_build.entries, seeds_build.gazetteer, limit=60_000)
    plain = {f.path: d.data(f) for f in d.files if not f.gzipped}
    for f in d.files:
        if f.gzipped:
            data = d.data(f)
            assert gzip.decompress(data) == plain[f.path[: -len(".gz")]]
            flags, mtime = data[3], int.from_bytes(data[4:8], "little")
            assert flags & 0x08 == 0 and mtime == 0  # no FNAME, no time
    again = dl.Downloads(seeds_build.entries, seeds_build.gazetteer, limit=60_000)
    assert {f.path: again.data(f) for f in again.files} == {f.path: d.data(f) for f in d.files}


def test_the_index_lists_every_file_with_rows_bytes_and_sha256(seeds_build):
    d = dl.Downloads(seeds_build.entries, seeds_build.gazetteer, limit=60_000)
    made = {f.path: d.data(f) for f in d.files}
    index = json.loads(d.index())
    assert index["split"] is True and index["events"] == len(seeds_build.entries)
    assert [x["path"] for x in index["files"]] == list(made)
    for x in index["files"]:
        data = made[x["path"]]
        assert x["bytes"] == len(data) and x["sha256"] == hashlib.sha256(data).hexdigest()
        plain = gzip.decompress(data) if x["gzip"] else data
        n = len(json.loads(plain)) if x["format"] == "json" else len(plain.decode().splitlines()) - 1
        assert x["rows"] == n, x["path"]
    assert sum(x["rows"] for x in index["files"] if x["format"] == "json" and not x["gzip"]) == index["events"]


# --- the Data page -------------------------------------------------------------------------------


def test_the_data_page_links_every_download_with_its_size(built_site):
    index = json.loads((built_site / "events-index.json").read_text(encoding="utf-8"))
    page = (built_site / "data/index.html").read_text(encoding="utf-8")
    for x in index["files"]:
        assert (built_site / x["path"]).stat().st_size == x["bytes"]
        path, name = re.escape(x["path"]), re.escape(x["path"].rsplit("/", 1)[-1])
        # (pages are minified: attribute values may have lost their quotes)
        link = re.search(rf'<a href="?(\.\./{path})"?><code>{name}</code></a> '
                         rf'<span class="?waqai-nb"?>\(([^)]*)\)', page)
        assert link, x["path"]
        assert unescape(link.group(2)) == size_text(x["bytes"])
    assert re.search(r'<a href="?\.\./events-index\.json"?>', page)


def test_a_split_table_is_linked_part_by_part(seeds_build, monkeypatch):
    from generator.labels import date_text, month_text
    from generator.render import render

    monkeypatch.setattr(dl, "LIMIT", 20_000)
    pages = render(seeds_build)
    index = json.loads(pages["events-index.json"])
    assert index["split"] and "events.json" not in pages
    text = unescape(pages["data.md"])
    for x in index["files"]:
        if x["gzip"]:
            assert gzip.decompress(pages[x["path"]]) == pages[x["path"][: -len(".gz")]]
        assert f"[`{x['path'].removeprefix('events/')}`]({x['path']})" in text
    # periods (a day, an interval of days or months), a day in pieces, the undated reports in
    # pieces: each part named in Arabic from its own period (which parts arise depends on the
    # seeds' events, so the kinds are asked for, not the keys)
    def one(v: str) -> str:
        return month_text(*map(int, v.split("-"))) if len(v) == 7 else date_text(dt.date.fromisoformat(v))

    kinds = set()
    for x in index["files"]:
        if x["from"] is None:
            base, kind = "أخبار بلا تاريخ", "undated"
        elif x["from"] == x["to"]:
            base, kind = one(x["from"]), "one period"
        else:
            base, kind = f"من {one(x['from'])} إلى {one(x['to'])}", "interval"
        label = f"{base}، الجزء {x['piece']}" if x["piece"] else base
        kinds.add(kind + (" in pieces" if x["piece"] else ""))
        assert f"- **{label}**، " in text, label
    assert {"one period", "interval", "one period in pieces", "undated in pieces"} <= kinds


def test_every_field_and_column_is_explained_on_the_data_page(seeds_build):
    from generator.chronology import entry_json
    from generator.exports import ACLED_COLUMNS, EXTRA_COLUMNS
    from generator.labels import labels

    words = labels()["data_page"]
    assert list(words["csv_columns"]) == ACLED_COLUMNS + EXTRA_COLUMNS
    keys = {k for en in seeds_build.entries for k in entry_json(en, seeds_build.gazetteer)}
    assert set(words["json_fields"]) == keys


def test_cli_render_writes_the_gzipped_files_as_bytes(tmp_path):
    from generator.__main__ import main

    assert main(["render", str(ROOT / "seeds"), "--out", str(tmp_path), "--cache", str(tmp_path / ".cache")]) == 0
    assert json.loads(gzip.decompress((tmp_path / "events.json.gz").read_bytes())) == json.loads(
        (tmp_path / "events.json").read_text(encoding="utf-8"))
    assert Path(tmp_path / "events-index.json").exists()


def test_a_warm_build_takes_the_plan_from_the_last_index_without_serialising(seeds_build):
    entries, gaz = seeds_build.entries, seeds_build.gazetteer
    fresh = dl.Downloads(entries, gaz, limit=40_000)
    made = {f.path: fresh.data(f) for f in fresh.files}
    index = fresh.index()
    warm = dl.Downloads(entries, gaz, limit=40_000, known=index)
    assert [(f.path, f.rows, f.meta, f.part.key, f.part.first) for f in warm.files] == [
        (f.path, f.rows, f.meta, f.part.key, f.part.first) for f in fresh.files]
    assert [p.key for p in warm.parts] == [p.key for p in fresh.parts] and warm.index() == index
    assert "_lines" not in warm.__dict__  # nothing serialised for a build that changed nothing
    # a file that has to be made again (deleted from the cache) comes out the same
    assert {f.path: warm.data(f) for f in warm.files[:3]} == {k: made[k] for k in list(made)[:3]}
    # a damaged index is no plan: the table is planned again
    broken = dl.Downloads(entries, gaz, limit=40_000, known='{"files": [{"path": 1}]}')
    assert [f.path for f in broken.files] == list(made) and broken.index() == index
