"""The Chinese catalogue: message id -> text, `{name}` a placeholder the caller fills (profiles.texts.t).
Ids read `<where>.<what>`; a placeholder named after a kind's list (`{projects}`) takes its label from
profiles.kinds. Keep one message per sentence or phrase a translation may need to reorder."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # --- joining words (a list's separator, "and") ---
    "list.sep": "、",
    "list.and": "和",
    "list.dot": " · ",
    "list.last": "{rest}与{last}",
    "dates.range": "{first} 至 {last}",
    # --- sources, as every image names them (profiles.headline.source_line) ---
    "source.line": "{publisher}《{title}》，{date}",
    # --- a goal's target (profiles.present) ---
    "target.growth": "{target}（增速）",
    # --- map titles and alt texts (profiles.present) ---
    "map.title": "{name}园区与{projects}地图",
    "map.title.city": "{city}各区园区与{projects}地图",
    "map.image.title": "{name}产业园区与{projects}",
    "map.image.title.city": "{city}{count}个区的产业园区与{projects}",
    "map.image.whole_city": "全市",
    "map.caption": "{name}产业园区与{projects}地图",
    "map.caption.city": "广州市 {count} 区产业园区与{projects}地图",
    "map.alt": "静态地图「{title}」：显示{where}{marks}。位置为大致示意，详细信息见网页列表。",
    "map.alt.where.one": "{name}的边界（浅蓝色）及相邻区域",
    "map.alt.where.many": "{count}个区的边界（{names}）",
    "map.alt.where.none": "所选范围",
    "map.alt.parks": "{count}个产业园区或片区（绿色方块）",
    "map.alt.projects": "{count}个{projects}（橙色圆点）",
    "map.alt.marks": "，并标出{what}的位置",
    "map.alt.no_marks": "，图中未标注园区或项目",
    # --- headline figure cards, counts and sentences (profiles.headline) ---
    "card.kind.goal": "目标",
    "card.kind.indicator": "已公布",
    "card.label.growth": "{metric}增速",
    "coverage.count": "{count} {unit}{kind}",
    "coverage.roles": "定位",
    "coverage.missing": "来源尚未覆盖{name}的{parts}。",
    "goals.year": " {year} 年",
    "goals.by_year": "（{years}）",
    "goals.by_year.one": "{year} 年 {count} 项",
    "goals.numeric.all": "全部有数字指标",
    "goals.numeric.the_one": "有数字指标",
    "goals.numeric.none": "均没有数字指标",
    "goals.numeric.not_the_one": "没有数字指标",
    "goals.numeric.some": "其中 {count} 项有数字指标",
    "goals.sentence": "{name}公布了 {count} 项{year}目标{by_year}，{tail}。",
    "goals.status.unreported": "来源尚未报道这些目标的进展。",
    "goals.status.unreported.one": "来源尚未报道这一目标的进展。",
    "indicators.sentence": "来源报道了{name} {count} 项已达成的数字（截至 {when}）。",
    "role.system": "“{label}”{name}",
    # --- a district page: its sections, title and description (profiles.pages.profile) ---
    "system.short": "产业体系",
    "section.map": "地图",
    "section.about": "概况",
    "section.system": "现代化产业体系",
    "section.city_goals": "适用于各区的全市目标",
    "section.wanted": "资料待补充",
    "section.changes": "更新记录",
    "section.sources": "出处",
    "page.title": "{name}：{parts}",
    "page.title.thin": "{name}：基本情况与待补充资料",
    "page.description.head": "{name}（{en}）区情",
    "page.description": "{head}：{counts}，每条都注明出处。",
    "page.description.thin": "{head}：{missing}欢迎补充有来源的资料。",
    "share.alt.figure": "{label} {value}{unit}（{when}{verdict}）",
    "share.alt.figure.verdict": "，{verdict}",
}
