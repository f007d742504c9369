#!/usr/bin/env python3
"""Regenerates every golden fixture from real PyTorch: runs each generator in tools/fixtures/ in turn.

  python3 tools/make_fixtures.py            all areas
  python3 tools/make_fixtures.py nn repr    only these areas (tools/fixtures/<area>.py)

Each generator writes JSON into Tests/Fixtures/<area>/ (the language corpus into Tests/UnrollLangTests/Corpus/).
Needs `pip install torch numpy safetensors` (some areas also pandas/matplotlib/torchmetrics); never run in CI.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent / "fixtures"
wanted = sys.argv[1:]
scripts = sorted(here.glob("*.py"))
if wanted:
    known = {s.stem: s for s in scripts}
    missing = [w for w in wanted if w not in known]
    if missing:
        sys.exit(f"no generator for {', '.join(missing)} (have: {', '.join(sorted(known))})")
    scripts = [known[w] for w in wanted]
failed = []
for script in scripts:
    print(f"== {script.name}", flush=True)
    if subprocess.run([sys.executable, str(script)]).returncode != 0:
        failed.append(script.name)
if failed:
    sys.exit(f"failed: {', '.join(failed)}")
