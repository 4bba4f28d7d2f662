"""Practice results per trainee: on a database without accounts, the profile name tells trainees apart."""

from __future__ import annotations

from desktop_app.core.practice import ItemOutcome, PracticeResult
from desktop_app.services.container import Services
from desktop_app.services.profile import update_profile
from desktop_app.services.training_results import class_report, save_result


def _run(outcomes: dict[str, tuple[str, str | None, str]], score: int) -> PracticeResult:
    return PracticeResult("案号", tuple(ItemOutcome(i, f"问题{i}", e, a, o, "", "") for i, (e, a, o) in outcomes.items()),
                          score)


def test_results_are_kept_per_profile_name_with_the_most_missed_items(services: Services) -> None:
    first = update_profile(services.database, services.actor, "学员甲", "prosecutor")
    save_result(services.database, first, "s1", _run({"A": ("fail", "pass", "missed"), "B": ("pass", "pass", "agreed"),
                                                      "C": ("pass", "fail", "false_alarm")}, 33))
    second = update_profile(services.database, first, "学员乙", "prosecutor")
    save_result(services.database, second, "s1", _run({"A": ("fail", None, "missed"), "B": ("pass", "pass", "agreed"),
                                                       "C": ("pass", "pass", "agreed")}, 67))
    save_result(services.database, second, "s2", _run({"D": ("fail", "fail", "agreed")}, 100))

    report = class_report(services.database, second)
    assert [(t.trainee, t.runs, round(t.average_score, 1)) for t in report.trainees] == [("学员甲", 1, 33.0),
                                                                                          ("学员乙", 2, 83.5)]
    assert [(m.item_id, m.missed, m.false_alarms, m.runs, m.trainees) for m in report.most_missed] == [
        ("A", 2, 0, 2, 2), ("C", 0, 1, 2, 1)]
    assert [(r.trainee, r.sample, r.scored, r.agreed) for r in report.rows][-1] == ("学员甲", "s1", 3, 1)
    only_s2 = class_report(services.database, second, "s2")
    assert [r.sample for r in only_s2.rows] == ["s2"] and only_s2.most_missed == []
