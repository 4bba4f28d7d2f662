"""`casecheck samples`: the training library from a terminal — list, export and import sample packs, turn a case
of the database into an anonymised sample pack, and a class's practice results.

Kept apart from `cli.py` so that module only registers the parser and dispatches here. Exit codes as everywhere:
2 for a damaged pack or bad input, 4 for a pack from an unknown signer (or no right to act).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli import EXIT_NOT_PERMITTED, EXIT_OK, UsageError, _date_arg, _open, _subcommand
from desktop_app.core.case import CASE_TYPES
from desktop_app.core.i18n import tr


def add_parser(command: Callable[[str, str], argparse.ArgumentParser], parser_class: Any) -> None:
    p = command("samples", "培训示例：列出、导出、导入示例包，把案件脱敏制作为示例，查看培训成绩")
    sub: Any = p.add_subparsers(dest="samples_command", required=True, parser_class=parser_class)
    q = _subcommand(sub, "list", "列出示例（程序自带和已导入的）")
    q.add_argument("--format", choices=("text", "json"), default="text")
    q = _subcommand(sub, "export", "把示例导出为示例包（默认全部示例）")
    q.add_argument("names", nargs="*", metavar="NAME", help="示例名称（见 samples list）")
    q.add_argument("--out", type=Path, required=True, help="示例包文件（.zip）")
    q = _subcommand(sub, "import", "导入示例包（先检查完整性和签名）")
    q.add_argument("file", type=Path)
    q.add_argument("--unverified", action="store_true", help="导入未签名或由未知密钥签名的示例包")
    q.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    q = _subcommand(sub, "anonymise", "把数据库中的案件脱敏，连同答案要点草稿导出为示例包")
    q.add_argument("case_no", metavar="CASE_NO")
    q.add_argument("--out", type=Path, required=True, help="示例包文件（.zip）")
    q.add_argument("--name", help="示例名称（默认：案件类型加一段编号）")
    q.add_argument("--replace", action="append", default=[], metavar="原文=替换文字",
                   help="改用自己的替换文字（可重复）")
    q.add_argument("--today", type=_date_arg, help="答案要点草稿所依据的日期（默认当天）")
    q = _subcommand(sub, "results", "培训成绩：按学员、最常遗漏的检查项")
    q.add_argument("--sample", help="只看一个示例")
    q.add_argument("--format", choices=("text", "json"), default="text")


def cmd_samples(args: argparse.Namespace) -> int:
    return {"list": _list, "export": _export, "import": _import, "anonymise": _anonymise,
            "results": _results}[args.samples_command](args)


def _list(args: argparse.Namespace) -> int:
    from desktop_app.services.samples import ORIGINS, load_samples

    samples = load_samples()
    if args.format == "json":
        print(json.dumps({"format": "casecheck.samples/1", "samples": [
            {"name": s.name, "case_no": s.case.case_no, "case_type": s.case.case_type, "title": s.case.title,
             "origin": s.origin, "items": len(s.key.items)} for s in samples]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for s in samples:
        origin = tr(ORIGINS[s.origin], s.origin)
        print(f"{s.name}\t{CASE_TYPES.get(s.case.case_type, s.case.case_type)}\t{s.case.title}\t{origin}\t"
              + tr(f"逐项答案 {len(s.key.items)} 项", f"{len(s.key.items)} item answers"))
    return EXIT_OK


def _signed(signed_by: str | None) -> str:
    return tr(f"，已用单位密钥 {signed_by} 签名", f", signed with key {signed_by}") if signed_by else \
        tr("，未签名（本机未安装单位密钥）", ", unsigned (no procuratorate key installed)")


def _export(args: argparse.Namespace) -> int:
    from desktop_app.services.sample_packs import export_pack, library

    services = _open(args)
    summary = export_pack(services, library(args.names), args.out)
    print(tr(f"已导出 {summary.samples} 个示例到示例包 {args.out}{_signed(summary.signed_by)}",
             f"exported {summary.samples} samples to {args.out}{_signed(summary.signed_by)}"))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from desktop_app.services.errors import ServiceError
    from desktop_app.services.sample_packs import PackNotTrusted, import_pack
    from desktop_app.services.samples import imported_samples_dir

    if not args.file.is_file():
        raise ServiceError(f"{args.file}: (file): " + tr("文件不存在", "file not found"))
    services = _open(args)
    try:
        summary = import_pack(services, args.file, unverified=args.unverified, dry_run=args.dry_run)
    except PackNotTrusted as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_PERMITTED
    trust = tr("已验证", "verified") if summary.verified else tr("未经验证", "UNVERIFIED")
    print(tr(f"示例包（{trust}）：新增 {len(summary.created)}，更新 {len(summary.updated)}，未变 {len(summary.unchanged)}"
             f"；示例保存在 {imported_samples_dir()}",
             f"sample pack ({trust}): {len(summary.created)} new, {len(summary.updated)} updated, "
             f"{len(summary.unchanged)} unchanged; samples are kept in {imported_samples_dir()}"))
    for name in summary.created + summary.updated:
        print(f"  {name}")
    if summary.dry_run:
        print(tr("试运行：未写入任何内容", "dry run: nothing was written"))
    return EXIT_OK


def _anonymise(args: argparse.Namespace) -> int:
    from desktop_app.services.sample_packs import anonymised_sample, export_anonymised, replacement_lines

    overrides: dict[str, str] = {}
    for text in args.replace:
        original, sep, new = text.partition("=")
        if not sep or not original.strip() or not new.strip():
            raise UsageError(tr(f"--replace: 应为 原文=替换文字：{text[:80]!r}", f"--replace: must be ORIGINAL=NEW: "
                                f"{text[:80]!r}"))
        overrides[original.strip()] = new.strip()
    services = _open(args)
    sample = anonymised_sample(services, args.case_no, name=args.name, overrides=overrides, today=args.today)
    unknown = sorted(set(overrides) - {r.original for r in sample.anonymised.replacements})
    if unknown:
        raise UsageError(tr(f"--replace: 本案没有需替换的“{unknown[0]}”", f"--replace: nothing to replace named "
                            f"{unknown[0]!r} in this case"))
    summary = export_anonymised(services, sample, args.out)
    for line in replacement_lines(sample.anonymised.replacements):
        print(line)
    print(tr(f"已脱敏为示例 {sample.name}（案号 {sample.anonymised.case.case_no}，逐项答案 {len(sample.key.items)} 项）"
             f"并导出到 {args.out}{_signed(summary.signed_by)}；请培训员核对替换和答案要点",
             f"anonymised as sample {sample.name} (case no. {sample.anonymised.case.case_no}, "
             f"{len(sample.key.items)} item answers) and exported to {args.out}{_signed(summary.signed_by)}; "
             "review the replacements and the key"))
    return EXIT_OK


def _results(args: argparse.Namespace) -> int:
    from desktop_app.services.training_results import class_report

    services = _open(args)
    report = class_report(services.database, services.actor, args.sample)
    if args.format == "json":
        print(json.dumps({
            "format": "casecheck.training-results/1",
            "trainees": [{"trainee": t.trainee, "login": t.login, "runs": t.runs,
                          "average_score": round(t.average_score, 1), "best_score": t.best_score,
                          "last_at": t.last_at.isoformat(timespec="seconds")} for t in report.trainees],
            "most_missed": [{"item_id": m.item_id, "question": m.question, "missed": m.missed,
                             "false_alarms": m.false_alarms, "runs": m.runs, "trainees": m.trainees}
                            for m in report.most_missed],
            "runs": [{"trainee": r.trainee, "login": r.login, "sample": r.sample, "score": r.score,
                      "scored": r.scored, "agreed": r.agreed, "missed": r.missed, "false_alarms": r.false_alarms,
                      "at": r.at.isoformat(timespec="seconds")} for r in report.rows],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(tr(f"学员 {len(report.trainees)} 人，练习 {len(report.rows)} 次", f"{len(report.trainees)} trainees, "
             f"{len(report.rows)} runs"))
    for t in report.trainees:
        print(tr(f"{t.trainee}\t练习 {t.runs} 次\t平均 {t.average_score:.1f} 分\t最高 {t.best_score:g} 分",
                 f"{t.trainee}\t{t.runs} runs\taverage {t.average_score:.1f}\tbest {t.best_score:g}"))
    if report.most_missed:
        print(tr("最常遗漏的检查项：", "most missed items:"))
        for m in report.most_missed[:20]:
            print(tr(f"{m.item_id}\t遗漏 {m.missed} 次\t误报 {m.false_alarms} 次\t共作答 {m.runs} 次\t{m.question}",
                     f"{m.item_id}\tmissed {m.missed}\tfalse alarms {m.false_alarms}\tof {m.runs}\t{m.question}"))
    return EXIT_OK
