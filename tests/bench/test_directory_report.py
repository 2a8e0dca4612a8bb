"""bench/directory.py's report: each page is compared with the bare view's runs beside it,
and the goals table says met only when the ratio and the p99 both are. No load here."""

import pytest

from bench import directory


def run(rps: float, p99: float = 10.0) -> dict:
    return {"rps": rps, "errors": 0, "p50": 1.0, "p95": 5.0, "p99": p99}


def report(phases) -> str:
    return directory.render_report(
        phases,
        workers=5,
        seconds=10,
        seeding=0,
        load_before=(1.0, 1.0, 1.0),
        load_after=(2.0, 2.0, 2.0),
        tool="wrk",
    )


def row(text: str, start: str) -> list[str]:
    """The cells of the table row whose first cells are ``start``."""
    line = next(line for line in text.splitlines() if line.startswith(f"| {start} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_each_page_is_compared_with_the_bare_runs_beside_it():
    # The machine sped up and slowed down: 1,000, then 3,000, then 2,000 requests/s.
    measured = [("guide", "/guide/", run(500)), ("first page", "/mentors/", run(250))]
    rows = directory.beside_bare(measured, [run(1000), run(3000), run(2000)])
    assert rows[1][2]["bare"] == 2000  # between 1,000 and 3,000
    assert rows[2][2]["bare"] == 2500  # between 3,000 and 2,000
    bare = rows[0][2]
    assert (bare["rps"], bare["low"], bare["high"], bare["runs"]) == (2000, 1000, 3000, 3)

    # The first page's ratio is met (0.10×), its p99 is not (10 ms against 5).
    goals = {("cache on", "/guide/"): (0.25, None), ("cache on", "/mentors/"): (0.10, 5.0)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(directory, "GOALS", goals)
        text = report([("cache on", rows)])
    # page | path | req/s | p50 | p95 | p99 | bare req/s | × bare | × guide | errors
    assert row(text, "guide | `/guide/`")[6:9] == ["2000", "0.25", "1.00"]
    assert row(text, "first page | `/mentors/`")[6:9] == ["2500", "0.10", "0.50"]
    assert row(text, "bare Django view | `/`")[2] == "2000"
    assert "answered 1000 to 3000 requests/s" in text
    assert row(text, "`/guide/` (cache on)")[1:] == ["0.25×", "≥ 0.25×", "10", "–", "yes"]
    assert row(text, "`/mentors/` (cache on)")[1:] == ["0.10×", "≥ 0.10×", "10", "≤ 5", "**no**"]


def test_a_missing_bare_run_is_refused():
    with pytest.raises(ValueError, match="one bare run"):
        directory.beside_bare([("guide", "/guide/", run(500))], [run(1000)])
