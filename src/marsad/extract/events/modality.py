"""Whether a trigger reports something that happened.

A trigger is **not** an event when its clause, in the few words before it, denies it
(«لم يوجه أي ضربات»), puts it in the future or makes it a plan, purpose or attempt
(«ستوقف الضربات», «لتحرير الرقة», «محاولة خروج»), a threat or an appeal («هدد بشن
هجوم», «طالب بانسحاب»), a condition or a question, or when it names a state rather
than an act or a campaign («المناطق التي تسيطر عليها», «كان يتوجه», «عملية تحرير»).  A trigger inside the content of a claim
whose polarity is ``deny`` is denied too.  These acts are left out of ``doc.events``
(docs/schema.md): what a speaker denies or plans is the claim's business.
"""

from __future__ import annotations

from marsad.extract.events.lexicon import forms
from marsad.extract.events.tokens import Tok

NEGATION = forms("لم لن ليس ليست عدم بدون نفى نفت ينفي تنفي نفي نافيا")
#: negations that reach only the next word or two («ما قتل», «لا يوجد», «دون قتال»)
NEAR_NEGATION = forms("ما لا دون")
#: modal, future, purpose, attempt, threat, appeal and condition words
UNREAL = forms(
    "سوف سيتم ستتم يعتزم تعتزم ينوي تنوي نية يخطط تخطط خطة خطط يستعد تستعد استعداد "
    "استعدادها استعداده مستعدون مستعدة مستعد جاهزون بهدف لهدف بغية أجل لغرض هدف "
    "أحبط أحبطت إحباط منع لمنع "
    "يمنع تمنع الحيلولة للحيلولة هدد هددت يهدد تهدد تهديد توعد توعدت يتوعد حذر حذرت "
    "يحذر تحذير دعا دعت يدعو تدعو دعوة طالب طالبت يطالب تطالب نطالب مطالبة يجب ينبغي "
    "ضرورة الضروري ضروري إذا لو حال يمكن بإمكان إمكانية أمل يأمل تأمل "
    "نأمل حول بشأن بخصوص قدرة قدرات قدراتهم قدرته قدرتها يسمح تسمح السماح ننتظر ينتظر تنتظر ستوقف سيوقف ستنهي سينهي مواصلة سيواصل ستواصل ستتواصل المقبل المقبلة مقترح "
    "اقترح اقترحت قرر قررت"
)
#: «التي يسيطر عليها», «تحت سيطرة»: who holds a place, not the taking of it
STATE_BEFORE = forms("التي الذي اللتين الذين تحت مناطق خضعت تخضع خاضعة باتت بات أصبحت أصبح "
                     "صارت ظلت")
STATE_TRIGGERS = forms("سيطرة السيطرة تسيطر يسيطر")

#: particles that put the imperfect verb after them in the future or a purpose
SUBJUNCTIVE = forms("أن ان حتى كي لكي لن")

#: the preposition ل on a verbal noun: «لتحرير», «للسيطرة», «لاستعادة»
PURPOSE_PREFIXES = ("لت", "للت", "للا", "للسيطر", "لاستعاد", "لاقتحام", "لطرد", "لدحر", "لمنع", "لشن")

ATTEMPT = forms("محاولة محاولات محاولتين حاول حاولت حاولوا يحاول تحاول المحاولة فشل "
                "فشلت فشلوا إفشال")
#: wishes and appeals reach the whole rest of their clause («نريد أن تنتهي المأساة
#: ودخول المساعدات»)
CLAUSE_SCOPE = forms("نريد يريد تريد يريدون نطالب يطالب تطالب يطالبون طالب طالبت دعا دعت "
                     "يدعو تدعو يجب ينبغي نأمل يأمل تأمل نرغب")
OPERATION = forms("عملية عمليات معركة معارك حملة")
CAPTURE_NOUNS = forms("تحرير السيطرة سيطرة استعادة")
WAS = forms("كان كانت كانوا")

#: how many words before a trigger a negation or modal word reaches
REACH = 5


def is_future_verb(tok: Tok) -> bool:
    """«ستوقف», «سيتم», «سنقصف»: the future prefix on an imperfect verb."""
    w = tok.norm
    for stem in (w[1:] if w[:1] in "وف" else w, w):
        if len(stem) >= 4 and stem[0] == "س" and stem[1] in "يتنا" and not (
            stem.endswith(("ه", "ات", "يه")) or stem.startswith(_S_NOUNS)
        ):
            return True
    return False


#: nouns and names that begin like a future verb (سيارة، سيطرة، سياسة، سيرغي، ستة)
_S_NOUNS = ("سيا", "سير", "سيط", "سين", "ستة", "ستين", "سنو", "سنة", "سنت", "سيد",
            "سيف", "سيل", "سان", "سام", "سال")


def is_description(toks: list[Tok], i: int, lo: int, kind: str = "") -> bool:
    """«كان يتوجه», «التي تقدمت», «التي تسيطر عليها», «عملية تحرير», «هجمات سابقة»: the
    trigger describes something or someone, or names a kind of act; it reports no act
    and owns no figure."""
    trig = toks[i]
    prev = toks[i - 1] if i > lo else None
    if prev is not None and prev.forms & OPERATION and trig.forms & CAPTURE_NOUNS:
        return True
    if prev is not None and prev.forms & WAS and trig.norm[:1] in "يت":
        return True
    if kind == "movement" and prev is not None and prev.forms & STATE_BEFORE:
        return True
    if trig.forms & STATE_TRIGGERS:
        near = toks[max(lo, i - 3):i]
        if any(t.forms & STATE_BEFORE for t in near):
            return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.forms & _GENERIC and not trig.norm.startswith("ال"):
        return True  # «يشبه هجمات سابقة»: a kind of act, no happening («هجمات مماثلة على
        # بلدة» are ones that happened)
    return False


#: after an indefinite act noun, a class of acts rather than one that happened
_GENERIC = forms("سابقة سابق")


def failed_capture(toks: list[Tok], i: int, lo: int) -> bool:
    """«فشلت القوات في السيطرة على البلدة», «محاولة اقتحام المدينة والسيطرة عليها»: the
    taking did not happen, the assault did: an attack."""
    return any(t.forms & ATTEMPT for t in toks[max(lo, i - 2 * REACH):i])


def unreal(toks: list[Tok], i: int, lo: int, kind: str = "") -> bool:
    """Whether trigger ``toks[i]`` (its clause starting at ``lo``) of type ``kind`` is
    denied or unreal.  An attempted attack («محاولة اقتحام») is an attack all the same."""
    trig = toks[i]
    if is_future_verb(trig) and trig.forms.isdisjoint(_NOT_FUTURE):
        return True
    start = max(0, i - REACH)
    window = toks[start:i]
    for t in toks[max(lo, i - 2):i]:
        if t.forms & NEAR_NEGATION:
            return True
    if i > lo and toks[i - 1].forms & SUBJUNCTIVE and trig.norm[:1] in "يتن":
        return True  # «حتى تنسحب إسرائيل», «على أن يتم نقل»: not (yet) done
    for k in range(max(lo, i - 4), i - 1):
        if toks[k].forms & SUBJUNCTIVE and toks[k + 1].norm in ("يتم", "تتم"):
            return True  # «على أن يتم نقل جرحى»
    if any(t.forms & CLAUSE_SCOPE for t in toks[lo:i]):
        return True
    for t in window:
        if kind == "attack" and t.forms & ATTEMPT:
            continue
        if t.forms & ATTEMPT:
            return True  # a failed or attempted taking or strike did not happen
        if t.forms & NEGATION or t.forms & UNREAL or is_future_verb(t):
            return True
        if t.norm in ("اي", "لاي", "باي"):  # «أي ضربات» after a negated verb
            return True
    # purpose «لتحرير», «للسيطرة»: the preposition ل on a verbal noun
    if trig.norm.startswith(PURPOSE_PREFIXES):
        return True
    return False


#: words that begin with س and a person prefix without being future verbs
_NOT_FUTURE = forms("سيطرة السيطرة سيطر سيطرت سيارة سيارات ستة")
