"""The domain: case types, checklists, rules, deadlines, scoring. Pure Python, no Qt (a test enforces it)."""
