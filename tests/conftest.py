import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# the corpus-index cache goes to a throwaway folder, not the user's ~/.cache
if "GOVTEXT_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["GOVTEXT_CACHE_DIR"] = tempfile.mkdtemp(prefix="govtext-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir) -> Path:
    p = shared_dir / "reference" / "seed_work_summary.txt"
    if not p.exists():
        pytest.skip("seed report absent")
    return p
