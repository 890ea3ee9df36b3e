"""The ``entities`` pipeline component: people, organisations and places.

Per sentence, recognisers propose spans over our tokens (marsad.extract.entities.ner_tokens):
1. the CRF model trained on ANERcorp (marsad.extract.entities.ner_model), MISC dropped,
   PERS renamed PER;
2. the alias tables of well-known actors (marsad.extract.entities.canonical_aliases);
3. the place gazetteer (marsad.extract.entities.gazetteer): countries, regions and capitals
   always; other towns when the model gives the words some LOC probability, or after
   a place word («مدينة», «بلدة», «ريف» …), or when they are big cities, or when
   the word belongs to a word cluster full of place names (it is used as places are);
   places in a list after a place head (1–3: marsad.extract.entities.propose);
4. names by their written form (marsad.extract.entities.propose_names): people after
   a title or rank, institutions («وزارة الصحة السورية»), armed groups, operations
   rooms, quoted outlets and bodies named by a nationality adjective
   (marsad.extract.entities.org_patterns), and the other items of a list of organisations.
Overlaps are settled longest first (ties: alias, gazetteer country, pattern, model …),
and each span is cut to the name (marsad.extract.entities.spans): an attached clitic
(و، ب، ل، ف، ك) comes off when the rest is a known name («وسوريا» → «سوريا»), titles
and place words go, a person's name ends at the first word no name has.

Then each mention gets its canonical name and a stable ``entity_id``
(``f"{type}:{fold(canonical)}"``, the same across articles; marsad.extract.entities.linking):
- aliases → the table's canonical («قسد» → «قوات سوريا الديمقراطية»), also when the
  alias is inside a longer mention («تنظيم داعش الإرهابي»), unless a nationality
  adjective makes it another body («مجلس الأمن الروسي»);
- places → the gazetteer's name, coordinates and admin area, choosing among
  homonyms by the article's countries and by population;
- people → within an article, a surname or a variant («كوناشينكوف» after
  «اللواء إيغور كوناشينكوف», one letter apart for long names; «لنصر الحريري») joins
  the full name, and the fullest name is canonical.  Title and role come from
  marsad.extract.entities.roles.  A body or place right after an office word
  («رئيس الاتحاد الروسي», «رئيس هيئة الأركان») describes the office and is no mention;
  one further inside a role phrase is («الأمين العام لمجلس الأمن الروسي»).
"""

from __future__ import annotations

import dataclasses
import re

from marsad.document import Document, Entity
from marsad.extract.entities import canonical_aliases, gazetteer
from marsad.extract.entities.linking import (
    _alias_in,
    _clean_name,
    _complete_people,
    _entity_id,
    _group_people,
    _merge_org_prefixes,
    _stray_town,
)
from marsad.extract.entities.mention import (
    _INSTITUTION_HEADS,
    _STRONG_PLACE_WORDS,
    _TIME_WORDS,
    Mention,
)
from marsad.extract.entities.ner_model import tag_sentences
from marsad.extract.entities.ner_tokens import token_texts, tokenize
from marsad.extract.entities.propose import _dictionary_mentions, _listed_places, _model_mentions
from marsad.extract.entities.propose_names import (
    _institutions,
    _listed_organisations,
    _pattern_mentions,
    _titled_names,
)
from marsad.extract.entities.roles import person_role
from marsad.extract.entities.spans import (
    _after_office_word,
    _after_vehicle_word,
    _clitic_cut,
    _conjunction_cut,
    _cut_at_place_word,
    _extend_given_name,
    _is_name,
    _lone_adjective,
    _lone_direction,
    _same_span_fix,
    _settle,
    _trim_person,
    _trim_place_word,
)
from marsad.pipeline import component
from marsad.text.normalize import fold, strip_clitics
from marsad.text.sentences import split_sentences


def _find_mentions_in_fields(fields: list[tuple[str, list[tuple[int, int]], str]]) -> list[Mention]:
    """Recognise mentions in each (text, sentences, field name) of ``fields`` (offsets
    into its text), sentence by sentence; the model tags the sentences of all the
    fields as one batch."""
    # the words of a sentence at once; its tokens, with their offsets, only where a
    # mention is found (_find_mentions)
    all_words = [[token_texts(text, s_start, s_end) for s_start, s_end in sentences]
                 for text, sentences, _ in fields]
    tagged = tag_sentences([words for field_words in all_words for words in field_words], ("PERS", "LOC"))
    mentions: list[Mention] = []
    done = 0
    for (text, sentences, field), field_words in zip(fields, all_words, strict=True):
        mentions += _find_mentions(text, sentences, field_words, tagged[done:done + len(field_words)], field)
        done += len(field_words)
    return mentions


def _find_mentions(text: str, sentences: list[tuple[int, int]], all_words: list[list[str]],
                   tagged: list[tuple[list[str], list[dict[str, float]]]], field: str) -> list[Mention]:
    """Recognise mentions in ``text`` (offsets into it), sentence by sentence, given
    its sentences' bounds, words and the model's tags and probabilities."""
    mentions: list[Mention] = []
    for (s_start, s_end), words, (tags, probs) in zip(sentences, all_words, tagged, strict=True):
        if not words:
            continue
        folded = list(map(fold, words))  # once for all the recognisers
        candidates = (
            _model_mentions(tags, words) + _dictionary_mentions(words, probs, folded)
            + _titled_names(words, probs, folded) + _listed_places(words, probs, folded)
            + _institutions(words, folded) + _pattern_mentions(words, folded)
        )
        listed = [m for m in candidates if m.source == "list"]
        candidates = [  # in a list of places, the items are places, not people
            c for c in candidates
            if not (c.source in ("model", "title") and c.type in ("PER", "ORG")
                    and any(c.start < m.end and m.start < c.end for m in listed))
        ]
        chosen = _settle(candidates)
        _same_span_fix(chosen, candidates)
        chosen = _listed_organisations(words, chosen)
        if not chosen:
            continue
        toks = tokenize(text, s_start, s_end)  # the words of ``words``, with offsets
        kept: list[Mention] = []
        people = [m for m in chosen if m.type == "PER"]
        taken = {i for m in chosen for i in range(m.start, m.end)}
        for m in people:
            _extend_given_name(m, words, taken)
            _trim_person(m, words)
        for m in chosen:
            m.field = field
            if m.type == "LOC":
                _trim_place_word(m, words)
                _cut_at_place_word(m, words)
                m.after_place_word = m.start > 0 and any(
                    f in _STRONG_PLACE_WORDS for f in strip_clitics(fold(words[m.start - 1])))
            while m.type == "ORG" and m.source != "alias" and m.end - m.start > 1 \
                    and fold(words[m.end - 1]) in _TIME_WORDS:
                m.end -= 1  # «وكالة الأنباء السعودية الخميس»
            if m.end < len(words) and words[m.end] == "ا" and m.source != "alias":
                # «ومالي ا» (ماليًّا, financially): an accusative adverb split by the page
                if m.end - m.start == 1:
                    continue
                m.end -= 1
            m.words = words[m.start:m.end]
            cut = _clitic_cut(words[m.start], words[m.start + 1:m.end], m.type)
            if m.conjunction and toks[m.start].text[:1] in "ولبف":
                cut = max(cut, m.conjunction)
            m.char_start = toks[m.start].start + cut
            m.char_end = toks[m.end - 1].end
            if m.type == "PER":
                if m.start > 0 and words[m.start - 1].isalpha():
                    m.prev_word = (toks[m.start - 1].start, words[m.start - 1])
                left = max((p.end for p in people if p.end <= m.start), default=0)
                right = min((p.start for p in people if p.start >= m.end), default=len(words))
                info = person_role(words, m.start, m.end, left, right)
                m.title = info.title
                if info.role_span:
                    rs, re_ = info.role_span
                    m.role_chars = (toks[rs].start + _conjunction_cut(words[rs]), toks[re_ - 1].end)
                    m.role = text[m.role_chars[0]:m.role_chars[1]]
            elif _after_office_word(toks, m.start):
                continue  # «رئيس هيئة الأركان»: the body describes an office
            elif m.type == "ORG" and m.source == "model" and _after_vehicle_word(words, m.start):
                continue  # «سيارة بيك آب»: a vehicle, not an organisation
            elif m.type == "ORG" and m.source == "model" and _lone_adjective(words[m.start:m.end]):
                continue  # «العربي»: an adjective alone names no organisation
            kept.append(m)
        # a body or place right after an office word describes the office (skipped
        # above); one further into a role phrase is a mention of its own («الأمين العام
        # لمجلس الأمن الروسي», «مندوب سوريا لدى الأمم المتحدة»)
        # the office word itself is no place («السفيرة الأمريكية»: the ambassador)
        role_starts = {m.role_chars[0] for m in kept if m.role_chars}
        mentions += [m for m in kept if _is_name(text[m.char_start:m.char_end])
                     and (m.type == "PER" or m.char_start not in role_starts)
                     and not (m.type == "LOC" and _lone_direction(words, m))]
    return mentions


@component("entities")
def add_entities(doc: Document) -> Document:
    """Fill ``doc.entities`` (mentions in the text); mentions in the title, dateline
    and outlet go to ``doc.meta["header_entities"]`` with offsets into that field."""
    sentences = [(s.start, s.end) for s in doc.sentences] or list(split_sentences(doc.text))
    fields = {"text": doc.text}
    parts = [(doc.text, sentences, "text")]
    for name in ("title", "dateline"):
        value = getattr(doc, name)
        if value:
            fields[name] = value
            parts.append((value, list(split_sentences(value)), name))
    mentions = _find_mentions_in_fields(parts)
    if doc.outlet:
        fields["outlet"] = doc.outlet
        hit = canonical_aliases.lookup(doc.outlet)
        if hit:  # an outlet is an entity when it is a known agency («سانا»)
            mentions.append(Mention(0, 0, hit[0], "alias", canonical=hit[1], field="outlet",
                                    char_start=0, char_end=len(doc.outlet)))

    texts = {id(m): fields[m.field][m.char_start:m.char_end] for m in mentions}
    _complete_people(mentions, texts, fields)
    # canonical names: aliases first
    for m in mentions:
        if m.canonical is None and m.type in ("ORG", "PER"):
            hit = _alias_in(m.words, m.type)
            if hit and (hit[0] == m.type or m.type == "ORG"):
                m.type, m.canonical = hit
    # places: countries first, they decide among homonymous towns
    context: list[str] = []
    for m in mentions:
        if m.type == "LOC":
            place = gazetteer.resolve(texts[id(m)])
            if place and place.kind in ("country", "capital") and place.country:
                context.append(place.country)
    for m in mentions:
        if m.type == "LOC" and m.canonical is None:
            m.place = gazetteer.resolve(texts[id(m)], context)
            if m.source == "list" and m.place and m.place.country not in (*context, *gazetteer._THEATRE):
                m.place = None  # an unknown village that shares a name with a town abroad
            m.canonical = m.place.canonical if m.place else _clean_name(texts[id(m)])
        elif m.type == "ORG" and m.canonical is None:
            m.canonical = _clean_name(texts[id(m)])
    countries = set(context)
    for m in mentions:
        if m.type == "LOC" and _stray_town(m, texts[id(m)], countries):
            # «ومدينة أريحا» in a story about Idlib: named as a place, the homonym in
            # the story's countries, if any
            near = [p for p in gazetteer.candidates(texts[id(m)])
                    if (m.source == "list" or m.after_place_word) and p.country in countries and p.country in gazetteer._THEATRE]
            m.place = gazetteer.choose(near, context) if near else None
            m.canonical = m.place.canonical if m.place else None
    mentions = [m for m in mentions if not (m.type == "LOC" and m.canonical is None)]
    if _speaks_of_bases(doc.text):  # «عدم خضوع القاعدة» after «القاعدة البحرية»: the base
        mentions = [m for m in mentions if not (m.source == "alias" and fold(texts[id(m)]) == fold("القاعدة"))]
    # «لمنظمة الإرهابية»: an institution word with an epithet names no one
    mentions = [m for m in mentions if not (m.type == "ORG" and m.canonical and " " not in m.canonical.strip()
                                            and fold(m.canonical) in _INSTITUTION_HEADS)]
    _merge_org_prefixes([m for m in mentions if m.type == "ORG"])
    # body first, so that names introduced in the text lead their group
    people = sorted((m for m in mentions if m.type == "PER"), key=lambda m: m.field != "text")
    canon = _group_people(people, texts)
    titles: dict[int, str] = {}
    roles_of: dict[int, str] = {}
    title_roles: set[int] = set()
    for m in people:
        if m.title and m.group not in titles:
            titles[m.group] = m.title
        if m.role and (m.group not in roles_of or m.group in title_roles and not _title_role(m)):
            # an office written out («رئيس حكومة لبنان السابق») beats a bare title
            # («الرئيس الحريري») met earlier
            roles_of[m.group] = m.role
            if _title_role(m):
                title_roles.add(m.group)
            else:
                title_roles.discard(m.group)

    doc.entities = []
    header: list[dict[str, object]] = []
    for m in sorted(mentions, key=lambda m: m.char_start):
        if m.type == "PER":
            canonical = canon.get(m.group, texts[id(m)])
            title, role = titles.get(m.group), roles_of.get(m.group)
        else:
            canonical, title, role = m.canonical or texts[id(m)], None, None
        entity = Entity(
            start=m.char_start, end=m.char_end, text=texts[id(m)], type=m.type,
            canonical=canonical, entity_id=_entity_id(m.type, canonical), title=title, role=role,
            lat=m.place.lat if m.place else None, lon=m.place.lon if m.place else None,
            country=(m.place.country or None) if m.place else None,
            admin=m.place.admin_name if m.place else None,
        )
        if m.field == "text":
            doc.entities.append(entity)
        else:
            header.append({"field": m.field, **dataclasses.asdict(entity)})
    if header:
        doc.meta["header_entities"] = header
    else:
        doc.meta.pop("header_entities", None)
    return doc


_BASES = re.compile(r"(?:القاعد[ةه]\s+(?:ال)?(?:بحري|جوي|عسكري)|القاعدتين|قاعدتي)")


def _speaks_of_bases(text: str) -> bool:
    """Does an article speak of military bases (so that «القاعدة» alone is a base),
    and never of «تنظيم القاعدة»?"""
    return bool(_BASES.search(text)) and "تنظيم القاعدة" not in text


def _title_role(m: Mention) -> bool:
    """Is a person's role only the title written before the name («الرئيس»)?"""
    return bool(m.role and m.title and m.role == m.title)
