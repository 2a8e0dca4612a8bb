"""bench/directory.py's report: each page is compared with the bare view's slices around
it, and the goals table says met only when the ratio and the p99 both are. No load here."""

import pytest

from bench import directory


def run(rps: float, p99: float = 10.0, seconds: float = 1.0, p50: float = 1.0) -> dict:
    return {
        "rps": rps,
        "requests": round(rps * seconds),
        "duration": seconds,
        "errors": 0,
        "p50": p50,
        "p95": 5.0,
        "p99": p99,
    }


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


def test_slices_combine_into_one_run():
    # Two slices: 2 s at 1,000 requests/s and 1 s at 4,000; p99 12 ms in one.
    slices = [run(1000, seconds=2, p50=1.0), run(4000, p99=12.0, p50=3.0), run(2000, p50=2.0)]
    slices[2]["errors"] = 1

    whole = directory.combined(slices)

    assert whole["rps"] == (2000 + 4000 + 2000) / 4
    assert (whole["p50"], whole["p99"], whole["errors"]) == (2.0, 12.0, 1)


def test_each_page_is_compared_with_the_bare_slices_around_it():
    # The machine sped up and slowed down: the bare view's slices around the guide ran at
    # 1,000 and 3,000 requests/s; around the first page at 3,000 and 2,000.
    guide = {
        **directory.combined([run(500)]),
        "bare": directory.combined([run(1000), run(3000)])["rps"],
    }
    first = {
        **directory.combined([run(250)]),
        "bare": directory.combined([run(3000), run(2000)])["rps"],
    }
    bare = directory.bare_summary([run(1000), run(3000), run(3000), run(2000)])
    rows = [(directory.BARE[0], directory.BARE[1], bare), ("guide", "/guide/", guide),
            ("first page", "/mentors/", first)]  # fmt: skip
    assert (bare["rps"], bare["low"], bare["high"], bare["runs"]) == (2250, 1000, 3000, 4)

    # The first page's ratio is met (0.10×), its p99 is not (10 ms against 5).
    goals = {("cache on", "/guide/"): (0.25, None), ("cache on", "/mentors/"): (0.10, 5.0)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(directory, "GOALS", goals)
        text = report([("cache on", rows)])
    # page | path | req/s | p50 | p95 | p99 | bare req/s | × bare | × guide | errors
    assert row(text, "guide | `/guide/`")[6:9] == ["2000", "0.25", "1.00"]
    assert row(text, "first page | `/mentors/`")[6:9] == ["2500", "0.10", "0.50"]
    assert row(text, "bare Django view | `/`")[2] == "2250"
    assert "4 slices in this phase answered 1000 to 3000 requests/s" in text
    assert row(text, "`/guide/` (cache on)")[1:] == ["0.25×", "≥ 0.25×", "10", "–", "yes"]
    assert row(text, "`/mentors/` (cache on)")[1:] == ["0.10×", "≥ 0.10×", "10", "≤ 5", "**no**"]
