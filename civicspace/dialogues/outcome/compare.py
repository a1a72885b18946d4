"""Comparing two versions of an outcome document: their blocks as lines, and an HTML list of what
was added and removed (`outcome_diff`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from .context import Block, Text, outcome_context


def _lines(block: Block) -> Iterator[tuple[str, str, str, str]]:
    """(class, lang, key, text) lines of one block, for comparing versions. The key leaves out
    numbers that shift when an ask or a session is added or removed before them."""
    for col in block.cols:
        lang = col["lang"]

        def line(
            kind: str, text: Text | str, prefix: str = "", lang: str = lang
        ) -> Iterator[tuple[str, str, str, str]]:
            if isinstance(text, Text):
                for paragraph in text.paragraphs or ([text.value] if text.value else []):
                    key = " ".join(paragraph.split())
                    yield kind, text.lang, key, f"{prefix}{key}"
            elif text:
                yield kind, lang, text, f"{prefix}{text}"

        labels = col["labels"]
        if block.kind == "head":
            yield from line("heading", col["title"])
            yield from line("meta", col["dates"])
            yield from line("meta", col["venue"])
            for c in col["co_chairs"]:
                yield from line("meta", f"{labels['co_chairs']}: {c['name']}, {c['organisation']}")
        elif block.kind == "summary":
            yield from line("heading", labels["summary"])
            yield from line("text", col["text"])
        elif block.kind == "section":
            yield from line("heading", col["heading"])
            yield from line("text", col["body"])
        elif block.kind == "participants":
            yield from line("heading", labels["participants"])
            for _group, orgs in col["groups"]:
                for org in orgs:
                    yield from line("item", org)
        elif block.kind == "session":
            yield from line("heading", col["title"], f"{col['number']}. ")
            yield from line("text", col["concerns"])
            yield from line("text", col["notes"])
            for ask in col["asks"]:
                to = f" → {ask['addressees']}" if ask["addressees"] else ""
                yield from line("ask", f"{ask['text']}{to}", f"{ask['number']} ", ask["text"].lang)


def outcome_diff(
    old_content: dict[str, Any], new_content: dict[str, Any], lang: str, *, context: int = 2
) -> str:
    """An HTML list comparing two versions line by line: added lines in <ins>, removed in <del>,
    unchanged stretches longer than `context` lines on each side folded into one line."""
    meta: dict[str, Any] = {"sha256": "", "number": 0, "status": "", "adopted_at": None, "permalink": ""}
    old = [x for b in outcome_context(old_content, lang, **meta)["blocks"] for x in _lines(b)]
    new = [x for b in outcome_context(new_content, lang, **meta)["blocks"] for x in _lines(b)]
    items: list[SafeString] = []

    def item(state: str, line: tuple[str, str, str, str]) -> SafeString:
        kind, code, _key, text = line
        if state == "same":
            return format_html('<li class="diff-same diff-{}" lang="{}">{}</li>', kind, code, text)
        tag = mark_safe("ins" if state == "add" else "del")  # noqa: S308 - a constant tag name
        return format_html(
            '<li class="diff-{} diff-{}" lang="{}"><{}>{}</{}></li>', state, kind, code, tag, text, tag
        )

    matcher = difflib.SequenceMatcher(a=[x[2] for x in old], b=[x[2] for x in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    if all(op == "equal" for op, *_rest in opcodes):
        return format_html(
            '<p class="outcome-diff-none">{}</p>', gettext("The two versions have the same text.")
        )
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            same = new[j1:j2]  # equal keys; show the new numbering
            head = same[:context] if i1 else []
            tail = same[-context:] if i2 < len(old) else []
            hidden = len(same) - len(head) - len(tail)
            if hidden > 1:
                items += [item("same", x) for x in head]
                items.append(
                    format_html(
                        '<li class="diff-skip">{}</li>',
                        ngettext("… %(n)s unchanged line …", "… %(n)s unchanged lines …", hidden)
                        % {"n": hidden},
                    )
                )
                items += [item("same", x) for x in tail]
            else:
                items += [item("same", x) for x in same]
        else:
            items += [item("del", x) for x in old[i1:i2]]
            items += [item("add", x) for x in new[j1:j2]]
    return format_html('<ol class="outcome-diff">{}</ol>', format_html_join("", "{}", ((x,) for x in items)))
