"""The 13 section themes of ``THEMES.md`` and the report kinds.

>>> THEMES["integrity"].name
'党风廉政'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Theme", "THEMES", "THEME_IDS", "KINDS", "KIND_NAMES", "theme_name"]


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str
    cues: tuple[str, ...]


_T = [
    Theme("overview", "总体概述", "开篇与总括：时段、总体思路、总体成效、“现将……报告如下”、全文总结",
          ("现将", "总结如下", "报告如下", "总体来看", "一年来", "过去一年", "总的来看", "回顾")),
    Theme("political", "政治建设", "政治立场、理论学习、理想信念、党建活动、主题教育、意识形态",
          ("理论学习", "政治站位", "理想信念", "四个意识", "两个维护", "党性", "主题教育", "意识形态", "党建")),
    Theme("duties", "履职尽责", "本职业务：办文办会、督查督办、综合协调、会务接待、服务领导和基层、外事侨务",
          ("以文辅政", "督查", "协调", "会务", "办文办会", "接待", "服务领导", "督办", "文稿", "外事")),
    Theme("economy", "经济发展", "增长、项目、投资、招商引资、产业、财税金融、旅游消费、营商环境成效",
          ("GDP", "生产总值", "增长", "项目", "招商", "产业", "财政收入", "固定资产投资", "消费", "工业")),
    Theme("reform", "改革开放", "改革、放管服、对外开放、创新体系、数字政府、试点",
          ("改革", "放管服", "一网通办", "试点", "创新驱动", "开放", "审批", "体制", "自贸")),
    Theme("livelihood", "民生保障", "就业、教育、医疗、社保、住房、养老、帮扶、惠民工程、文化体育公共服务",
          ("就业", "教育", "医疗", "社保", "养老", "惠民", "困难群众", "住房", "救助", "学校")),
    Theme("ecology", "生态环保", "生态保护、污染防治、绿色发展、河湖长制、双碳",
          ("生态", "环保", "污染防治", "河长制", "绿色", "双碳", "排放", "空气质量", "植树")),
    Theme("governance", "法治与制度建设", "法治、合法性审查、复议诉讼、执法证、制度机制、内部管理与规范化",
          ("合法性审查", "行政复议", "执法证", "制度", "机制", "规范", "流程", "法治", "依法")),
    Theme("safety", "安全稳定", "应急管理、人防、安全生产、防灾减灾、治安、维稳、风险防范、国防与公共卫生应急",
          ("应急", "人防", "安全生产", "防汛", "维稳", "风险隐患", "消防", "治安", "隐患")),
    Theme("team", "队伍与作风建设", "干部选任培训、班子团结、民主集中制、作风、队伍能力",
          ("干部", "班子", "民主集中制", "作风", "队伍", "团结", "培训", "人才")),
    Theme("integrity", "党风廉政", "廉政、纪律、八项规定、三公经费、反腐败、廉洁自律",
          ("廉政", "廉洁", "八项规定", "三公经费", "纪律", "红线", "底线", "腐败", "警示教育")),
    Theme("problems", "问题不足", "不足、差距、仍存风险、自我批评",
          ("不足", "差距", "问题", "有待", "还不够", "薄弱", "短板", "不够", "仍然")),
    Theme("plans", "下一步打算", "下一阶段的计划、目标、承诺与结尾表态",
          ("下一步", "今后", "将继续", "计划", "力争", "努力", "明年", "着力", "持续")),
]

THEMES: dict[str, Theme] = {t.id: t for t in _T}
THEME_IDS: tuple[str, ...] = tuple(THEMES)

KIND_NAMES: dict[str, str] = {
    "work_summary": "工作总结",
    "duty_report": "述职报告",
    "gov_work_report": "政府工作报告",
    "research_report": "调研报告",
    "briefing": "工作汇报",
    "speech": "讲话稿",
}
KINDS: tuple[str, ...] = tuple(KIND_NAMES)


def theme_name(theme_id: str) -> str:
    """Chinese name of a theme id; raises ``KeyError`` with the valid ids."""
    try:
        return THEMES[theme_id].name
    except KeyError:
        raise KeyError(f"unknown theme {theme_id!r}; valid ids: {', '.join(THEME_IDS)}") from None
