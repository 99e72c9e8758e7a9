"""The shared seed gold (a copy in tests/gold/), scored by its own script against seeds/."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def score(mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(GOLD / "score.py"), mode, str(GOLD / "seeds-gold.yaml"), str(ROOT / "seeds"),
         "--min", "1.0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def test_seed_dates_score_perfectly():
    proc = score("dates")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "recall 1.000 precision 1.000" in proc.stdout
