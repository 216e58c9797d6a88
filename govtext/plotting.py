"""Plot helpers: a real CJK font for matplotlib so Chinese labels never render as boxes."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_CANDIDATES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
               "SimHei", "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback", "AR PL UMing CN")


@lru_cache(maxsize=None)
def use_cjk_font() -> str | None:
    """Configure matplotlib to use an installed CJK font; returns its family name or ``None``."""
    import matplotlib
    from matplotlib import font_manager

    for extra in _extra_font_files():
        try:
            font_manager.fontManager.addfont(str(extra))
        except (OSError, RuntimeError):  # pragma: no cover - unreadable font file
            continue
    names = {f.name for f in font_manager.fontManager.ttflist}
    for fam in _CANDIDATES:
        if fam in names:
            matplotlib.rcParams["font.sans-serif"] = [fam, *matplotlib.rcParams.get("font.sans-serif", [])]
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["axes.unicode_minus"] = False
            return fam
    log.warning("no CJK font found: Chinese labels may render as boxes (apt-get install fonts-noto-cjk)")
    return None


def _extra_font_files() -> list[Path]:
    roots = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    out: list[Path] = []
    for r in roots:
        if r.is_dir():
            out += [p for p in r.rglob("*") if p.suffix.lower() in (".ttc", ".otf", ".ttf") and
                    any(k in p.name.lower() for k in ("cjk", "wqy", "droid", "han", "uming", "ukai"))]
    return out
