"""Run every benchmark in turn (`make bench`); each one cleans up after itself."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["directory.py", "reminders.py", "reports.py", "load.py"]


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        print(f"\n== {name} ==", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / name), *sys.argv[1:]]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
