"""Decode the bytes of a text file without ever garbling Arabic.

The rule, in order:

1. no bytes (or only whitespace)             -> ``empty file``
2. a byte-order mark                           -> UTF-8-SIG / UTF-16 LE / UTF-16 BE
3. strict UTF-8                                -> UTF-8
4. NUL bytes in a UTF-16 pattern (ASCII or Arabic code units with a zero or 0x06 high
   byte on one side)                           -> UTF-16 without a BOM
5. any other NUL byte or many control bytes    -> ``binary file, not text``
6. bytes that are UTF-8 except for a broken or cut-off sequence -> an error that says so
   (decoding them as Windows-1256 would give plausible-looking garbage)
7. Windows-1256 when the result is mostly Arabic letters
8. charset-normalizer's best guess, if it reads as text
9. otherwise ``not valid text in UTF-8, UTF-16 or Windows-1256``

``decode_bytes`` raises ``TextDecodeError`` (with a one-line reason); the caller turns
it into an ``InputError`` naming the file.
"""

from __future__ import annotations

import codecs
import re

_UTF8_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


class TextDecodeError(ValueError):
    """The bytes are not text in any encoding we accept; ``str()`` is the reason."""


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def arabic_share(text: str) -> float:
    """Share of Arabic letters among all letters of ``text`` (0 when it has none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _is_arabic(c)) / len(letters)


def control_share(text: str) -> float:
    """Share of control characters other than tab/newline/carriage return/form feed."""
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)
    return bad / len(text)


def _looks_like_text(text: str) -> bool:
    return bool(text.strip()) and control_share(text) < 0.02


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes sit where UTF-16 puts them."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    n = min(len(even), len(odd))
    if n == 0:
        return None
    # ASCII has a zero high byte; Arabic code units (U+06xx) have 0x06 there.
    high_le = sum(1 for b in odd[:n] if b in (0x00, 0x06, 0x20)) / n
    high_be = sum(1 for b in even[:n] if b in (0x00, 0x06, 0x20)) / n
    for share, codec in ((high_le, "utf-16-le"), (high_be, "utf-16-be")):
        if share > 0.9:
            try:
                text = data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                continue
            if len(data) % 2:
                raise TextDecodeError("truncated UTF-16 text (odd number of bytes)")
            if _looks_like_text(text):
                return codec
    return None


def _mostly_utf8(data: bytes, error_at: int) -> bool:
    """True when the bytes before the first error are clearly UTF-8 with non-ASCII text."""
    head = data[:error_at]
    return len(_UTF8_LEAD.findall(head)) >= 3


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``TextDecodeError`` with the reason."""
    if not data.strip():
        raise TextDecodeError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise TextDecodeError(
                f"not valid UTF-8 text (broken or cut-off character at byte {exc.start + 3})"
            ) from None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[2:]
            if len(body) % 2:
                raise TextDecodeError("truncated UTF-16 text (odd number of bytes)")
            try:
                return body.decode(codec), "utf-16"
            except UnicodeDecodeError:
                raise TextDecodeError("not valid UTF-16 text") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error: UnicodeDecodeError | None = exc
    else:
        if "\x00" not in text:
            if not _looks_like_text(text):
                raise TextDecodeError("binary file, not text")
            return text, "utf-8"
        utf8_error = None
    if b"\x00" in data:
        guess = _utf16_guess(data)
        if guess:
            return data.decode(guess), guess
        raise TextDecodeError("binary file, not text")
    if utf8_error is not None and _mostly_utf8(data, utf8_error.start):
        where = "at the end" if utf8_error.start >= len(data) - 4 else f"at byte {utf8_error.start}"
        raise TextDecodeError(f"not valid UTF-8 text (broken or cut-off character {where})")
    cp = data.decode("cp1256", errors="replace")
    if _looks_like_text(cp) and arabic_share(cp) >= 0.6 and "\ufffd" not in cp:
        return cp, "cp1256"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector failure is just "no guess"
        best = None
    if best is not None:
        guess = str(best)
        if _looks_like_text(guess) and "\ufffd" not in guess:
            return guess, str(best.encoding)
    if not _looks_like_text(cp):
        raise TextDecodeError("binary file, not text")
    raise TextDecodeError("not valid text in UTF-8, UTF-16 or Windows-1256")
