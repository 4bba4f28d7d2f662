"""The case as the domain sees it: plain dataclasses shared by the rules, checklists, scoring, storage and UI.

The field names follow the interchange format `casecheck.case/1` one to one, so that a case read from a file,
a case loaded from the database and a case built in the editor are the same object and are judged the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CASE_TYPES: dict[str, str] = {
    "criminal.arrest_review": "审查逮捕",
    "criminal.prosecution_review": "审查起诉",
    "civil.judgment_supervision": "民事生效裁判监督",
    "civil.enforcement_termination": "终本执行监督",
    "administrative.litigation_supervision": "行政诉讼监督",
    "administrative.reverse_referral": "行刑反向衔接",
    "public_interest.civil": "民事公益诉讼",
    "public_interest.administrative": "行政公益诉讼",
    "foreign.judicial_assistance": "国际刑事司法协助",
}

CASE_TYPE_GROUPS: dict[str, str] = {
    "criminal": "刑事",
    "civil": "民事",
    "administrative": "行政",
    "public_interest": "公益诉讼",
    "foreign": "涉外",
}

EVIDENCE_CATEGORIES: dict[str, str] = {
    "physical": "物证",
    "documentary": "书证",
    "witness_testimony": "证人证言",
    "victim_statement": "被害人陈述",
    "suspect_statement": "犯罪嫌疑人、被告人供述和辩解",
    "expert_opinion": "鉴定意见",
    "investigation_record": "勘验、检查、辨认、侦查实验等笔录",
    "audiovisual": "视听资料",
    "electronic_data": "电子数据",
}

#: The documented evidence `attributes` (case-format.md and docs/case-format-extensions.md) in words, so that no
#: view shows `notified_to_suspect：True`. A yes/no key maps to (prefix, (text for true, text for false)); a coded
#: key to (prefix, {code: text}); a text key to its prefix alone.
_HAVE = ("有", "无")
_YES = ("是", "否")
EVIDENCE_BOOL_ATTRIBUTES: dict[str, tuple[str, tuple[str, str]]] = {
    "admits_guilt": ("", ("供述（认罪）", "辩解（不认罪）")),
    "audio_video_recorded": ("同步录音录像：", _HAVE),
    "video_recorded": ("全程录像：", _HAVE),
    "witness_present": ("见证人在场：", _YES),
    "signed": ("签名盖章：", _HAVE),
    "via_judicial_assistance": ("", ("经刑事司法协助取得", "非经刑事司法协助取得")),
    "use_consent": ("被请求国同意另作他用：", _YES),
    "recording_discrepancy": ("笔录与录音录像有重大实质性差异：", _YES),
    "sealed": ("封存移送：", _YES),
    "notified_to_suspect": ("鉴定意见已告知犯罪嫌疑人：", _YES),
    "notified_to_victim": ("鉴定意见已告知被害人：", _YES),
    "procedural_defect": ("收集程序有瑕疵：", _YES),
    "defect_remedied": ("瑕疵已补正或作出合理解释：", _YES),
}
EVIDENCE_CODED_ATTRIBUTES: dict[str, tuple[str, dict[str, str]]] = {
    "place": ("讯问地点：", {"detention_center": "看守所", "other": "看守所以外"}),
    "witness_role": ("见证人：", {"citizen": "普通公民", "police": "侦查人员", "auxiliary_police": "辅警",
                                 "interested_party": "利害关系人", "other": "其他人员"}),
    "material_type": ("材料类型：", {"surrender_merit": "自首、坦白、立功材料", "arrest_account": "到案经过"}),
}
EVIDENCE_TEXT_ATTRIBUTES: dict[str, str] = {
    "hash_value": "校验值：",
    "hash_recomputed": "复核校验值：",
    "hash_algorithm": "校验算法：",
    "permitted_use": "限定用于：",
    "interrogator_count": "讯问人员人数：",
    "collector_count": "收集、提取人员人数：",
}


def evidence_attribute_text(key: str, value: Any) -> str:
    """One attribute as a person reads it; an unknown key keeps its name, but a yes/no value still reads 是/否.

    An empty text value gives "" so that the caller can leave it out.
    """
    if key in EVIDENCE_BOOL_ATTRIBUTES and isinstance(value, bool):
        prefix, (yes, no) = EVIDENCE_BOOL_ATTRIBUTES[key]
        return prefix + (yes if value else no)
    if key in EVIDENCE_CODED_ATTRIBUTES:
        prefix, codes = EVIDENCE_CODED_ATTRIBUTES[key]
        return prefix + codes.get(str(value), str(value))
    if key in EVIDENCE_TEXT_ATTRIBUTES:
        return EVIDENCE_TEXT_ATTRIBUTES[key] + str(value).strip() if str(value).strip() else ""
    if isinstance(value, bool):
        return f"{key}：{'是' if value else '否'}"
    return f"{key}：{value}"


EVENT_KINDS: dict[str, str] = {
    "detained_in_center": "送交看守所羁押",
    "arrest_decided": "作出批准/不批准逮捕决定",
    "transferred_for_prosecution": "移送审查起诉",
    "returned_for_investigation": "退回补充侦查",
    "resubmitted": "补充侦查完毕重新移送",
    "review_extended": "审查起诉期限延长",
    "prosecution_decided": "作出起诉/不起诉决定",
    "non_prosecution_decided": "作出不起诉决定",
    "opinion_referred": "检察意见移送主管机关",
    "execution_filed": "执行立案",
    "property_control": "财产查控措施",
    "applicant_interviewed": "约谈申请执行人",
    "termination_ruled": "终结本次执行程序裁定",
    "property_queried": "终本后财产查询",
    "assistance_requested": "对外提出刑事司法协助请求",
    "preliminary_detention": "对监察机关移送的留置案件犯罪嫌疑人先行拘留",
    "detention_decision_extended": "先行拘留后作出强制措施决定的时间延长",
    "coercive_measure_decided": "作出逮捕、取保候审或者监视居住的决定",
    "psychiatric_evaluation_started": "精神病鉴定开始",
    "psychiatric_evaluation_ended": "精神病鉴定结束",
    "detention_necessity_suggested": "羁押必要性审查后建议释放或者变更强制措施",
    "detention_necessity_replied": "有关机关通知羁押必要性审查建议处理情况",
    "supervision_decided": "作出提出或者不予提出检察建议、抗诉的决定",
    "suggestion_served": "诉前检察建议书送达行政机关",
    "suggestion_replied": "行政机关书面回复检察建议",
    "public_notice_issued": "民事公益诉讼诉前公告",
    "lawsuit_filed": "提起公益诉讼",
    "property_clue_provided": "申请执行人提供财产线索",
    "property_clue_checked": "人民法院调查核实财产线索",
    "defense_right_notified": "告知犯罪嫌疑人有权委托辩护人",
    "victim_rights_notified": "告知被害人及其法定代理人或者近亲属有权委托诉讼代理人",
    "funds_received": "执行款到账",
    "funds_paid": "执行款发放",
    "referral_transferred": "移送行政检察部门（行刑反向衔接）",
    "referral_reviewed": "行政检察部门审查终结（行刑反向衔接）",
}

#: Who a person or body in `parties` is in the case (case-format.md `parties[].role`).
PARTY_ROLES: dict[str, str] = {
    "suspect": "犯罪嫌疑人",
    "defendant": "被告人",
    "victim": "被害人",
    "witness": "证人",
    "applicant": "申请人",
    "respondent": "被申请人",
    "agency": "有关机关",
    "other": "其他",
}

POSSIBLE_SENTENCES: dict[str, str] = {
    "death": "死刑",
    "life": "无期徒刑",
    "over_10y": "十年以上有期徒刑",
    "3_to_10y": "超过三年、不满十年有期徒刑",
    "1_to_3y": "超过一年、三年以下有期徒刑",
    "under_1y": "一年以下有期徒刑、拘役、管制或单处附加刑",
}

#: Sentences "above three years" (速裁 is excluded) and "above one year" (速裁 period 15 days), per 刑法 第99条.
SENTENCES_ABOVE_3Y = frozenset({"death", "life", "over_10y", "3_to_10y"})
SENTENCES_ABOVE_1Y = SENTENCES_ABOVE_3Y | {"1_to_3y"}

INVESTIGATORS: dict[str, str] = {
    "public_security": "公安机关",
    "procuratorate": "检察院自侦",
    "supervisory_commission": "监察委员会",
    "state_security": "国家安全机关",
    "other": "其他",
}

ANSWER_VALUES: dict[str, str] = {"pass": "符合", "fail": "不符合", "na": "不适用", "unsure": "待核实"}

CASE_STATUSES: dict[str, str] = {"open": "办理中", "closed": "已办结", "archived": "已归档"}


@dataclass
class Evidence:
    id: str
    category: str
    title: str = ""
    collected_on: dt.date | None = None
    source: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    #: Keys the program does not know, kept so that a round trip loses nothing.
    extra: dict[str, Any] = field(default_factory=dict)
    #: The keys the source file had (None when the item was not read from a file); see `case_format.case_to_dict`.
    present: frozenset[str] | None = None

    @property
    def category_label(self) -> str:
        return EVIDENCE_CATEGORIES.get(self.category, self.category)


@dataclass
class Event:
    kind: str
    date: dt.date
    outcome: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    present: frozenset[str] | None = None

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS.get(self.kind, self.kind)

    @property
    def outcome_label(self) -> str:
        """The outcome as a person reads it (批准, 不批准 …); an outcome the program does not know stays as typed."""
        return EVENT_OUTCOMES.get(self.outcome, self.outcome)


#: Event outcomes the rules read (case-format: e.g. approved/rejected; urgent for 紧急情形), with Chinese labels.
EVENT_OUTCOMES: dict[str, str] = {"approved": "批准", "rejected": "不批准", "urgent": "紧急情形"}


@dataclass
class Party:
    """A person or body in the case: what de-identification replaces, so it is kept apart from free facts."""

    role: str
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    present: frozenset[str] | None = None

    @property
    def role_label(self) -> str:
        return PARTY_ROLES.get(self.role, self.role)


@dataclass
class Answer:
    value: str
    note: str = ""


@dataclass
class Case:
    case_no: str
    title: str
    case_type: str
    prosecutor: str
    received_on: dt.date
    department: str = ""
    closed_on: dt.date | None = None
    in_custody: bool = False
    charges: list[str] = field(default_factory=list)
    possible_sentence: str | None = None
    plea_agreement: bool = False
    fast_track: bool = False
    suspect_minor: bool = False
    investigated_by: str | None = None
    #: Other 案号 of the same matter at other stages (e.g. the 审查逮捕 number of a 审查起诉 case).
    related_case_nos: list[str] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    #: Top-level keys the program does not know, kept so that a round trip loses nothing.
    extra: dict[str, Any] = field(default_factory=dict)
    #: The top-level keys the source file had, so an export writes back the same keys and no more.
    present: frozenset[str] | None = None

    @property
    def is_criminal(self) -> bool:
        return self.case_type.startswith("criminal.")

    @property
    def case_type_label(self) -> str:
        return CASE_TYPES.get(self.case_type, self.case_type)

    def events_of(self, kind: str) -> list[Event]:
        """Events of one kind in date order (the earliest first, which is the one the readings say counts)."""
        return sorted((e for e in self.events if e.kind == kind), key=lambda e: e.date)

    def first_event(self, kind: str) -> Event | None:
        found = self.events_of(kind)
        return found[0] if found else None

    def evidence_of(self, category: str) -> list[Evidence]:
        return [e for e in self.evidence if e.category == category]


def fast_track_eligible(case: Case) -> bool:
    """速裁 is open only to an adult suspect who pleads (认罪认罚) and faces three years or less (刑诉法 第222条; 规则 第438条)."""
    return (
        not case.suspect_minor
        and case.plea_agreement
        and (case.possible_sentence is None or case.possible_sentence not in SENTENCES_ABOVE_3Y)
    )
