"""One case exported as a PDF is that case's opinion, titled for it, not a 汇编."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from desktop_app.services.container import Services
from desktop_app.services.exports import export_scorecards
from tests.factories import make_case


def test_one_case_pdf_has_its_own_title(services: Services, tmp_path: Path) -> None:
    case = make_case()
    services.cases.create(services.actor, case)
    out = tmp_path / "one.pdf"
    export_scorecards(services, [case.case_no], "pdf", out)
    title = PdfReader(out).metadata.title  # type: ignore[union-attr]
    assert "汇编" not in title and case.case_no in title
    two = make_case("京朝检刑诉〔2026〕2号")
    services.cases.create(services.actor, two)
    export_scorecards(services, [case.case_no, two.case_no], "pdf", tmp_path / "two.pdf")
    assert "汇编" in PdfReader(tmp_path / "two.pdf").metadata.title  # type: ignore[union-attr]
