"""Where reported speech stops: quotation marks in every style, balanced or not.

Arabic news mixes «…», “…”, ”…“, "…" and leaves many of them unbalanced (a quote
opened before a name and closed at the end of the paragraph, «وأضاف»…» with a closer
used as an opener).  The rules here:

- ``is_direct(text)``: content is a direct quotation when a quotation mark opens it
  (within its first two words: «إن “…», «“أن …»).
- ``quote_end(text)``: for a direct quotation, the index just after the mark that closes
  the opening one, when what follows it holds no more quotation marks (narration after
  the quote: «… ” في إشارة إلى …»); ``None`` when the quotation never closes cleanly, in
  which case the content runs to the end of its clause.
"""

from __future__ import annotations

OPENERS = "«“„‹"
CLOSERS = "»”›"
SYMMETRIC = "\"'"
QUOTES = OPENERS + CLOSERS + SYMMETRIC


def is_direct(text: str) -> bool:
    """True when ``text`` opens with a quotation (allowing one leading word like «إن»)
    that is more than a quoted name of up to three words."""
    first = next((i for i, ch in enumerate(text) if ch in QUOTES), None)
    if first is not None:
        close = next((i for i in range(first + 1, len(text)) if text[i] in QUOTES), None)
        if close is not None and len(text[first:close].split()) <= 3 and text[close + 1:].split():
            return False
    head = text.lstrip()[:12]
    words = head.split()
    if not words:
        return False
    if head[0] in QUOTES:
        return True
    return len(words) > 1 and words[1][:1] in QUOTES or any(c in QUOTES for c in words[0][1:])


def quote_end(text: str) -> int | None:
    """Index just after the mark closing the quotation that opens ``text``."""
    first = next((i for i, ch in enumerate(text) if ch in QUOTES), None)
    if first is None:
        return None
    depth = 0
    stack: list[str] = []
    for i in range(first, len(text)):
        ch = text[i]
        if ch in OPENERS:
            stack.append(ch)
        elif ch in CLOSERS:
            if stack:
                stack.pop()
            else:
                stack.append(ch)  # a closer used as an opener
        elif ch in SYMMETRIC:
            if stack and stack[-1] == ch:
                stack.pop()
            else:
                stack.append(ch)
        else:
            continue
        depth = len(stack)
        if depth == 0:
            rest = text[i + 1:]
            if len(text[first:i].split()) <= 3 and rest.split():
                return None  # a quoted name («داعش») opening the content, not a quotation
            if any(c in QUOTES for c in rest):
                return None
            if len(rest.split()) < 2:
                return None  # nothing worth cutting: keep the natural end
            return i + 1
    return None
