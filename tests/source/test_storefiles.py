"""The pre-read that lets a store load of N-Triples or N-Quads skip its bounds scan."""

from __future__ import annotations

from pathlib import Path

from bilateral.graph.source.storefiles import lines_within

CHUNK = 1 << 22  # what lines_within reads at a time
TRIPLE = b"<http://a> <http://b> <http://c> .\n"


def _file(tmp_path: Path, data: bytes) -> Path:
    f = tmp_path / "f.nt"
    f.write_bytes(data)
    return f


def test_a_blank_node_split_across_two_reads_is_seen(tmp_path: Path) -> None:
    pad = TRIPLE * (CHUNK // len(TRIPLE))
    pad += b"#" * (CHUNK - 1 - len(pad)) + b"\n"  # a comment line up to the last byte
    assert len(pad) == CHUNK
    split = pad[:-1] + b"_" + b":x <http://b> <http://c> .\n"  # '_' ends the first read
    assert lines_within(_file(tmp_path, pad + TRIPLE), 1 << 23)
    assert not lines_within(_file(tmp_path, split), 1 << 23)


def test_a_long_line_across_reads_is_seen(tmp_path: Path) -> None:
    line = b'<http://a> <http://b> "' + b"z" * (CHUNK + 10) + b'" .\n'
    f = _file(tmp_path, TRIPLE + line + TRIPLE)
    assert not lines_within(f, CHUNK)
    assert lines_within(f, CHUNK + 100)


def test_the_last_line_without_a_line_break_counts(tmp_path: Path) -> None:
    f = _file(tmp_path, TRIPLE + b'<http://a> <http://b> "' + b"z" * 200 + b'" .')
    assert not lines_within(f, 100)
    assert lines_within(f, 300)
