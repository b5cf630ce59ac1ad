"""Table 3 (收到和处理政府信息公开申请情况): each leaf row's seven values."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from gkparse.grids.grid import Grid, GridCell
from gkparse.report import definitions as d
from gkparse.report.interpret.rows import (
    Findings,
    RowParts,
    TableReading,
    ValueSlots,
    all_blank,
    best_match,
    duplicate_row,
    header_slots,
    place_row,
    rows_of,
    unknown_row,
)
from gkparse.report.labels import label_key, ordinal_and_core, placeholder_label
from gkparse.report.model import Cell
from gkparse.vocabulary import Edition

_APPLICATION_LEAVES = d.APPLICATION_ROWS["2021"] + (d.OTHER_HANDLING,)


_LEAF_STARTS = tuple((leaf, ordinal_and_core(leaf.label)) for leaf in _APPLICATION_LEAVES)


def _leaf_by_start(text: str) -> d.Label | None:
    """The one leaf whose label starts as ``text`` does, its ordinal and at
    least one character more: what stands beside a row's numbers when a
    narrow column wraps its label ("2.其" / "他法" / "律行" …)."""
    ordinal, core = ordinal_and_core(text)
    if not ordinal or not core:
        return None
    found = [leaf for leaf, (number, rest) in _LEAF_STARTS if number == ordinal and rest.startswith(core)]
    return found[0] if len(found) == 1 else None


def _application_leaf(labels: Sequence[str], group: str | None) -> tuple[d.Label | None, str | None]:
    leaf: d.Label | None = None
    for text in labels:
        found_group = best_match(text, d.APPLICATION_GROUPS)
        if found_group is not None:
            group = found_group.key
        found = best_match(text, _APPLICATION_LEAVES)
        needed = d.APPLICATION_LEAF_GROUPS.get(found.key) if found else None
        if found is not None and (needed is None or needed == group):
            leaf = found
    if leaf is None and labels:
        leaf = _leaf_by_start(labels[-1])
        needed = d.APPLICATION_LEAF_GROUPS.get(leaf.key) if leaf else None
        leaf = leaf if needed is None or needed == group else None
        group = next((name for name, leaves in _GROUP_LEAVES.items() if leaf in leaves), group)
    return leaf, group


def _joined(first: RowParts, second: RowParts) -> RowParts:
    """Two rows as one: the second's first label continues the first's last."""
    ours = [cell for cell in first.labels if not placeholder_label(cell.text)]
    theirs = [cell for cell in second.labels if not placeholder_label(cell.text)]
    valued = first if first.has_values else second
    if not ours or not theirs:
        return valued
    end, start = ours[-1], theirs[0]
    joined = GridCell(end.text + start.text, end.span.through(start.span))
    return attrs.evolve(valued, labels=(*ours[:-1], joined, *theirs[1:]))


def _wraps(first: RowParts, second: RowParts) -> d.Label | None:
    """The leaf whose label a wrapped label spells across two rows: its whole
    label (as the format writes it) must stand in the joined text across
    the break, so that neither part alone makes the match."""
    ours = [
        key
        for key, cell in zip(first.label_keys, first.labels, strict=True)
        if not placeholder_label(cell.text)
    ]
    theirs = [
        key
        for key, cell in zip(second.label_keys, second.labels, strict=True)
        if not placeholder_label(cell.text)
    ]
    if not ours or not theirs:
        return None
    joined, cut = ours[-1] + theirs[0], len(ours[-1])
    for leaf in _APPLICATION_LEAVES:
        whole = label_key(leaf.label)
        at = joined.find(whole)
        if at != -1 and at < cut < at + len(whole):
            return leaf
    return None


def _pair_wrapped(parts: Sequence[RowParts]) -> list[RowParts]:
    """Rows whose label a converter wrapped onto a row of its own with no
    values (before or after the row with the values) joined into one."""
    out: list[RowParts] = []
    index = 0
    while index < len(parts):
        row = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if following is not None and row.has_values != following.has_values and _wraps(row, following):
            out.append(_joined(row, following))
            index += 2
            continue
        out.append(row)
        index += 1
    return out


#: The leaves of each numbered group of table 3, by the group's key.
_GROUP_LEAVES = {
    "denied": tuple(leaf for leaf in _APPLICATION_LEAVES if leaf.key.startswith("denied_")),
    "unable": tuple(leaf for leaf in _APPLICATION_LEAVES if leaf.key.startswith("unable_")),
    "refused": tuple(leaf for leaf in _APPLICATION_LEAVES if leaf.key.startswith("refused_")),
    "other": d.APPLICATION_OTHER_2021,
}
_NUMBERED = re.compile(r"^([0-9]+)\.")


def _number(key: str) -> str | None:
    found = _NUMBERED.match(key)
    return found.group(1) if found else None


def _subsequence(short: str, long: str) -> bool:
    """Whether ``short``'s characters stand in ``long`` in order (a label whose
    text layer lost characters: 4.保护第三方法权益 in 4.保护第三方合法权益)."""
    rest = iter(long)
    return all(char in rest for char in short)


def _loose_leaf(key: str, unfilled: Sequence[d.Label]) -> d.Label | None:
    """The one unfilled leaf a damaged numbered label can only be: same number,
    and its text an in-order subsequence of the leaf's label."""
    if len(unfilled) != 1:
        return None
    leaf = unfilled[0]
    whole = label_key(leaf.label)
    number = _number(key)
    if number is None or number != _number(whole):
        return None
    return leaf if _subsequence(key[len(number) + 1 :], whole[len(number) + 1 :]) else None


def read_applications(grids: Sequence[Grid]) -> TableReading:
    """Table 3: each leaf row's seven values, by row and column key.

    A numbered row that no label matches is placed only when it is the one
    such row of its group, the group has exactly one unfilled leaf, and the
    row's number and text fit that leaf (LABEL-LOOSE, info); otherwise it is
    ROW-UNPLACED, and the leaves it could be are unknown, not missing.
    """
    findings = Findings()
    rows: dict[str, list[Cell]] = {}
    group: str | None = None
    slots: ValueSlots | None = None
    strays: list[tuple[RowParts, str, ValueSlots | None]] = []
    blank_other: tuple[RowParts, ValueSlots | None] | None = None
    bare: set[str] = set()  # rows read from a header's word alone, without values
    for parts in _pair_wrapped(list(rows_of(grids))):
        labels = parts.label_keys
        if any(word in text for text in labels for word in d.APPLICATION_HEADERS):
            slots = header_slots(parts, len(d.APPLICATION_COLUMNS)) or slots
            continue  # header and caption rows
        leaf, group = _application_leaf(labels, group)
        if leaf is d.OTHER_HANDLING and not parts.has_values:
            # the 2021 group label 其他处理 on a line of its own, or the 2019
            # row 其他处理 left blank: the other rows tell, at the end
            blank_other = (parts, slots) if all_blank(parts, len(d.APPLICATION_COLUMNS)) else blank_other
            continue
        if leaf is None:
            if group in _GROUP_LEAVES and parts.has_values and labels:
                strays.append((parts, group, slots))
            else:
                unknown_row(findings, d.APPLICATIONS, parts)
            continue
        prefix = f"{d.APPLICATIONS}.{leaf.key}"
        first = rows.get(leaf.key)
        if first and not duplicate_row(findings, d.APPLICATIONS, f"row {leaf.label!r}", prefix, parts, first):
            continue
        rows[leaf.key] = place_row(prefix, parts, d.APPLICATION_COLUMNS, findings, slots=slots)
        if labels and labels[-1] in d.BARE_HEADER_WORDS and not parts.has_values:
            bare.add(leaf.key)
        else:
            bare.discard(leaf.key)
    unplaced = _place_strays(strays, rows, findings)
    other_rows = {label.key for label in d.APPLICATION_OTHER_2021}
    if blank_other is not None and not other_rows & rows.keys() and d.OTHER_HANDLING.key not in rows:
        prefix = f"{d.APPLICATIONS}.{d.OTHER_HANDLING.key}"
        parts, slots = blank_other
        rows[d.OTHER_HANDLING.key] = place_row(prefix, parts, d.APPLICATION_COLUMNS, findings, slots=slots)
    # a header's word read as a row, without a value (the column 其他 as the
    # row 3.其他), does not tell the edition
    told = rows.keys() - bare
    edition: Edition | None = (
        "2021" if other_rows & told else "2019" if d.OTHER_HANDLING.key in told else None
    )
    cells = {cell.key: cell for row in rows.values() for cell in row}
    return TableReading.of(cells, tuple(findings.items), edition, unplaced)


def _place_strays(
    strays: Sequence[tuple[RowParts, str, ValueSlots | None]], rows: dict[str, list[Cell]], findings: Findings
) -> list[str]:
    """Rows of a group that no label matched: placed loosely where certain,
    else reported; the row prefixes they leave unknown."""
    unplaced: list[str] = []
    for parts, group, slots in strays:
        unfilled = [leaf for leaf in _GROUP_LEAVES[group] if leaf.key not in rows]
        alone = sum(1 for _, other, _ in strays if other == group) == 1
        leaf = _loose_leaf(parts.label_keys[-1], unfilled) if alone else None
        if leaf is not None:
            prefix = f"{d.APPLICATIONS}.{leaf.key}"
            findings.add(
                "LABEL-LOOSE",
                "info",
                f"applications: row {parts.label_text!r} is read as {leaf.label!r}: the one unfilled row of "
                "its group, with its number and the letters it kept in order",
                (prefix,),
                parts.row.span,
                actual=parts.label_text,
            )
            rows[leaf.key] = place_row(prefix, parts, d.APPLICATION_COLUMNS, findings, slots=slots)
            continue
        if not unfilled:
            unknown_row(findings, d.APPLICATIONS, parts)
            continue
        candidates = [f"{d.APPLICATIONS}.{leaf.key}" for leaf in unfilled]
        findings.add(
            "ROW-UNPLACED",
            "error",
            f"applications: row {parts.label_text!r} is in the table but matches no row label; it may be "
            f"{' or '.join(repr(leaf.label) for leaf in unfilled)}, so its values are not placed",
            tuple(candidates),
            parts.row.span,
            actual=parts.label_text,
        )
        unplaced += candidates
    return unplaced
