"""Person names joined by a lineage word (``محمد بن سلمان``, ``سلامة ولد النفاع``), and
begun after their title (``الدكتور [عبدالقادر]``).

Arabic names chain a person to a parent with بن / ابن / بنت (and, in Mauritania, ولد):
``حضية ولد سلامة ولد النفاع`` is one person. The taggers often cut such a chain at the
connector, because ولد is also the everyday verb "was born" and ابن the noun "son", and return
two people (``[محمد لمين] ولد [سلامة]``). The gold annotation almost never does: a
connector between two person tokens is inside one name 139 times of 139 in NewsFANE TRAIN
and 1,223 of 1,227 in WikiFANE. So a connector standing between two person spans is made
part of one name.

Only these connectors, and only between two PERSON spans: ابنه ("his son", also the folded
ابنة) and plain adjacency (``[كيت بيكنسيل] [وكريستوفر والكن]``: two people) keep spans apart.
On the NewsFANE DEV blocks this raised PERSON F1 by 2.3 points for the ensemble and 1.6 for
the BiLSTM-CRF (README, Accuracy).

Nor does a name end with بن / ابن / بنت: a person span cut right after one ("الشيخ [حمد
بن] وهيط") takes the next word, the father's name (not after ولد, "was born", nor a
preposition). DEV has no such span; on 3,000 SaudiNewsNet articles 12 spans changed, 10 to a
full name ("جلوي بن عبدالعزيز بن مساعد"; "احمد ابن الاربع [سنوات]" is not), and the speaker
"حمد بن" had been one.

Nor does a name begin with a title in the definite: a person span that opens with one
("[الدكتور عبدالقادر]", "[اللواء منصور التركي]", "[المهندس محمد]") begins after it. News
gold leaves the title out (NewsFANE TRAIN: a PERSON span after الدكتور 26 times, with it 5;
after الشيخ 50 / 2, الملك 29 / 4, الرئيس 47 / 2), and a title kept in the span makes its own
entity of "الدكتور عبدالقادر" or "المهندس محمد" (a common given name, which is otherwise kept to
its article). A title without the article is often a name (أمين، مساعد، أميرة): never cut.
On the DEV blocks: CRF micro F1 0.765 → 0.767 (PERSON 0.765 → 0.772), the ensemble 0.806 →
0.807, the BiLSTM-CRF unchanged; held out the CRF's PERSON F1 0.801 → 0.804; AQMAR +0.2 to
+0.5. On 3,000 SaudiNewsNet articles 113 person mentions of the default tagger began with
one, and 94 claims now have their speaker's entity without the title.
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.entities.spans import bio_spans
from transforms.entities.titles import is_title
from transforms.text import normalize_word

#: Normalized lineage words that join the names on either side into one person.
CONNECTORS = frozenset(normalize_word(word) for word in ("بن", "ابن", "بنت", "ولد"))


# A span may end on these only by mistake (ولد also "was born": "منصور ولد في"), and these
# words after it are no father's name.
_TRAILING = CONNECTORS - {normalize_word("ولد")}
_NOT_FATHERS = frozenset(normalize_word(w) for w in "في من منذ على إلى الى عن مع عام سنة".split())


def join_lineage(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """BIO ``labels`` of ``words`` with every connector of ``CONNECTORS`` that stands
    between two PERSON spans (as ``O`` or as the first word of the second span) made an
    ``I-PERSON`` of one span with both."""
    out = list(labels)
    if out.count("B-PERSON") + out.count("I-PERSON") < 2:  # most sentences: no pair to join
        return out
    for i in range(1, len(words) - 1):
        if (
            out[i] == "I-PERSON" and out[i + 1] == "O" and normalize_word(words[i]) in _TRAILING
            and words[i + 1].isalpha() and normalize_word(words[i + 1]) not in _NOT_FATHERS
        ):
            out[i + 1] = "I-PERSON"  # a name never ends with its connector: "الشيخ [حمد بن] وهيط"
        if (
            out[i - 1].endswith("-PERSON")
            and out[i] in ("O", "B-PERSON")
            and out[i + 1] in (("B-PERSON", "I-PERSON") if out[i] == "O" else ("I-PERSON",))
            and normalize_word(words[i]) in CONNECTORS
        ):
            out[i] = "I-PERSON"
            out[i + 1] = "I-PERSON"
    return out


_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")


def _definite_title(word: str) -> bool:
    return is_title(word) and (normalize_word(word) or word).startswith(_DEFINITE)


def drop_leading_titles(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """BIO ``labels`` of ``words`` with every PERSON span that opens with titles in the
    definite (``الدكتور``, ``للشيخ``) begun at the first word after them, if one is left."""
    out = list(labels)
    if "B-PERSON" not in out and "I-PERSON" not in out:
        return out
    for span in bio_spans(out):
        if span.entity_type != "PERSON":
            continue
        first = span.start
        while first < span.end - 1 and _definite_title(words[first]):
            first += 1
        if first > span.start:
            out[span.start:first] = ["O"] * (first - span.start)
            out[first] = "B-PERSON"
    return out
