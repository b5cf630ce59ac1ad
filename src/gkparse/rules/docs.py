"""The rules as a Markdown page: ``docs/rules.md`` is generated from the catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from gkparse.rules.catalogue import RULES
from gkparse.rules.spec import Rule, describe


def rules_markdown(rules: Iterable[Rule] = RULES) -> str:
    """The rules as a Markdown page (``docs/rules.md`` is this, generated)."""
    lines = [
        "# Rules",
        "",
        "Generated from `gkparse.RULES` by `gkparse --rules`; do not edit by hand.",
        "",
        "| id | scope | severity | editions | rule | as data |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{rule.id}` | {rule.scope} | {rule.severity} | {', '.join(rule.editions)} | {rule.description} "
        f"| {'`' + describe(rule.equation) + '`' if rule.equation else 'a check of its own'} |"
        for rule in rules
    ]
    return "\n".join(lines) + "\n"
