"""The statute library (法条原文库): the shipped texts of the instruments the checklists and rules cite.

A person reading a flag or a checklist item should see what the cited article says, offline, and a test should
be able to tell that every cited article, paragraph (款) and item (项) exists. So this module

* reads `resources/laws/index.yaml` (instrument name, abbreviations, text files),
* parses a text file into articles (第N条, 第N条之一), paragraphs and items, lazily and once per instrument,
* parses a `legal_basis` string such as `《中华人民共和国刑事诉讼法》第35条第2款、第3款；《人民检察院刑事诉讼规则》第280条`
  into citations, and
* looks a citation up, telling apart "the instrument is not in the library" from "the article is missing".

Article texts are written `第一百二十条 …` (or `1.` in the older 执行工作规定); a new 款 is a new line, an item is a
line opening with `（一）` or `（1）` and belongs to the 款 above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop_app.core.datafile import DataFileError, load_yaml, resources_dir

FORMAT = "casecheck.laws/1"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二三四五六七八九十百千两"


def chinese_number(text: str) -> int:
    """`一百二十` → 120, `十三` → 13, `二千零一` → 2001; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a Chinese number: {text!r}")
    return total + digit


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_number(text)


# ---------------------------------------------------------------------------------------------------------------
# The texts


@dataclass(frozen=True)
class Paragraph:
    """One 款: its lead text and its items (项) in order."""

    text: str
    items: tuple[str, ...] = ()

    def full_text(self) -> str:
        return "\n".join((self.text, *self.items)) if self.text else "\n".join(self.items)


@dataclass(frozen=True)
class Article:
    """One article: `number` and `suffix` (1 for 之一, 0 for none), the label as printed, and its 款."""

    number: int
    suffix: int
    label: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def key(self) -> tuple[int, int]:
        return (self.number, self.suffix)

    def text(self) -> str:
        """The whole article as printed: label, first 款, then every further 款 and 项 on its own line."""
        return f"{self.label} " + "\n".join(p.full_text() for p in self.paragraphs)

    def items_of(self, paragraph: int | None) -> tuple[str, ...]:
        """The items of 款 `paragraph`; without a 款, those of the first 款 that has items (第1条第3项)."""
        if paragraph is not None:
            return self.paragraphs[paragraph - 1].items if 0 < paragraph <= len(self.paragraphs) else ()
        return next((p.items for p in self.paragraphs if p.items), ())


@dataclass(frozen=True)
class Instrument:
    name: str
    aliases: tuple[str, ...]
    files: tuple[Path, ...]


#: `第一百二十条 …`, `第十七条之一 …`; a few source lines misplace the space (`第一百二十八 条侦查人员…`).
_ARTICLE_RE = re.compile(rf"^第([{_CN_NUM}]+)(?:条(?:之([{_CN_NUM}]+))?[\s　]+|[\s　]+条)(.*)$")
_NUMBERED_RE = re.compile(r"^(\d+)[.．]\s*(.*)$")
_ITEM_RE = re.compile(r"^[（(](?:[一二三四五六七八九十]+|\d+)[）)]")


def parse_law_text(text: str) -> dict[tuple[int, int], Article]:
    """Every article of one text file, keyed by (number, suffix). Headings (`#`) close the article before them."""
    numbered = not any(_ARTICLE_RE.match(line.strip()) for line in text.splitlines())
    articles: dict[tuple[int, int], Article] = {}
    current: tuple[int, int, str] | None = None
    paragraphs: list[tuple[str, list[str]]] = []

    def close() -> None:
        if current is not None:
            number, suffix, label = current
            built = tuple(Paragraph(lead, tuple(items)) for lead, items in paragraphs)
            articles.setdefault((number, suffix), Article(number, suffix, label, built))

    body = text.split("<!-- INFO END -->", 1)[-1]
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            close()
            current, paragraphs = None, []
            continue
        match = _NUMBERED_RE.match(line) if numbered else _ARTICLE_RE.match(line)
        if match:
            close()
            if numbered:
                current = (int(match.group(1)), 0, f"{match.group(1)}.")
                rest = match.group(2)
            else:
                suffix = chinese_number(match.group(2)) if match.group(2) else 0
                label = f"第{match.group(1)}条" + (f"之{match.group(2)}" if match.group(2) else "")
                current = (chinese_number(match.group(1)), suffix, label)
                rest = match.group(3)
            paragraphs = [(rest.strip(), [])]
            continue
        if current is None:
            continue
        if _ITEM_RE.match(line) and paragraphs:
            paragraphs[-1][1].append(line)
        else:
            paragraphs.append((line, []))
    close()
    return articles


def laws_dir() -> Path:
    return resources_dir() / "laws"


def normalize_name(name: str) -> str:
    """Instrument names compare with 〈〉 and 《》 alike, without the outer 《》 and surrounding spaces."""
    name = name.strip()
    if name.startswith("《") and name.endswith("》"):
        name = name[1:-1]
    return name.replace("〈", "《").replace("〉", "》").strip()


class LawLibrary:
    """The instruments of one library folder; texts are parsed on first use and kept."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else laws_dir()
        self._instruments: list[Instrument] = []
        self._by_name: dict[str, Instrument] = {}
        self._articles: dict[str, dict[tuple[int, int], Article]] = {}
        self._load_index()

    def _load_index(self) -> None:
        located = load_yaml(self.directory / "index.yaml")
        data = located.data
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise located.error("format", f"必须是 {FORMAT}")
        entries = data.get("instruments")
        if not isinstance(entries, list) or not entries:
            raise located.error("instruments", "必须是非空的列表")
        for index, entry in enumerate(entries):
            path = f"instruments[{index}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
                raise located.error(f"{path}.name", "必须写明文件全称")
            aliases, files = entry.get("aliases", []), entry.get("files")
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise located.error(f"{path}.aliases", "必须是文字列表")
            if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
                raise located.error(f"{path}.files", "必须是非空的文件名列表")
            missing = [f for f in files if not (self.directory / f).is_file()]
            if missing:
                raise located.error(f"{path}.files", f"找不到文本文件：{'、'.join(missing)}")
            instrument = Instrument(
                name=normalize_name(entry["name"]),
                aliases=tuple(normalize_name(a) for a in aliases),
                files=tuple(self.directory / f for f in files),
            )
            for key in (instrument.name, *instrument.aliases):
                if key in self._by_name:
                    raise located.error(path, f"名称“{key}”重复")
                self._by_name[key] = instrument
            self._instruments.append(instrument)

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        return tuple(self._instruments)

    def instrument(self, name: str) -> Instrument | None:
        """The instrument a basis names (full name or abbreviation), or None when it is not in the library."""
        return self._by_name.get(normalize_name(name))

    def articles(self, instrument: Instrument) -> dict[tuple[int, int], Article]:
        if instrument.name not in self._articles:
            merged: dict[tuple[int, int], Article] = {}
            for file in instrument.files:
                try:
                    text = file.read_text(encoding="utf-8")
                except OSError as exc:
                    raise DataFileError(file, None, "", f"无法读取文件：{exc.strerror or exc}") from exc
                for key, article in parse_law_text(text).items():
                    merged.setdefault(key, article)
            self._articles[instrument.name] = merged
        return self._articles[instrument.name]

    def article(self, name: str, number: int, suffix: int = 0) -> Article | None:
        instrument = self.instrument(name)
        return None if instrument is None else self.articles(instrument).get((number, suffix))

    def check(self, citation: Citation) -> str | None:
        """Why `citation` cannot be found in an instrument of the library, or None (found, or not in the library)."""
        instrument = self.instrument(citation.instrument)
        if instrument is None or citation.article is None:
            return None
        article = self.articles(instrument).get((citation.article, citation.suffix))
        if article is None:
            return f"《{instrument.name}》没有{citation.article_label}"
        if citation.paragraph is not None and citation.paragraph > len(article.paragraphs):
            return f"《{instrument.name}》{article.label}只有{len(article.paragraphs)}款，没有第{citation.paragraph}款"
        if citation.item is not None:
            items = article.items_of(citation.paragraph)
            if citation.item > len(items):
                where = f"{article.label}" + (f"第{citation.paragraph}款" if citation.paragraph else "")
                return f"《{instrument.name}》{where}只有{len(items)}项，没有第{citation.item}项"
        return None

    def text_of(self, citation: Citation) -> str | None:
        """The text of the cited article (all of it: a 款 or 项 is read in its article), or None when not here."""
        if citation.article is None:
            return None
        article = self.article(citation.instrument, citation.article, citation.suffix)
        return article.text() if article else None

    def excerpts(self, basis: str) -> list[Excerpt]:
        """Each distinct cited article of `basis` found in the library, in citing order, with its text."""
        seen: set[tuple[str, int, int]] = set()
        found: list[Excerpt] = []
        for citation in parse_basis(basis):
            instrument = self.instrument(citation.instrument)
            if instrument is None or citation.article is None:
                continue
            key = (instrument.name, citation.article, citation.suffix)
            article = self.articles(instrument).get((citation.article, citation.suffix))
            if article is None or key in seen:
                continue
            seen.add(key)
            found.append(Excerpt(instrument=instrument.name, label=article.label, text=article.text()))
        return found


@dataclass(frozen=True)
class Excerpt:
    """One cited article for display: `《instrument》label` and the article text."""

    instrument: str
    label: str
    text: str

    @property
    def body(self) -> str:
        """The text without its leading label (shown under `heading`, which already names the article)."""
        return self.text.removeprefix(self.label).lstrip()

    @property
    def heading(self) -> str:
        """`《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第一百一十一条`: inner titles in 〈〉."""
        inner = self.instrument.replace("《", "〈").replace("》", "〉")
        return f"《{inner}》{self.label}"


@cache
def default_library() -> LawLibrary:
    """The shipped library, loaded once per process (the texts themselves only when first read)."""
    return LawLibrary()


def article_excerpts(basis: str) -> list[Excerpt]:
    """The shipped texts of the articles `basis` cites, for the detail pane, flag card, trainee result and PDF."""
    return default_library().excerpts(basis)


def excerpts_text(basis: str) -> str:
    """The cited articles as plain text, one block per article headed `《…》第N条`, or "" when none is here."""
    return "\n\n".join(f"{e.heading}\n{e.body}" for e in article_excerpts(basis))


# ---------------------------------------------------------------------------------------------------------------
# Parsing a legal basis


@dataclass(frozen=True)
class Citation:
    """One cited place: the instrument as written, and article / 款 / 项 where given (a 章 or 节 has no article)."""

    instrument: str
    article: int | None = None
    suffix: int = 0
    paragraph: int | None = None
    item: int | None = None
    chapter: str = ""

    @property
    def article_label(self) -> str:
        if self.article is None:
            return self.chapter
        suffix = f"之{'一二三四五六七八九十'[self.suffix - 1]}" if self.suffix else ""
        return f"第{self.article}条{suffix}"

    def __str__(self) -> str:
        parts = [self.article_label]
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}款")
        if self.item is not None:
            parts.append(f"第{self.item}项")
        return f"《{self.instrument}》{''.join(parts)}"


_INSTRUMENT_RE = re.compile(r"《((?:[^《》]|〈[^〈〉]*〉)+)》")
_NUM = rf"(\d+|[{_CN_NUM}]+)"
_TOKEN_RE = re.compile(rf"第{_NUM}(条|款|项|章|节)(?:之{_NUM})?|(至)")
#: `第129–130条` is written out as `第129条至第130条` before the references are read.
_SHORT_RANGE_RE = re.compile(rf"第{_NUM}\s*[－—–-]\s*{_NUM}条")


def parse_basis(basis: str) -> list[Citation]:
    """Every citation in `basis`. Each 《instrument》 governs the references after it up to the next one.

    `第91条第6项、第7项` gives items 6 and 7 of article 91; `第35条第2款、第3款` gives two paragraphs; `第128条至第140条`
    every article from 128 to 140; `第四章第二节` one chapter reference (not checked against articles).
    """
    citations: list[Citation] = []
    matches = list(_INSTRUMENT_RE.finditer(basis))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(basis)
        citations.extend(_parse_references(match.group(1), basis[match.end():end]))
    return citations


def _parse_references(instrument: str, text: str) -> list[Citation]:
    found: list[Citation] = []
    article: tuple[int, int] | None = None
    paragraph: int | None = None
    item: int | None = None
    chapter = ""
    pending = False
    ranging = False

    def emit() -> None:
        if pending and article is not None:
            found.append(Citation(instrument, article[0], article[1], paragraph, item))
        elif pending and chapter:
            found.append(Citation(instrument, chapter=chapter))

    text = _SHORT_RANGE_RE.sub(r"第\1条至第\2条", text)
    for token in _TOKEN_RE.finditer(text):
        if token.group(4):
            ranging = article is not None and paragraph is None and item is None
            continue
        number, unit = _number(token.group(1)), token.group(2)
        suffix = _number(token.group(3)) if token.group(3) else 0
        if unit == "条":
            emit()
            if ranging and article is not None:
                found.extend(Citation(instrument, n) for n in range(article[0] + 1, number))
            ranging = False
            article, paragraph, item, chapter, pending = (number, suffix), None, None, "", True
        elif unit == "款" and article is not None:
            if paragraph is not None or item is not None:
                emit()
                item = None
            paragraph, pending = number, True
        elif unit == "项" and article is not None:
            if item is not None:
                emit()
            item, pending = number, True
        elif unit in ("章", "节"):
            if unit == "章" or not chapter:
                emit()
                article, paragraph, item, chapter = None, None, None, token.group(0)
            else:
                chapter += token.group(0)
            pending = True
    emit()
    if not found:
        found.append(Citation(instrument))
    return found
