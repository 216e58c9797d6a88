"""Heading skeletons for each report kind, in the genre's hierarchy (一、 → （一） → 1.).

>>> print(outline("briefing", year=2025, issuer="青山县教育局").splitlines()[2])
一、工作开展情况
"""

from __future__ import annotations

from typing import Sequence

from govtext.themes import KIND_NAMES, KINDS, THEME_IDS

__all__ = ["outline", "THEME_HEADINGS"]

# One suggested (一)-level heading per theme, written by the govtext team.
THEME_HEADINGS: dict[str, str] = {
    "overview": "统筹谋划全局，各项工作协调推进",
    "political": "坚持政治引领，理论武装持续深化",
    "duties": "聚焦主责主业，服务保障提质增效",
    "economy": "聚力稳进提质，经济运行稳中向好",
    "reform": "深化改革创新，发展活力持续释放",
    "livelihood": "坚持以民为本，民生福祉不断增进",
    "ecology": "践行绿色发展，生态环境持续改善",
    "governance": "坚持依法行政，制度体系更加健全",
    "safety": "统筹发展和安全，社会大局和谐稳定",
    "team": "加强队伍建设，干部作风明显改进",
    "integrity": "从严正风肃纪，廉洁机关建设扎实推进",
    "problems": "存在的问题和不足",
    "plans": "下一步工作打算",
}

_CN = "一二三四五六七八九十"
_DEFAULT_MAIN = ("political", "duties", "reform", "governance", "team", "integrity")


def _n(i: int) -> str:
    return _CN[i] if i < 10 else "十" + _CN[i - 10]


def outline(kind: str, *, year: int | None = None, issuer: str = "", themes: Sequence[str] | None = None) -> str:
    """A heading skeleton for a report ``kind`` (see ``govtext.themes.KINDS``); the main-work part
    gets one （一）-level heading per theme in ``themes``. Bracketed lines are writing prompts."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; use one of {', '.join(KINDS)}")
    ths = list(themes or _DEFAULT_MAIN)
    bad = [t for t in ths if t not in THEME_IDS]
    if bad:
        raise ValueError(f"unknown theme {bad[0]!r}; valid ids: {', '.join(THEME_IDS)}")
    y = f"{year}年" if year else "××年"
    ny = f"{year + 1}年" if year else "下一年度"
    title = f"{issuer}{y}{KIND_NAMES[kind].split('/')[0]}" if kind != "gov_work_report" else f"{issuer}政府工作报告"
    subs = [f"（{_n(i)}）{THEME_HEADINGS[t]}" for i, t in enumerate(ths)]
    if kind == "work_summary":
        parts = [("【开头：时段、总体思路、总体成效；现将有关情况总结如下。】", []),
                 (f"{y}主要工作及成效", subs), ("存在的问题和不足", ["【两到三条具体不足，一是……二是……】"]),
                 (f"{ny}工作打算", ["【目标、重点任务、保障措施，力争……】"])]
    elif kind == "duty_report":
        parts = [("【开头：任职岗位、分管工作，现将履职情况报告如下。】", []), ("加强学习，政治素质不断提升", []),
                 ("履职尽责，主要工作成效", subs), ("严于律己，廉洁自律情况", []), ("存在的不足", []),
                 ("今后努力方向", [])]
    elif kind == "gov_work_report":
        parts = [("【开头：现在，我代表……政府，向大会报告工作，请予审议。】", []), (f"{y}工作回顾", subs),
                 (f"{ny}工作总体要求和主要目标", []), (f"{ny}重点工作", [f"（{_n(i)}）{THEME_HEADINGS[t]}" for i, t in enumerate(ths)]),
                 ("全面加强政府自身建设", [])]
    elif kind == "research_report":
        parts = [("【开头：调研的背景、时间、方式和范围。】", []), ("基本情况", []), ("主要做法和成效", subs),
                 ("存在的主要问题", []), ("原因分析", []), ("对策建议", [])]
    elif kind == "briefing":
        parts = [("【开头：按照……要求，现将……情况汇报如下。】", []), ("工作开展情况", subs), ("取得的成效", []),
                 ("存在的问题", []), ("下一步工作安排", [])]
    else:  # speech
        parts = [("【开头：会议的任务；讲几点意见。】", []), ("提高站位，充分认识做好工作的重要意义", []),
                 ("突出重点，扎实推进各项任务落地见效", subs), ("强化保障，确保各项部署落到实处", [])]
    lines = [title, ""]
    k = 0
    for head, children in parts:
        if head.startswith("【"):
            lines += [head, ""]
            continue
        lines.append(f"{_n(k)}、{head}")
        k += 1
        lines += children
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
