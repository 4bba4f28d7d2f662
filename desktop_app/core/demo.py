"""Realistic fictional cases, for trying the program, filling a demo database and benchmarking it.

The benchmark asks for up to 100,000 cases, so `generate_cases` is a generator that builds each case on the fly
from small tables, with one `random.Random(seed)` so that the same seed always gives the same cases (a demo
database can be rebuilt, a benchmark repeated). Names are anonymised the way published documents do (张某某);
courts, charges, evidence and dates follow ordinary practice so a reviewer recognises the cases.

Most cases are clean. About one in four carries one realistic defect of the kind a mandatory rule flags (missing
hash value, 零口供, a late decision, a missed six-monthly property query …), so a demo database shows flags
without every case being bad. Periods of open cases run against `today`: a clean open case is never overdue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from desktop_app.core.case import SENTENCES_ABOVE_3Y, Answer, Case, Event, Evidence, Party
from desktop_app.core.deadlines import add_months
from desktop_app.core.risk.demo_facts import add_risk_facts

#: Share of cases that carry one deliberate defect.
DEFECT_RATE = 0.25
#: How far back `received_on` reaches (about eighteen months).
HISTORY_DAYS = 540

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰红建文辉力亮斌宁"
COMPANY_CHARS = "鑫恒华永金泰宏佳博汇润安"


@dataclass(frozen=True)
class Procuratorate:
    """A 基层院: its case-number abbreviation and the local police, court and division code used in documents."""

    abbr: str
    place: str
    police: str
    court: str
    code: str


PROCURATORATES: tuple[Procuratorate, ...] = (
    Procuratorate("京朝", "北京市朝阳区", "北京市公安局朝阳分局", "北京市朝阳区人民法院", "京0105"),
    Procuratorate("京海", "北京市海淀区", "北京市公安局海淀分局", "北京市海淀区人民法院", "京0108"),
    Procuratorate("京丰", "北京市丰台区", "北京市公安局丰台分局", "北京市丰台区人民法院", "京0106"),
    Procuratorate("沪浦", "上海市浦东新区", "上海市公安局浦东分局", "上海市浦东新区人民法院", "沪0115"),
    Procuratorate("沪徐", "上海市徐汇区", "上海市公安局徐汇分局", "上海市徐汇区人民法院", "沪0104"),
    Procuratorate("沪静", "上海市静安区", "上海市公安局静安分局", "上海市静安区人民法院", "沪0106"),
    Procuratorate("粤穗天", "广州市天河区", "广州市公安局天河区分局", "广州市天河区人民法院", "粤0106"),
    Procuratorate("粤穗越", "广州市越秀区", "广州市公安局越秀区分局", "广州市越秀区人民法院", "粤0104"),
    Procuratorate("粤深福", "深圳市福田区", "深圳市公安局福田分局", "深圳市福田区人民法院", "粤0304"),
    Procuratorate("粤深南", "深圳市南山区", "深圳市公安局南山分局", "深圳市南山区人民法院", "粤0305"),
    Procuratorate("浙杭西", "杭州市西湖区", "杭州市公安局西湖区分局", "杭州市西湖区人民法院", "浙0106"),
    Procuratorate("浙杭上", "杭州市上城区", "杭州市公安局上城区分局", "杭州市上城区人民法院", "浙0102"),
    Procuratorate("浙甬鄞", "宁波市鄞州区", "宁波市公安局鄞州分局", "宁波市鄞州区人民法院", "浙0212"),
    Procuratorate("苏宁鼓", "南京市鼓楼区", "南京市公安局鼓楼分局", "南京市鼓楼区人民法院", "苏0106"),
)

#: The mix of case types: most work of a 基层院 is criminal.
TYPE_WEIGHTS: dict[str, int] = {
    "criminal.arrest_review": 28,
    "criminal.prosecution_review": 40,
    "civil.judgment_supervision": 6,
    "civil.enforcement_termination": 6,
    "administrative.litigation_supervision": 4,
    "administrative.reverse_referral": 6,
    "public_interest.civil": 4,
    "public_interest.administrative": 4,
    "foreign.judicial_assistance": 2,
}

#: The 案号 abbreviation of each case type, between 检 and 〔year〕 (e.g. 京朝检刑诉〔2025〕123号).
CASE_NO_ABBR: dict[str, str] = {
    "criminal.arrest_review": "刑批捕",
    "criminal.prosecution_review": "刑诉",
    "civil.judgment_supervision": "民监",
    "civil.enforcement_termination": "民执监",
    "administrative.litigation_supervision": "行监",
    "administrative.reverse_referral": "刑不诉",
    "public_interest.civil": "民公",
    "public_interest.administrative": "行公",
    "foreign.judicial_assistance": "刑司协",
}

DEPARTMENT_BY_TYPE: dict[str, str] = {
    "civil.judgment_supervision": "第六检察部",
    "civil.enforcement_termination": "第六检察部",
    "administrative.litigation_supervision": "第七检察部",
    "administrative.reverse_referral": "第七检察部",
    "public_interest.civil": "第八检察部",
    "public_interest.administrative": "第八检察部",
    "foreign.judicial_assistance": "第四检察部",
}

#: Evidence slots: category and title; {v} victim, {w} witness, {s} suspect.
SLOTS: dict[str, tuple[str, str]] = {
    "victim": ("victim_statement", "被害人{v}的陈述"),
    "witness": ("witness_testimony", "证人{w}的证言"),
    "cctv": ("audiovisual", "案发现场周边监控视频"),
    "bodycam": ("audiovisual", "执法记录仪视频"),
    "scene": ("investigation_record", "现场勘验笔录"),
    "identify": ("investigation_record", "辨认笔录（犯罪嫌疑人{s}辨认现场）"),
    "search": ("investigation_record", "搜查笔录"),
    "seized": ("physical", "扣押的涉案物品"),
    "weapon": ("physical", "扣押的作案工具"),
    "price": ("documentary", "涉案财物价格认定书"),
    "bank": ("documentary", "银行账户交易明细"),
    "contract": ("documentary", "合同及付款凭证"),
    "arrest": ("documentary", "到案经过"),
    "traffic": ("documentary", "道路交通事故认定书"),
    "breath": ("documentary", "呼气酒精含量检测单"),
    "chat": ("electronic_data", "手机微信聊天记录（提取）"),
    "payments": ("electronic_data", "支付平台交易电子数据（调取）"),
    "posts": ("electronic_data", "涉案网络信息及浏览、转发数据（调取）"),
    "injury": ("expert_opinion", "人体损伤程度鉴定意见书"),
    "alcohol": ("expert_opinion", "血液酒精含量检验鉴定意见"),
    "drugs": ("expert_opinion", "毒品成分及含量鉴定意见"),
    "autopsy": ("expert_opinion", "尸体检验鉴定意见"),
    "audit": ("expert_opinion", "司法会计鉴定意见"),
}


@dataclass(frozen=True)
class ChargeProfile:
    """A charge as it typically comes in: sentence range, the evidence a file holds, who investigates."""

    charge: str
    stem: str
    weight: int
    sentences: dict[str, int]
    slots: tuple[str, ...]
    custody_rate: float
    plea_rate: float
    department: str
    investigator: str = "public_security"


CHARGES: tuple[ChargeProfile, ...] = (
    ChargeProfile("盗窃罪", "盗窃", 18, {"under_1y": 50, "1_to_3y": 35, "3_to_10y": 15},
                  ("victim", "witness", "cctv", "scene", "price", "seized", "arrest"), 0.75, 0.8, "第一检察部"),
    ChargeProfile("危险驾驶罪", "危险驾驶", 16, {"under_1y": 1}, ("alcohol", "breath", "bodycam", "witness", "arrest"),
                  0.1, 0.95, "第一检察部"),
    ChargeProfile("诈骗罪", "诈骗", 14, {"under_1y": 20, "1_to_3y": 35, "3_to_10y": 35, "over_10y": 10},
                  ("victim", "bank", "chat", "payments", "witness", "arrest"), 0.8, 0.7, "第四检察部"),
    ChargeProfile("帮助信息网络犯罪活动罪", "帮助信息网络犯罪活动", 12, {"under_1y": 55, "1_to_3y": 45},
                  ("bank", "chat", "payments", "witness", "arrest"), 0.6, 0.85, "第四检察部"),
    ChargeProfile("故意伤害罪", "故意伤害", 10, {"under_1y": 30, "1_to_3y": 40, "3_to_10y": 25, "over_10y": 5},
                  ("victim", "witness", "injury", "scene", "cctv", "arrest"), 0.6, 0.7, "第一检察部"),
    ChargeProfile("掩饰、隐瞒犯罪所得罪", "掩饰、隐瞒犯罪所得", 5, {"under_1y": 40, "1_to_3y": 50, "3_to_10y": 10},
                  ("bank", "payments", "witness", "seized", "arrest"), 0.6, 0.8, "第四检察部"),
    ChargeProfile("寻衅滋事罪", "寻衅滋事", 5, {"under_1y": 30, "1_to_3y": 60, "3_to_10y": 10},
                  ("victim", "witness", "cctv", "injury", "arrest"), 0.7, 0.7, "第一检察部"),
    ChargeProfile("开设赌场罪", "开设赌场", 4, {"1_to_3y": 50, "3_to_10y": 50},
                  ("chat", "payments", "bank", "witness", "search", "seized"), 0.8, 0.7, "第一检察部"),
    ChargeProfile("贩卖毒品罪", "贩卖毒品", 4,
                  {"under_1y": 20, "1_to_3y": 20, "3_to_10y": 35, "over_10y": 20, "life": 5},
                  ("drugs", "seized", "search", "chat", "witness", "arrest"), 0.95, 0.6, "第二检察部"),
    ChargeProfile("抢劫罪", "抢劫", 2, {"3_to_10y": 70, "over_10y": 25, "life": 5},
                  ("victim", "witness", "cctv", "scene", "identify", "injury", "weapon"), 1.0, 0.5, "第二检察部"),
    ChargeProfile("故意杀人罪", "故意杀人", 1, {"over_10y": 30, "life": 40, "death": 30},
                  ("witness", "scene", "autopsy", "cctv", "identify", "weapon"), 1.0, 0.4, "第二检察部"),
    ChargeProfile("交通肇事罪", "交通肇事", 3, {"under_1y": 30, "1_to_3y": 60, "3_to_10y": 10},
                  ("traffic", "witness", "cctv", "scene", "autopsy"), 0.2, 0.9, "第一检察部"),
    ChargeProfile("非法吸收公众存款罪", "非法吸收公众存款", 2, {"1_to_3y": 30, "3_to_10y": 60, "over_10y": 10},
                  ("bank", "audit", "contract", "victim", "witness", "payments"), 0.7, 0.6, "第四检察部"),
    ChargeProfile("侵犯公民个人信息罪", "侵犯公民个人信息", 2, {"under_1y": 30, "1_to_3y": 50, "3_to_10y": 20},
                  ("chat", "payments", "search", "witness", "arrest"), 0.6, 0.8, "第四检察部"),
    ChargeProfile("受贿罪", "受贿", 1, {"1_to_3y": 20, "3_to_10y": 50, "over_10y": 25, "life": 5},
                  ("bank", "witness", "contract", "audit"), 0.9, 0.8, "第三检察部", "supervisory_commission"),
    ChargeProfile("徇私枉法罪", "徇私枉法", 1, {"1_to_3y": 40, "3_to_10y": 60},
                  ("witness", "contract", "bank"), 0.5, 0.6, "第三检察部", "procuratorate"),
    ChargeProfile("诽谤罪", "诽谤", 1, {"under_1y": 50, "1_to_3y": 50}, ("posts", "victim", "witness"),
                  0.4, 0.7, "第一检察部"),
)

#: 危险驾驶罪 carries only 拘役: there is no 审查逮捕 for it.
ARRESTABLE = tuple(p for p in CHARGES if p.charge != "危险驾驶罪")

CIVIL_DISPUTES = (
    "民间借贷纠纷", "买卖合同纠纷", "房屋租赁合同纠纷", "劳动争议", "机动车交通事故责任纠纷", "金融借款合同纠纷",
)

AGENCY_MATTERS: tuple[tuple[str, str], ...] = (
    ("市场监督管理局", "行政处罚"),
    ("人力资源和社会保障局", "工伤认定"),
    ("城市管理综合行政执法局", "行政强制"),
    ("自然资源和规划局", "行政处罚"),
    ("人民政府", "政府信息公开"),
)

#: Charges commonly 不起诉 with an administrative penalty to follow, and the authority that imposes it.
REFERRALS: tuple[tuple[str, str, str, str], ...] = (
    ("危险驾驶罪", "危险驾驶", "公安机关交通管理部门", "吊销机动车驾驶证"),
    ("非法捕捞水产品罪", "非法捕捞水产品", "农业农村局", "没收渔获物和渔具、罚款"),
    ("盗窃罪", "盗窃", "公安机关", "治安管理处罚"),
    ("非法占用农用地罪", "非法占用农用地", "自然资源局", "责令退还土地、罚款"),
    ("赌博罪", "赌博", "公安机关", "没收赌资、治安管理处罚"),
)

#: 行政公益诉讼: the agency urged to act and what about.
PUBLIC_MATTERS: tuple[tuple[str, str], ...] = (
    ("生态环境局", "督促整治某河道违法排污"),
    ("市场监督管理局", "督促查处某小学周边无证食品经营"),
    ("自然资源局", "督促查处某村违法占用耕地"),
    ("住房和城乡建设局", "督促整治某小区燃气安全隐患"),
    ("文化和旅游局", "督促保护某不可移动文物"),
)

FOOD_PRODUCTS = ("减肥代餐粉", "散装熟食", "自制糕点", "网红辣条", "进口冷冻肉制品")
CONSUMER_PRODUCTS = ("保健品", "老年助听器", "二手车", "美容服务", "儿童电动车")
MLA_STATES = ("泰国", "柬埔寨", "菲律宾", "马来西亚", "新加坡", "阿联酋", "加拿大", "澳大利亚")
MLA_CHARGES: tuple[tuple[str, str], ...] = (("诈骗罪", "诈骗"), ("洗钱罪", "洗钱"), ("走私毒品罪", "走私毒品"),
                                            ("组织他人偷越国（边）境罪", "组织他人偷越国（边）境"))

FAIL_NOTES = (
    "卷内未见该项材料，需补充。",
    "法律文书送达回证缺少签名，需补正。",
    "证据目录与卷内材料不一致，需核对。",
    "审查报告未对辩护、代理意见逐一回应。",
    "统一业务应用系统案卡信息填录不完整。",
    "涉案财物处理情况未在文书中载明。",
    "告知权利义务的时间晚于规定期限。",
    "审批手续不全，缺少检察长签批。",
    "说理部分过于简单，未回应争议焦点。",
    "文书引用法律条文不准确。",
)
#: 行政区划 prefixes of the provinces the demo 院 are in; with a division code (京0105 → 110105) they start an ID number.
PROVINCE_CODES = {"京": "11", "沪": "31", "苏": "32", "浙": "33", "粤": "44"}
#: GB 11643 check digit of a 居民身份证号码: weights of the first 17 digits, and the digit for the sum mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

UNSURE_NOTES = ("需向办案机关核实。", "待调阅原始卷宗后确认。", "材料字迹不清，待核实。", "已电话询问，待书面回复。")


def generate_cases(count: int, seed: int = 0, *, today: dt.date | None = None) -> Iterator[Case]:
    """`count` fictional cases, the same for the same seed and `today`; every date is on or before `today`."""
    builder = _Builder(random.Random(seed), today or dt.date.today(), seed)
    for _ in range(count):
        yield builder.case()


def demo_answers(case: Case, template_item_ids: list[str], seed: int) -> dict[str, Answer]:
    """Checklist answers a prosecutor might give: mostly 符合, a few 不符合 with a note, some 不适用 or 待核实.

    An open case is still being worked on, so only the first part of its checklist is answered.
    """
    rng = random.Random(f"{seed}|{case.case_no}")
    item_ids = list(template_item_ids)
    if case.closed_on is None:
        item_ids = item_ids[: round(len(item_ids) * rng.uniform(0.3, 0.9))]
    answers: dict[str, Answer] = {}
    for item_id in item_ids:
        roll = rng.random()
        if roll < 0.80:
            answers[item_id] = Answer("pass")
        elif roll < 0.87:
            answers[item_id] = Answer("fail", rng.choice(FAIL_NOTES))
        elif roll < 0.95:
            answers[item_id] = Answer("na", "本案不涉及该事项。")
        else:
            answers[item_id] = Answer("unsure", rng.choice(UNSURE_NOTES))
    return answers


def citizen_id(region: str, born: dt.date, sequence: int) -> str:
    """An 18-digit ID number of the legal shape (region, birth date, sequence, check digit), so the anonymiser's
    pattern finds it as it would a real one."""
    body = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return body + _ID_CHECK[sum(map(operator.mul, map(int, body), _ID_WEIGHTS)) % 11]


class _Draft:
    """A case under construction: evidence numbered in order, events kept until the end and then cut at today."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.events: list[Event] = []
        self.evidence: list[Evidence] = []

    def event(self, kind: str, day: dt.date, outcome: str = "", note: str = "") -> None:
        self.events.append(Event(kind=kind, date=day, outcome=outcome, note=note))

    def add(self, category: str, title: str, day: dt.date, source: str, attributes: dict[str, Any]) -> Evidence:
        item = Evidence(id=f"E{len(self.evidence) + 1}", category=category, title=title,
                        collected_on=min(day, self.today), source=source, attributes=attributes)
        self.evidence.append(item)
        return item

    def past_events(self) -> list[Event]:
        """Events in date order, dropping what has not happened yet."""
        return sorted((e for e in self.events if e.date <= self.today), key=lambda e: e.date)


class _Builder:
    """State shared across the cases of one run: the random source, 案号 counters and each office's prosecutors."""

    def __init__(self, rng: random.Random, today: dt.date, seed: int = 0) -> None:
        self.rng = rng
        self.seed = seed
        self.today = today
        self.counters: dict[tuple[str, str, int], int] = {}
        self.prosecutors: dict[tuple[str, str], list[str]] = {}
        self.types = list(TYPE_WEIGHTS)
        self.type_weights = _cumulative(TYPE_WEIGHTS.values())
        self.charge_weights = _cumulative(p.weight for p in CHARGES)
        self.arrest_weights = _cumulative(p.weight for p in ARRESTABLE)
        self.makers: dict[str, Callable[[Case, Procuratorate, bool], None]] = {
            "criminal.arrest_review": self.arrest_review,
            "criminal.prosecution_review": self.prosecution_review,
            "civil.judgment_supervision": self.judgment_supervision,
            "civil.enforcement_termination": self.enforcement_termination,
            "administrative.litigation_supervision": self.litigation_supervision,
            "administrative.reverse_referral": self.reverse_referral,
            "public_interest.civil": self.public_civil,
            "public_interest.administrative": self.public_administrative,
            "foreign.judicial_assistance": self.judicial_assistance,
        }

    # --- shared pieces -------------------------------------------------------------------------------------

    def case(self) -> Case:
        rng = self.rng
        case_type = rng.choices(self.types, cum_weights=self.type_weights)[0]
        office = rng.choice(PROCURATORATES)
        received = self.today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS))
        case = Case(case_no=self.case_no(office, CASE_NO_ABBR[case_type], received.year), title="",
                    case_type=case_type, prosecutor="", received_on=received,
                    department=DEPARTMENT_BY_TYPE.get(case_type, ""))
        self.makers[case_type](case, office, rng.random() < DEFECT_RATE)
        case.prosecutor = self.prosecutor(office, case.department)
        add_risk_facts(case, self.seed, self.today)
        return case

    def case_no(self, office: Procuratorate, abbr: str, year: int) -> str:
        """Numbers rise within one 院, type and year, so no two cases ever share a 案号."""
        key = (office.abbr, abbr, year)
        number = self.counters.get(key, self.rng.randint(0, 40)) + self.rng.randint(1, 3)
        self.counters[key] = number
        return f"{office.abbr}检{abbr}〔{year}〕{number}号"

    def prosecutor(self, office: Procuratorate, department: str) -> str:
        key = (office.abbr, department)
        pool = self.prosecutors.get(key)
        if pool is None:
            pool = [self.rng.choice(SURNAMES) + "某" + self.rng.choice(GIVEN_CHARS) for _ in range(4)]
            self.prosecutors[key] = pool
        return self.rng.choice(pool)

    def party(self, case: Case, office: Procuratorate, role: str, name: str, *, person: bool = True) -> str:
        """Enter `name` in the case's `parties` (a person with ID number, mobile and address; a company or agency
        with its address), for de-identification to find. Its details come from a hash of who it is, not from
        the shared random source, so every other field of the demo stays what it was for the seed (and a
        100,000-case demo pays no Random per party)."""
        key = f"{self.seed}|{case.case_no}|{role}|{name}".encode()
        draw = int.from_bytes(hashlib.blake2b(key, digest_size=16).digest(), "big")
        draw, street = divmod(draw, 3)
        draw, number = divmod(draw, 400)
        address = f"{office.place}某某{('路', '街', '大道')[street]}{number + 1}号"
        if not person:
            case.parties.append(Party(role, name, address=address))
            return name
        low, high = (14 * 366, 17 * 365) if role == "suspect" and case.suspect_minor else (18 * 366, 70 * 365)
        draw, age = divmod(draw, high - low + 1)
        draw, sequence = divmod(draw, 999)
        draw, carrier = divmod(draw, 4)
        born = case.received_on - dt.timedelta(days=low + age)
        region = PROVINCE_CODES[office.code[0]] + office.code[1:]
        case.parties.append(Party(role, name, id_number=citizen_id(region, born, sequence + 1),
                                  phone=f"1{'3589'[carrier]}{draw % 10 ** 9:09d}", address=address))
        return name

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + ("某某" if self.rng.random() < 0.6 else "某")

    def company(self, place: str) -> str:
        """Anonymised like published documents: the city, one character of the trade name, 某."""
        kind = self.rng.choice(("贸易", "科技", "实业", "食品"))
        return f"{place[:2]}{self.rng.choice(COMPANY_CHARS)}某{kind}有限公司"

    def days(self, day: dt.date, low: int, high: int) -> dt.date:
        return day + dt.timedelta(days=self.rng.randint(low, high))

    def digest(self) -> str:
        return f"{self.rng.getrandbits(256):064x}"

    def edata_attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = {"hash_value": self.digest(), "witness_present": True, "witness_role": "citizen",
                                      "signed": True, "sealed": True, "collector_count": 2}
        if self.rng.random() < 0.3:
            attributes["hash_recomputed"] = attributes["hash_value"].upper()
        if self.rng.random() < 0.5:
            attributes["video_recorded"] = True
        return attributes

    def witnessed_attributes(self) -> dict[str, Any]:
        if self.rng.random() < 0.08:
            # No suitable 见证人 could be found: the whole activity was filmed instead, which the law allows.
            return {"witness_present": False, "video_recorded": True, "signed": True}
        return {"witness_present": True, "witness_role": "citizen", "signed": True}

    def attributes_for(self, category: str) -> dict[str, Any]:
        if category == "electronic_data":
            return self.edata_attributes()
        if category in ("physical", "investigation_record"):
            return self.witnessed_attributes()
        if category == "expert_opinion":
            return {"notified_to_suspect": True}
        return {}

    def slot(self, draft: _Draft, key: str, day: dt.date, source: str, names: dict[str, str]) -> None:
        category, title = SLOTS[key]
        draft.add(category, title.format(**names), day, source, self.attributes_for(category))

    # --- criminal ------------------------------------------------------------------------------------------

    def criminal_base(self, case: Case, profile: ChargeProfile) -> str:
        rng = self.rng
        suspect = self.person()
        case.title = f"{suspect}{profile.stem}案"
        case.charges = [profile.charge]
        case.department = profile.department
        case.possible_sentence = rng.choices(list(profile.sentences), weights=list(profile.sentences.values()))[0]
        case.in_custody = rng.random() < profile.custody_rate
        case.plea_agreement = rng.random() < profile.plea_rate
        case.suspect_minor = profile.charge in ("盗窃罪", "寻衅滋事罪", "故意伤害罪") and rng.random() < 0.06
        case.investigated_by = profile.investigator
        return suspect

    def criminal_evidence(self, case: Case, office: Procuratorate, draft: _Draft, profile: ChargeProfile,
                          suspect: str, crime: dt.date, detained: dt.date | None, until: dt.date, source: str) -> None:
        """The register of an investigated case: the charge's typical evidence, then the suspect's statements."""
        names = {"v": self.person(), "w": self.person(), "s": suspect}
        for role, key in (("suspect", "s"), ("victim", "v"), ("witness", "w")):
            self.party(case, office, role, names[key])
        span = max((until - crime).days - 1, 1)
        for key in profile.slots:
            self.slot(draft, key, crime + dt.timedelta(days=self.rng.randint(1, min(span, 90))), source, names)
        must_record = case.possible_sentence in ("life", "death") or case.investigated_by == "procuratorate"
        # The first interrogation happens on arrival (办案中心), before committal; later ones inside the 看守所.
        if detained:
            arrival = detained - dt.timedelta(days=self.rng.randint(0, 1))
        else:
            arrival = self.days(crime, 0, min(span // 2, 30))
        day = arrival
        for number in range(1, self.rng.randint(1, 3) + 1):
            if number > 1:
                day = self.days(day, 1, max((until - day).days - 1, 1))
            place = "detention_center" if detained and day > detained else "other"
            draft.add("suspect_statement", f"犯罪嫌疑人{suspect}的供述（第{number}次讯问）", day, source,
                      {"admits_guilt": True, "audio_video_recorded": must_record or self.rng.random() < 0.6,
                       "place": place, "interrogator_count": 2})

    def arrest_review(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        profile = ARRESTABLE[rng.choices(range(len(ARRESTABLE)), cum_weights=self.arrest_weights)[0]]
        suspect = self.criminal_base(case, profile)
        case.fast_track = False
        defect = self.criminal_defect(case, profile, "late") if defective else ""
        draft = _Draft(self.today)
        received = case.received_on
        source = office.police if profile.investigator == "public_security" else "本院"
        detained = received - dt.timedelta(days=rng.randint(1, 6)) if case.in_custody else None
        crime = (detained or received) - dt.timedelta(days=rng.randint(2, 60))
        if detained:
            draft.event("detained_in_center", detained)
        self.criminal_evidence(case, office, draft, profile, suspect, crime, detained, received, source)
        if defect == "late":
            decided = self.days(received, 9, 12) if case.in_custody else self.days(received, 28, 35)
        else:
            decided = self.days(received, 1, 7) if case.in_custody else self.days(received, 3, 14)
        approved = rng.random() < 0.85
        draft.event("arrest_decided", decided, "approved" if approved else "rejected",
                    "批准逮捕" if approved else "不批准逮捕：无社会危险性，可以取保候审")
        self.apply_criminal_defect(case, draft, defect, suspect)
        self.finish(case, draft, decided)

    def prosecution_review(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        profile = CHARGES[rng.choices(range(len(CHARGES)), cum_weights=self.charge_weights)[0]]
        suspect = self.criminal_base(case, profile)
        eligible = not case.suspect_minor and case.plea_agreement and case.possible_sentence in ("under_1y", "1_to_3y")
        case.fast_track = eligible and rng.random() < 0.35
        defect = self.criminal_defect(case, profile, "late", "supplementary_late", "three_rounds",
                                      "fast_track_ineligible") if defective else ""
        if defect == "fast_track_ineligible":
            case.fast_track, case.plea_agreement = True, False
        draft = _Draft(self.today)
        received = case.received_on
        source = {"public_security": office.police, "supervisory_commission": f"{office.place}监察委员会"}.get(
            profile.investigator, "本院")
        if profile.investigator == "supervisory_commission":
            detained: dt.date | None = received  # 留置 ends on transfer; the procuratorate detains at once
            crime = received - dt.timedelta(days=rng.randint(120, 400))
            until = received
        else:
            detained = received - dt.timedelta(days=rng.randint(35, 200)) if case.in_custody else None
            crime = (detained or received - dt.timedelta(days=rng.randint(35, 200))) - dt.timedelta(
                days=rng.randint(1, 60))
            until = received
        case.in_custody = detained is not None
        self.criminal_evidence(case, office, draft, profile, suspect, crime, detained if detained != received else None,
                               until, source)
        if detained:
            draft.event("detained_in_center", detained)
            arrested = self.days(detained, 4, 10) if detained < received else self.days(received, 3, 10)
            draft.event("arrest_decided", arrested, "approved", "批准逮捕")
        draft.event("transferred_for_prosecution", received)
        start = received
        simple = case.fast_track or case.possible_sentence == "under_1y"
        rounds = 0 if simple else rng.choices((0, 1, 2), weights=(70, 22, 8))[0]
        if defect == "supplementary_late":
            rounds = max(rounds, 1)
        if defect == "three_rounds":
            rounds = 3
        if rounds:
            case.fast_track = False  # a case sent back for more investigation is no longer a 速裁 case
        for number in range(1, rounds + 1):
            # Returned and back within the month, so the review period of a clean case never lapses meanwhile.
            returned = self.days(start, 5, 12)
            late = defect == "supplementary_late" and number == rounds
            start = self.days(returned, 45, 60) if late else self.days(returned, 10, 16)
            draft.event("returned_for_investigation", returned, note=f"第{number}次退回补充侦查")
            draft.event("resubmitted", start, note="补充侦查完毕重新移送审查起诉")
            draft.add("documentary", f"补充侦查报告书（第{number}次）", self.days(returned, 1, (start - returned).days),
                      source, {})
        extended = not case.fast_track and defect != "late" and rng.random() < 0.08
        if extended:
            draft.event("review_extended", self.days(start, 20, 27), note="案情重大、复杂，延长审查起诉期限十五日")
        if defect == "late":
            decided = self.days(start, 50, 70)
        elif case.fast_track:
            decided = self.days(start, 3, 9 if case.possible_sentence == "under_1y" else 14)
        else:
            decided = self.days(start, 28, 40) if extended else self.days(start, 5, 28)
        if rng.random() < 0.08 and defect not in ("fast_track_ineligible",):
            draft.event("non_prosecution_decided", decided, note="酌定不起诉（刑事诉讼法第177条第2款）")
            if rng.random() < 0.5:
                case.facts["administrative_penalty_needed"] = True
                draft.event("opinion_referred", self.days(decided, 0, 5), note="检察意见随不起诉决定书一并移送")
            case.facts["seizure_pending"] = False
        else:
            draft.event("prosecution_decided", decided, "indicted", f"向{office.court}提起公诉")
        self.apply_criminal_defect(case, draft, defect, suspect)
        self.finish(case, draft, decided)

    def criminal_defect(self, case: Case, profile: ChargeProfile, *timing: str) -> str:
        """One defect fitting this case; a 诽谤 case below the threshold is the typical flaw of its kind."""
        choices: dict[str, int] = {"no_hash": 5, "hash_mismatch": 2, "witness_disqualified": 3, "witness_missing": 2,
                                   "zero_confession": 4, "confession_only": 1}
        if case.in_custody:
            choices["interrogation_place"] = 3
        if case.possible_sentence in ("life", "death") or case.investigated_by == "procuratorate":
            choices["recording_missing"] = 6
        if profile.charge == "诽谤罪":
            choices["defamation_threshold"] = 12
        for name in timing:
            choices[name] = 3
        if case.possible_sentence in SENTENCES_ABOVE_3Y:
            choices.pop("fast_track_ineligible", None)
        return self.rng.choices(list(choices), weights=list(choices.values()))[0]

    def apply_criminal_defect(self, case: Case, draft: _Draft, defect: str, suspect: str) -> None:
        if "诽谤罪" in case.charges:
            self.defamation_facts(case, draft, below=defect == "defamation_threshold")
        statements = [e for e in draft.evidence if e.category == "suspect_statement"]
        if defect == "zero_confession":
            for item in statements:
                item.attributes["admits_guilt"] = False
                item.title = item.title.replace("供述", "辩解")
        elif defect == "confession_only":
            draft.evidence = [e for e in draft.evidence if e.category == "suspect_statement"]
            for number, item in enumerate(draft.evidence, start=1):
                item.id = f"E{number}"
        elif defect == "recording_missing":
            self.rng.choice(statements).attributes["audio_video_recorded"] = False
        elif defect == "interrogation_place":
            detained = next(e.date for e in draft.events if e.kind == "detained_in_center")
            later = self.days(detained, 1, max((case.received_on - detained).days, 1))
            draft.add("suspect_statement", f"犯罪嫌疑人{suspect}的供述（提出看守所后在办案中心讯问）", later,
                      statements[0].source, {"admits_guilt": True, "audio_video_recorded": True, "place": "other",
                                             "interrogator_count": 2})
        else:
            self.evidence_defect(draft, defect, statements[0].source if statements else "")

    def evidence_defect(self, draft: _Draft, defect: str, source: str) -> None:
        """Evidence flaws shared by every case type: 电子数据 integrity and 见证人."""
        rng = self.rng
        day = min((e.collected_on for e in draft.evidence if e.collected_on), default=draft.today)
        if defect in ("no_hash", "hash_mismatch"):
            items = [e for e in draft.evidence if e.category == "electronic_data"]
            item = rng.choice(items) if items else draft.add(
                "electronic_data", "手机通话记录及短信（提取）", day, source, self.edata_attributes())
            if defect == "no_hash":
                item.attributes.pop("hash_recomputed", None)
                if rng.random() < 0.5:
                    item.attributes.pop("hash_value")
                else:
                    item.attributes["hash_value"] = ""
            else:
                item.attributes["hash_recomputed"] = self.digest()
        elif defect in ("witness_disqualified", "witness_missing"):
            items = [e for e in draft.evidence if e.category in ("physical", "investigation_record", "electronic_data")]
            item = rng.choice(items) if items else draft.add(
                "investigation_record", "现场检查笔录", day, source, self.witnessed_attributes())
            if defect == "witness_disqualified":
                item.attributes.update(witness_present=True, witness_role=rng.choice(
                    ("auxiliary_police", "police", "interested_party")))
            else:
                item.attributes.update(witness_present=False, video_recorded=False)
                item.attributes.pop("witness_role", None)

    def defamation_facts(self, case: Case, draft: _Draft, *, below: bool) -> None:
        """Posts within one year; below the threshold the views stop short of 5,000 and forwards of 500."""
        rng = self.rng
        first = min((e.collected_on for e in draft.evidence if e.collected_on), default=case.received_on)
        count = rng.randint(1, 3)
        views = rng.randint(3000, 4990) if below else rng.randint(5200, 60000)
        forwards = rng.randint(50, 480) if below else rng.randint(100, 3000)
        posts = []
        for index in range(count):
            share_views = views // count + (views % count if index == 0 else 0)
            share_forwards = forwards // count + (forwards % count if index == 0 else 0)
            posts.append({"posted_on": (first - dt.timedelta(days=10 + 60 * index)).isoformat(),
                          "views": share_views, "forwards": share_forwards, "previously_handled": False})
        case.facts.update(defamation_posts=posts, defamation_penalized_within_2y=False,
                          defamation_other_serious=False, defamation_public_order=not below)

    # --- civil and administrative -------------------------------------------------------------------------

    def judgment_supervision(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        applicant = self.party(case, office, "applicant", self.person())
        respondent = self.party(case, office, "respondent", self.person())
        dispute = rng.choice(CIVIL_DISPUTES)
        case.title = f"{applicant}与{respondent}{dispute}监督案"
        received = case.received_on
        judged = received - dt.timedelta(days=rng.randint(60, 400))
        judgment_no = f"（{judged.year}）{office.code}民初{rng.randint(100, 30000)}号"
        case.facts.update(original_judgment_no=judgment_no, dispute=dispute)
        draft = _Draft(self.today)
        draft.add("documentary", f"原审民事判决书{judgment_no}", judged, office.court, {})
        signed_on = judged - dt.timedelta(days=rng.randint(30, 200))
        draft.add("documentary", "借条、合同等书证复印件", signed_on, "申请人提交", {})
        witness = self.party(case, office, "witness", self.person())
        draft.add("witness_testimony", f"证人{witness}的证言（原审庭审笔录）", judged - dt.timedelta(days=20),
                  office.court, {})
        if rng.random() < 0.6:
            draft.add("electronic_data", "经公证保全的微信聊天及转账记录", self.days(received, 5, 30), "申请人提交",
                      self.edata_attributes())
        if rng.random() < 0.3:
            draft.add("investigation_record", "调查核实笔录（现场勘验）", self.days(received, 10, 40), "本院",
                      self.witnessed_attributes())
        if defective:
            self.evidence_defect(draft, rng.choice(("no_hash", "witness_disqualified")), "申请人提交")
        closed = self.days(received, 40, 88)
        outcome = rng.choice(("提出再审检察建议", "提请抗诉", "不支持监督申请"))
        case.facts["outcome"] = outcome
        self.finish(case, draft, closed)

    def enforcement_termination(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        applicant = self.party(case, office, "applicant", self.person())
        debtor = self.party(case, office, "respondent", self.person())
        dispute = rng.choice(CIVIL_DISPUTES)
        case.title = f"{applicant}申请执行{debtor}{dispute}终本执行监督案"
        defect = rng.choice(("too_early", "no_interview", "query_missed")) if defective else ""
        received = case.received_on
        ruled = received - dt.timedelta(days=rng.randint(30, 1100))
        filed = ruled - dt.timedelta(days=rng.randint(60, 85) if defect == "too_early" else rng.randint(100, 300))
        execution_no = f"（{filed.year}）{office.code}执{rng.randint(100, 20000)}号"
        case.facts.update(court=office.court, execution_case_no=execution_no,
                          outstanding_amount=rng.randint(20, 3000) * 1000)
        draft = _Draft(self.today)
        draft.event("execution_filed", filed, note=execution_no)
        draft.event("property_control", self.days(filed, 2, 10), note="网络执行查控系统查询存款、车辆、不动产、证券")
        draft.event("property_control", self.days(filed, 20, 50), note="被执行人住所地现场调查")
        if defect != "no_interview":
            draft.event("applicant_interviewed", ruled - dt.timedelta(days=rng.randint(1, 15)),
                        note="告知执行情况及终本依据，听取申请执行人意见")
        elif rng.random() < 0.5:
            draft.event("applicant_interviewed", self.days(ruled, 5, 30), note="终本裁定作出后补充约谈")
        draft.event("termination_ruled", ruled, note="终结本次执行程序")
        self.property_queries(draft, ruled, skip=defect == "query_missed")
        draft.add("documentary", f"终结本次执行程序裁定书{execution_no}", ruled, office.court, {})
        draft.add("documentary", "网络执行查控系统查询结果", self.days(filed, 2, 10), office.court, {})
        draft.add("documentary", "申请执行人监督申请书", received, "申请人提交", {})
        self.finish(case, draft, self.days(received, 20, 80))

    def property_queries(self, draft: _Draft, ruled: dt.date, *, skip: bool) -> None:
        """One query in each six months after the ruling, for five years; `skip` leaves one half-year out."""
        due = [add_months(ruled, 6 * k) for k in range(1, 11)]
        passed = [day for day in due if day <= self.today]
        missed = self.rng.choice(passed) if skip and passed else None
        for day in due:
            if day == missed:
                continue
            query = day - dt.timedelta(days=self.rng.randint(0, 45))
            if day <= self.today or (query <= self.today and self.rng.random() < 0.5):
                draft.event("property_queried", query, note="通过网络执行查控系统查询被执行人财产")
            if day > self.today:
                break

    def litigation_supervision(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        agency, matter = rng.choice(AGENCY_MATTERS)
        agency = f"{office.place}{agency}"
        individual = rng.random() < 0.6
        applicant = self.person() if individual else self.company(office.place)
        self.party(case, office, "applicant", applicant, person=individual)
        self.party(case, office, "agency", agency, person=False)
        case.title = f"{applicant}诉{agency}{matter}行政诉讼监督案"
        received = case.received_on
        judged = received - dt.timedelta(days=rng.randint(60, 400))
        judgment_no = f"（{judged.year}）{office.code}行初{rng.randint(10, 3000)}号"
        case.facts.update(original_judgment_no=judgment_no, administrative_agency=agency)
        draft = _Draft(self.today)
        acted = judged - dt.timedelta(days=rng.randint(90, 300))
        draft.add("documentary", f"被诉{matter}决定书", acted, agency, {})
        draft.add("documentary", f"生效行政判决书{judgment_no}", judged, office.court, {})
        draft.add("investigation_record", "现场检查笔录", acted - dt.timedelta(days=rng.randint(1, 30)), agency,
                  self.witnessed_attributes())
        draft.add("audiovisual", "执法记录仪视频", acted - dt.timedelta(days=rng.randint(1, 30)), agency, {})
        if rng.random() < 0.4:
            draft.add("electronic_data", "执法系统电子数据（调取）", self.days(received, 5, 30), agency,
                      self.edata_attributes())
        if defective:
            self.evidence_defect(draft, rng.choice(("witness_disqualified", "witness_missing", "no_hash")), agency)
        case.facts["outcome"] = rng.choice(("提出再审检察建议", "不支持监督申请", "提出检察建议"))
        self.finish(case, draft, self.days(received, 40, 88))

    def reverse_referral(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        charge, stem, authority, penalty = rng.choice(REFERRALS)
        suspect = self.party(case, office, "suspect", self.person())
        case.title = f"{suspect}{stem}案（不起诉后行政处罚衔接）"
        case.charges = [charge]
        case.possible_sentence = "under_1y"
        case.plea_agreement = True
        case.investigated_by = "public_security"
        defect = rng.choice(("no_opinion", "seizure_pending")) if defective else ""
        received = case.received_on
        draft = _Draft(self.today)
        crime = received - dt.timedelta(days=rng.randint(30, 150))
        draft.add("suspect_statement", f"犯罪嫌疑人{suspect}的供述", self.days(crime, 0, 2), office.police,
                  {"admits_guilt": True, "audio_video_recorded": True, "place": "other", "interrogator_count": 2})
        draft.add("physical", "扣押的涉案物品", self.days(crime, 0, 2), office.police, self.witnessed_attributes())
        draft.add("documentary", "扣押决定书及扣押清单", self.days(crime, 0, 2), office.police, {})
        witness = self.party(case, office, "witness", self.person())
        draft.add("witness_testimony", f"证人{witness}的证言", self.days(crime, 1, 20), office.police, {})
        draft.event("transferred_for_prosecution", received)
        decided = self.days(received, 10, 28)
        draft.event("non_prosecution_decided", decided, note="酌定不起诉（刑事诉讼法第177条第2款）")
        case.facts.update(administrative_penalty_needed=True, seizure_pending=defect == "seizure_pending",
                          competent_authority=f"{office.place}{authority}", proposed_penalty=penalty)
        closed = decided
        if defect != "no_opinion":
            closed = self.days(decided, 0, 7)
            draft.event("opinion_referred", closed, note=f"检察意见移送{office.place}{authority}，建议{penalty}")
        self.finish(case, draft, closed)

    # --- public interest and international assistance ------------------------------------------------------

    def public_civil(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        law = rng.choices(("food_safety_148", "consumer_55_1", "consumer_55_2"), weights=(60, 30, 10))[0]
        seller = self.party(case, office, "defendant", self.company(office.place), person=False)
        price = rng.randint(8, 3000) * 100
        if law == "food_safety_148":
            product = rng.choice(FOOD_PRODUCTS)
            loss = rng.choice((0, rng.randint(5, 500) * 100))
            cap = max(10 * price, 3 * loss, 1000)
            over = 10 * price + 3 * max(loss, 100)  # adding both multiples instead of taking the larger
            case.title = f"{seller}销售不符合食品安全标准的{product}民事公益诉讼案"
            case.charges = ["生产、销售不符合安全标准的食品罪"] if rng.random() < 0.4 else []
        elif law == "consumer_55_1":
            product = rng.choice(CONSUMER_PRODUCTS)
            loss = 0
            cap = max(3 * price, 500)
            over = 10 * price  # the food-law multiple applied to a consumer fraud
            case.title = f"{seller}销售{product}欺诈消费者民事公益诉讼案"
        else:
            product = rng.choice(CONSUMER_PRODUCTS)
            loss = rng.randint(20, 2000) * 100
            cap = 2 * loss
            over = 3 * loss
            case.title = f"{seller}明知{product}存在缺陷仍然销售民事公益诉讼案"
        claimed = over if defective else rng.choice((cap, cap, cap // 2))
        case.facts.update(damages_law=law, price_paid=price, loss=loss, claimed_amount=claimed, defendant=seller)
        received = case.received_on
        draft = _Draft(self.today)
        draft.add("documentary", "销售记录及订单明细", self.days(received, 3, 20), "本院调取", {})
        draft.add("electronic_data", "电商平台后台销售数据（调取）", self.days(received, 3, 20), "本院调取",
                  self.edata_attributes())
        draft.add("expert_opinion", f"{product}检验报告", self.days(received, 10, 30), "检验检测机构", {})
        consumer = self.party(case, office, "witness", self.person())
        draft.add("witness_testimony", f"消费者{consumer}的证言", self.days(received, 5, 30), "本院", {})
        self.finish(case, draft, self.days(received, 60, 180))

    def public_administrative(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        agency, matter = rng.choice(PUBLIC_MATTERS)
        agency = f"{office.place}{agency}"
        case.title = f"{matter}行政公益诉讼案"
        self.party(case, office, "agency", agency, person=False)
        received = case.received_on
        suggested = self.days(received, 20, 40)
        case.facts.update(respondent_agency=agency, suggestion_issued_on=suggested.isoformat())
        if suggested + dt.timedelta(days=60) <= self.today:
            case.facts["reply_received_on"] = self.days(suggested, 30, 60).isoformat()
        draft = _Draft(self.today)
        draft.add("investigation_record", "现场勘查笔录", self.days(received, 2, 15), "本院",
                  self.witnessed_attributes())
        draft.add("audiovisual", "现场调查视频及无人机航拍", self.days(received, 2, 15), "本院", {})
        draft.add("documentary", "行政执法卷宗（调取）", self.days(received, 5, 20), agency, {})
        draft.add("expert_opinion", "检测报告", self.days(received, 10, 25), "检验检测机构", {})
        if defective:
            self.evidence_defect(draft, rng.choice(("witness_missing", "witness_disqualified", "no_hash")), "本院")
        self.finish(case, draft, self.days(suggested, 70, 120))

    def judicial_assistance(self, case: Case, office: Procuratorate, defective: bool) -> None:
        rng = self.rng
        charge, stem = rng.choice(MLA_CHARGES)
        state = rng.choice(MLA_STATES)
        suspect = self.party(case, office, "suspect", self.person())
        case.title = f"{suspect}等{stem}案请求{state}刑事司法协助"
        case.charges = [charge]
        case.department = "第四检察部" if charge in ("诈骗罪", "洗钱罪") else "第二检察部"
        case.facts["requested_state"] = state
        received = case.received_on
        requested = self.days(received, 5, 30)
        arrived = self.days(requested, 60, 200)
        draft = _Draft(self.today)
        draft.event("assistance_requested", requested, note=f"经最高人民检察院向{state}提出刑事司法协助请求")
        draft.add("documentary", "刑事司法协助请求书及所附材料", requested, "本院", {})
        if arrived <= self.today:
            # The requested state allows use in the case named in the request, which is this one.
            for title, category in (("境外银行账户交易记录", "documentary"), ("境外证人证言", "witness_testimony"),
                                    ("境外公司注册资料", "documentary")):
                draft.add(category, f"{title}（经刑事司法协助取得）", arrived, f"{state}主管机关",
                          {"via_judicial_assistance": True, "permitted_use": case.case_no, "signed": True})
            if defective:
                other_case = f"{office.abbr}检刑诉〔{received.year - 1}〕{rng.randint(1, 400)}号"
                rng.choice(draft.evidence[1:]).attributes.update(permitted_use=other_case, use_consent=False)
        self.finish(case, draft, self.days(arrived, 10, 40))

    def finish(self, case: Case, draft: _Draft, closed: dt.date) -> None:
        case.events = draft.past_events()
        case.evidence = [e for e in draft.evidence if e.collected_on is None or e.collected_on <= self.today]
        # A witness whose statement is not (yet) in the file is no party of it.
        named = " ".join([case.title, *(f"{e.title} {e.source}" for e in case.evidence),
                          *(str(v) for v in case.facts.values())])
        case.parties = [p for p in case.parties if p.name in named]
        case.closed_on = closed if closed <= self.today else None


def _cumulative(weights: Any) -> list[int]:
    total, result = 0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result
