"""Case rules: evidence-chain gaps, procedure and legal thresholds, each flag citing its legal basis.

The wording and basis of every rule live in the packs under `resources/rules/`; the test of the case lives in a
small named predicate per rule. `load_rulebook` pairs the two and `evaluate_rules` applies them to a case.
"""

from desktop_app.core.rules.base import Finding, RuleContext
from desktop_app.core.rules.engine import evaluate_rules
from desktop_app.core.rules.pack import RuleBook, RuleDef, load_rulebook

__all__ = ["Finding", "RuleBook", "RuleContext", "RuleDef", "evaluate_rules", "load_rulebook"]
