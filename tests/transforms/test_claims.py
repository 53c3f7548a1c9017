"""Speakers of claims in patterns of real news, with the names given (no tagger): what
``extract_claims`` does with the mentions the tagger and the gazetteer would give it.
(The seed gold in ``tests/gold/`` measures the whole pipeline.)"""

import pytest

from transforms.claims import extract_claims
from transforms.entities.mentions import Entity, Mention, entity_id_for
from transforms.sentences import split_sentences
from transforms.text import name_key


def _extract(text: str, names: dict[str, str]):
    """Claims of ``text`` whose every occurrence of a name in ``names`` (surface → type) is a
    mention, and the entities of those names."""
    spans = split_sentences(text)
    entities: dict[str, Entity] = {}
    mentions = []
    for surface, entity_type in names.items():
        entity_id = entity_id_for(entity_type, name_key(surface))
        entities[entity_id] = Entity(entity_id, surface, entity_type, None, name_key(surface))
        start = text.find(surface)
        while start >= 0:
            index = next(i for i, s in enumerate(spans) if s.char_start <= start < s.char_end)
            mentions.append(Mention(start, start + len(surface), surface, entity_type, "test", index, entity_id))
            start = text.find(surface, start + 1)
    mentions.sort(key=lambda m: m.start)
    sentences = [(s.char_start, s.char_end, s.paragraph_index, s.is_heading) for s in spans]
    return extract_claims(text, sentences, mentions, entities), entities


def _claims(text: str, names: dict[str, str]):
    """Speakers of the claims of ``text`` (see ``_claim_rows``): (speaker_text, speaker_kind,
    name of the speaker entity)."""
    claims, entities = _extract(text, names)
    return [
        (c.speaker_text, c.speaker_kind,
         entities[c.speaker_entity_id].canonical_name if c.speaker_entity_id else None)
        for c in claims
    ]


def _claim_rows(text: str, names: dict[str, str]):
    return _extract(text, names)[0]


CASES = [
    # (text, names, speakers of its claims in order)
    # a title without a name: one office holder, unnamed
    ("وقال وزير الخارجية الروسي إن الخطة جاهزة.", {},
     [("وزير الخارجية الروسي", "unnamed_official", None)]),
    ("وقال السفير الأمريكي إن الخطة جاهزة.", {},
     [("السفير الأمريكي", "unnamed_official", None)]),
    # ... or the person the article introduced with that title
    ("قال وزير الصحة خالد الفالح إن الخطة جاهزة. وقال الوزير إن التنفيذ يبدأ غدا.",
     {"خالد الفالح": "PERSON"},
     [("وزير الصحة خالد الفالح", "person", "خالد الفالح"), ("الوزير", "person", "خالد الفالح")]),
    ("التقى الرئيس المصري ووزير الخارجية سامح شكري نظيره. وقال الوزير إن الخطة جاهزة.",
     {"سامح شكري": "PERSON"}, [("الوزير", "person", "سامح شكري")]),
    # every word of the title must introduce that person, in its own conjunct
    ("التقى وزير الخارجية الأمريكي جون كيري نظيره. وقال وزير الخارجية الروسي إن الخطة جاهزة.",
     {"جون كيري": "PERSON"}, [("وزير الخارجية الروسي", "unnamed_official", None)]),
    ("لقاء الرئيس الروسي وزعيم كوريا الشمالية كيم جونغ أون. وقال الرئيس الروسي إن الخطة جاهزة.",
     {"كيم جونغ أون": "PERSON"}, [("الرئيس الروسي", "unnamed_official", None)]),
    ("أن الرئيس الروسي “قبل الدعوة بكل سرور”. وقال الرئيس الروسي إن الخطة جاهزة.",
     {"سرور": "PERSON"}, [("الرئيس الروسي", "unnamed_official", None)]),
    # an addressee after a detached لـ is not the speaker, nor part of the speaker's description
    ("وأكد بوتين لـ محمد بن سلمان أن روسيا تثمن علاقاتها مع السعودية.",
     {"بوتين": "PERSON", "محمد بن سلمان": "PERSON", "روسيا": "LOC", "السعودية": "LOC"},
     [("بوتين", "person", "بوتين")]),
    ("وقال الوزير لـ«الجزيرة» إن الخطة جاهزة.", {"الجزيرة": "ORG"},
     [("الوزير", "unnamed_official", None)]),
    ("وقال وزير الصحة خالد الفالح لـ«الحياة» إن الخطة جاهزة.",
     {"خالد الفالح": "PERSON", "الحياة": "ORG"},
     [("وزير الصحة خالد الفالح", "person", "خالد الفالح")]),
    # only an addressee: no speaker
    ("وتؤكد لموسكو أن الخطة جاهزة.", {"موسكو": "LOC"}, []),
    # a named speaker wins over the title
    ("وقال الرئيس الأمريكي باراك أوباما إن الخطة جاهزة.", {"باراك أوباما": "PERSON"},
     [("الرئيس الأمريكي باراك أوباما", "person", "باراك أوباما")]),
    # "يُذكر أن" ("it is noted that") is the writer's background, not the last speaker's words
    ("وقال الوزير عادل الجبير إن الخطة جاهزة. يذكر أن المملكة قدمت مساعدات كبيرة.",
     {"عادل الجبير": "PERSON"}, [("الوزير عادل الجبير", "person", "عادل الجبير")]),
    ("وقال الوزير عادل الجبير إن الخطة جاهزة. ويُذكر أن الوزير زار صنعاء. وأضاف أن الحل قريب.",
     {"عادل الجبير": "PERSON"},
     [("الوزير عادل الجبير", "person", "عادل الجبير"), ("الوزير عادل الجبير", "person", "عادل الجبير")]),
    # ... but with a subject it is a claim like any other
    ("ويذكر التقرير أن الوضع خطير.", {}, [("التقرير", "document", None)]),
    # "على أن" after the cue belongs to the cue: not part of the speaker, not a speaker itself
    ("وشدد الوزير عادل الجبير على أن الوضع خطير.", {"عادل الجبير": "PERSON"},
     [("الوزير عادل الجبير", "person", "عادل الجبير")]),
    ("وأكد الوزير على أن الوضع خطير.", {}, [("الوزير", "unnamed_official", None)]),
    ("قال عادل الجبير إن الخطة جاهزة. وشدد على أن الوضع خطير.", {"عادل الجبير": "PERSON"},
     [("عادل الجبير", "person", "عادل الجبير"), ("عادل الجبير", "person", "عادل الجبير")]),
    # where it was said is not who said it: "عبر حسابه في تويتر", "في صفحته على فيسبوك"
    ("قال عادل الجبير إن الخطة جاهزة. وأكد عبر حسابه في «تويتر» أن الحل قريب.",
     {"عادل الجبير": "PERSON", "تويتر": "ORG"},
     [("عادل الجبير", "person", "عادل الجبير"), ("عادل الجبير", "person", "عادل الجبير")]),
    ("قال عادل الجبير إن الخطة جاهزة. وكتب في صفحته على فيسبوك أن الحل قريب.",
     {"عادل الجبير": "PERSON", "فيسبوك": "ORG"},
     [("عادل الجبير", "person", "عادل الجبير"), ("عادل الجبير", "person", "عادل الجبير")]),
    ("وكتب عادل الجبير في صفحته على فيسبوك أن الحل قريب.",
     {"عادل الجبير": "PERSON", "فيسبوك": "ORG"}, [("عادل الجبير", "person", "عادل الجبير")]),
    # a source named before فإن, with or without a comma, and after وفقا لـ
    ("وبحسب وسائل الإعلام الإسرائيلية فإن الحكومة تدرس الخطة.", {},
     [("وسائل الإعلام الإسرائيلية", "media", None)]),
    ("وبحسب مصادر أمنية، فإن الهجوم وقع فجرا.", {}, [("مصادر أمنية", "unnamed_official", None)]),
    ("ووفقا لوكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"},
     [("وكالة رويترز", "media", "رويترز")]),
    ("وبحسب المصادر فإن الهجوم وقع فجرا.", {}, [("المصادر", "unnamed_official", None)]),
    ("وقال المصدر إن الهجوم وقع فجرا.", {}, [("المصدر", "unnamed_official", None)]),
    # a quoted name inside the source does not end it ('"سي. إن. إن"' holds إن)
    ('وفق ما ذكرت شبكة "سي. إن. إن" الإخبارية، فإن الهجوم وقع فجرا.', {"سي. إن. إن": "ORG"},
     [('شبكة "سي. إن. إن" الإخبارية', "media", "سي. إن. إن")]),
    # an office speaks for itself, not for the person whose office it is
    ("قال مكتب رئيس الوزراء التركي أحمد داود أوغلو إن الشرطة بدأت حملة.", {"أحمد داود أوغلو": "PERSON"},
     [("مكتب رئيس الوزراء التركي أحمد داود أوغلو", "organization", None)]),
    ("التقى رئيس الوزراء التركي أحمد داود أوغلو الوفد. وقال مكتب رئيس الوزراء التركي إن الحملة بدأت.",
     {"أحمد داود أوغلو": "PERSON"}, [("مكتب رئيس الوزراء التركي", "organization", None)]),
    ("وقال مكتب التحقيقات الفيدرالي إن الحملة بدأت.", {"مكتب التحقيقات الفيدرالي": "ORG"},
     [("مكتب التحقيقات الفيدرالي", "organization", "مكتب التحقيقات الفيدرالي")]),
    # mid-sentence, "وفقا لـ X" after a claim is still not a source of its own, however X is
    # written; without a claim before it, it is ("وفقًا لمعهد" glues the source's لـ)
    ("وقال كيم إن الرحلة ناجحة، وفقا لوكالة الأنباء المركزية.", {"كيم": "PERSON"},
     [("كيم", "person", "كيم")]),
    ("وقال كيم إن الرحلة ناجحة، وفقا لوكالة الأنباء المركزية.", {"كيم": "PERSON", "وكالة الأنباء المركزية": "ORG"},
     [("كيم", "person", "كيم")]),
    ("وقال ناطق باسم الشرطة إن المهاجم فر، حسب وكالة الصحافة الفرنسية.", {"وكالة الصحافة الفرنسية": "ORG"},
     [("ناطق باسم الشرطة", "unnamed_official", None)]),
    ("وقد تسعى كوريا الشمالية إلى زيادة صادراتها، وفقًا لمعهد الأمن القومي.",
     {"كوريا الشمالية": "LOC", "معهد الأمن القومي": "ORG"},
     [("معهد الأمن القومي", "organization", "معهد الأمن القومي")]),
    # a participle's subject is the subject of the verb that opens its sentence, even when that
    # verb is no cue: a place speaking for its government, an office holder
    ("وقال مسؤول إسرائيلي إن الحوار مستمر. من جانبها، أصدرت إسرائيل بيانا صارما، مؤكدة أنها لن تتراجع.",
     {"إسرائيل": "LOC"},
     [("مسؤول إسرائيلي", "unnamed_official", None), ("إسرائيل", "organization", "إسرائيل")]),
    ("وقال التقرير إن الطلب تراجع. وبدت رئيسة المجلس متحمسة لبدء التضييق، قائلة إن التحرك ممكن.", {},
     [("التقرير", "document", None), ("رئيسة المجلس", "unnamed_official", None)]),
    ("وقالت رئيسة المجلس جانيت يلين إن التضخم منخفض. وبدت رئيسة المجلس متحمسة، قائلة إن التحرك ممكن.",
     {"جانيت يلين": "PERSON"},
     [("رئيسة المجلس جانيت يلين", "person", "جانيت يلين"), ("رئيسة المجلس", "person", "جانيت يلين")]),
    # a person named right after an organisation's head noun names it: the organisation speaks
    ("وقالت الدراسة التي نفذها مركز السيدة خديجة خويلد لسيدات الأعمال إن المرأة تتقدم.",
     {"خديجة خويلد": "PERSON"},
     [("الدراسة التي نفذها مركز السيدة خديجة خويلد لسيدات الأعمال", "document", None)]),
    ("وقالت شرطة سانت لويس إن المهاجم اعتقل.", {"سانت لويس": "PERSON"},
     [("شرطة سانت لويس", "organization", None)]),
    ("وتزعم إدارة أوباما أن الخطة سليمة.", {"أوباما": "PERSON"}, [("إدارة أوباما", "organization", None)]),
    # ... not after a definite head: that is the office holder
    ("وقال رئيس النادي سعود الحربي إن المعسكر ناجح.", {"سعود الحربي": "PERSON"},
     [("رئيس النادي سعود الحربي", "person", "سعود الحربي")]),
    # a study speaks as a document
    ("قالت دراسة حديثة إن النوم مهم.", {}, [("دراسة حديثة", "document", None)]),
    # ... a prepositional phrase first is no subject: the last speaker goes on
    ("وقال الوزير إن الخطة جاهزة. وفي الرياض، جرى توقيع الاتفاق، مؤكدا أن التنفيذ يبدأ غدا.", {"الرياض": "LOC"},
     [("الوزير", "unnamed_official", None), ("الوزير", "unnamed_official", None)]),
    # a dropped subject agrees with its verb: no carrying a ministry over to "وقال", a minister
    # to "وقالت", one study to "يقولون" (with no one else to give them to, no claim)
    ("وقالت وزارة الصحة إن الإصابات تراجعت. وقال إن المستشفيات جاهزة.", {"وزارة الصحة": "ORG"},
     [("وزارة الصحة", "organization", "وزارة الصحة")]),
    ("وقال الوزير إن الخطة جاهزة. وقالت إن التنفيذ يبدأ غدا.", {}, [("الوزير", "unnamed_official", None)]),
    ("وقالت الدراسة إن النوم مهم. ويقولون إن السهر ضار.", {}, [("الدراسة", "document", None)]),
    ("وقالت المتحدثة باسم الوزارة إن الزيارة تمت. مضيفا أن واشنطن ترحب.", {},
     [("المتحدثة باسم الوزارة", "unnamed_official", None)]),
    # ... and carries over where it agrees, or where the speaker shows no gender
    ("وقالت وزارة الصحة إن الإصابات تراجعت. وأضافت أن المستشفيات جاهزة.", {"وزارة الصحة": "ORG"},
     [("وزارة الصحة", "organization", "وزارة الصحة")] * 2),
    ("قالت مصادر أمنية إن الهجوم وقع فجرا. وأضافت أن الضحايا مدنيون.", {},
     [("مصادر أمنية", "unnamed_official", None)] * 2),
    ("وقال كيربي إن الزيارة تمت. وأضاف أن واشنطن ترحب.", {"كيربي": "PERSON"},
     [("كيربي", "person", "كيربي")] * 2),
    # "وفقا لما أوردته X" / "بحسب ما ذكره X": the publishing verb is no part of the source
    ("اتفق الرئيسان على العمل سويا لتأمين الحدود، وفقا لما ذكره البيت الأبيض.", {"البيت الأبيض": "ORG"},
     [("البيت الأبيض", "organization", "البيت الأبيض")]),
    ("ونقل 66 آخرون إلى المستشفيات، وذلك وفقا لما أعلنته وزارة الصحة المصرية.", {"وزارة الصحة المصرية": "ORG"},
     [("وزارة الصحة المصرية", "organization", "وزارة الصحة المصرية")]),
    ("وتراجع النمو في الربع الثاني، بحسب ما نقلته وكالة رويترز أمس!", {"رويترز": "ORG"},
     [("وكالة رويترز", "media", "رويترز")]),  # "أمس": when, not who
    # "نوه إلى" points out as "نوه بـ" praises: إلى ends the speaker
    ("ونوه كفاين إلى متابعة الرئيس عبدربه منصور هادي للأحداث، قائلا: «كان الرئيس في غرفة العمليات».",
     {"كفاين": "PERSON", "عبدربه منصور هادي": "PERSON"}, [("كفاين", "person", "كفاين")] * 2),
    ("ونوه الوزير بجهود الفريق.", {}, [("الوزير", "unnamed_official", None)]),
    # "أخبرني X أن" (told me) reports; a later dropped subject is X
    ("وقال لينسي إن الاتفاق جيد. وأخبرني بليز ميتشال، مدير البرنامج، أن الاتفاق خطوة إلى الخلف. وأوضح أن الأجهزة متطورة.",
     {"لينسي": "PERSON", "بليز ميتشال": "PERSON"},
     [("لينسي", "person", "لينسي")] + [("بليز ميتشال", "person", "بليز ميتشال")] * 2),
    # a dual cue does not go on with one person; "ووصفها" (described it) is no dual
    ("وقال عمر إن الخطة جاهزة. فقالا إن التنفيذ قريب.", {"عمر": "PERSON"}, [("عمر", "person", "عمر")]),
    ("وأشاد السيسي بالمشاركة في الحفل، ووصفها بأنها امتداد لموقف السعودية.", {"السيسي": "PERSON"},
     [("السيسي", "person", "السيسي")] * 2),
    # "علمت «الصحيفة» (من مصادر …) أن": the paper's sourced report, and a later dropped subject
    # is that source, not a name inside the report
    ("علمت «الشرق الأوسط» من مصادر أمنية سعودية، أن وفدا يمنيا وصل. وأشار إلى أن الوفد يضم وزراء.",
     {"الشرق الأوسط": "ORG"}, [("مصادر أمنية سعودية", "unnamed_official", None)] * 2),
    ('وعلمت "الوطن" أن الاتحاد يدرس ملف المدرب ميشيل برودوم، وأشار إلى أن المدرب وافق.',
     {"الوطن": "ORG", "ميشيل برودوم": "PERSON"}, [("الوطن", "media", "الوطن")] * 2),
    ('وعلمت "سبق" أن المنع يشمل المنافذ.', {}, [("سبق", "media", None)]),
    ("وعلمت الصحيفة أن النظر في القضية سيبدأ.", {}, [("الصحيفة", "media", None)]),
    ("علمت الأم أن ابنها نجح.", {}, []),  # the mother learned: no report
    # a clause that opens with a title has no verb whose subject a participle could take: not
    # the organisation "مجلس" of "رئيس مجلس إدارة" (and its words were carried on and on)
    ('وقال لـ"الاقتصادية" باسم مؤمنة؛ رئيس مجلس إدارة إحدى مؤسسات الدباغة، إن الملاك يجمعون الجلود، موضحا أنه يمكن حفظها.',
     {}, []),
    # a source's time words are when, not who
    ("وسيطرت القوات على المدينة، وفق ما أفادت مصادر عسكرية أمس الأحد.", {},
     [("مصادر عسكرية", "unnamed_official", None)]),
    # an outlet the gazetteer lists under a bare name is media: "رويترز" as "وكالة رويترز"
    ("وارتفع النفط أمس، بحسب رويترز.", {"رويترز": "ORG"}, [("رويترز", "media", "رويترز")]),
    ("وقال تويتر إن الخدمة عادت.", {"تويتر": "ORG"}, [("تويتر", "organization", "تويتر")]),
    # someone's supporters, family or lawyers speak, not he
    ("يقول مؤيدو دورسي إنه قائد أكثر إنجازا.", {"دورسي": "PERSON"}, [("مؤيدو دورسي", "group", None)]),
    ("وقالت أسرة الطفل محمد إن الطفل بخير.", {"محمد": "PERSON"}, [("أسرة الطفل محمد", "group", None)]),
    ("وقال مستشار الرئيس محمد حسين إن الوضع هادئ.", {"محمد حسين": "PERSON"},
     [("مستشار الرئيس محمد حسين", "person", "محمد حسين")]),
    # a quoted name in the speaker keeps its closing mark
    ("ويرى مصرف «مورغان ستانلي» أن فتح البنوك دفعة معنوية.", {}, [("مصرف «مورغان ستانلي»", "organization", None)]),
    ('وذكرت صحيفة "نيويورك تايمز" أمس أن الممثل توفي.', {}, [('صحيفة "نيويورك تايمز"', "media", None)]),
    ("وقالت «الجزيرة» إن الاشتباكات توقفت.", {"الجزيرة": "ORG"}, [("الجزيرة", "organization", "الجزيرة")]),
    # a source's verb whose source is unclear is nobody's claim — not the last speaker's
    ('وكشفت صحيفة "ستار" أن الفحص تم. وقرر سيتي تعديل عرضه بحسب ما ذكرت "ذي دايلي مايل" التي كانت سباقة.',
     {}, [('صحيفة "ستار"', "media", None)]),
    ("وقال الوزير إن الخطة جاهزة. وارتفعت الحركة بحسب ما قال مدير المطار فهد العدواني.", {"فهد العدواني": "PERSON"},
     [("الوزير", "unnamed_official", None), ("مدير المطار فهد العدواني", "person", "فهد العدواني")]),
    # "وفقا لـ" / "بحسب" a law, a plan or a directive is "in accordance with": no source
    ("وشدد المجلس على التصدي للتهديدات، وفقا لميثاق الأمم المتحدة.", {"الأمم المتحدة": "ORG"}, []),
    ("ووفقا لقانون أقره الكونغرس فإن الصفقة تحتاج إلى موافقته.", {"الكونغرس": "ORG"}, []),
    ("تم توزيع المنح وفقا لتوجيهات الملك سلمان.", {"سلمان": "PERSON"}, []),
    # on whose behalf is not who: "الملك المفدى باسمه واسم شعب المملكة" is the king named before
    ("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز الوفد. وأعرب الملك المفدى باسمه واسم شعب وحكومة المملكة عن أصدق التهاني للرئيس.",
     {"سلمان بن عبدالعزيز": "PERSON"}, [("الملك المفدى", "person", "سلمان بن عبدالعزيز")]),
    # places joined by و inside a title are no group of speakers; people listed are
    ("أعرب الرئيس العام لشؤون المسجد الحرام والمسجد النبوي الشيخ عبدالرحمن السديس عن إدانته للهجوم.",
     {"المسجد الحرام": "LOC", "المسجد النبوي": "LOC", "عبدالرحمن السديس": "PERSON"},
     [("الرئيس العام لشؤون المسجد الحرام والمسجد النبوي الشيخ عبدالرحمن السديس", "person", "عبدالرحمن السديس")]),
    ("وقال مشجعو النادي صالح الحبشي وخالد العتيبي إن الفريق يستحق الدعم.",
     {"صالح الحبشي": "PERSON", "خالد العتيبي": "PERSON"}, [("مشجعو النادي صالح الحبشي وخالد العتيبي", "group", None)]),
    ("وتقول واشنطن وسول إن المحادثات مستمرة.", {"واشنطن": "LOC", "سول": "LOC"}, [("واشنطن وسول", "group", None)]),
    # an organisation that opens its sentence is its participle's subject
    ("وقال الوزير إن الخطة جاهزة. من جهة أخرى، أكدت حكومة الثني عمق العلاقات مع إيطاليا، معتبرة أن الخطف عمل مدان.",
     {"إيطاليا": "LOC"}, [("الوزير", "unnamed_official", None), ("حكومة الثني", "organization", None)]),
    # an organisation by its head noun, with a quoted name and its country after it
    ("وقالت الشركة إن أرباحها تراجعت.", {}, [("الشركة", "organization", None)]),
    ("قالت شركة «سنتريكا» البريطانية إنها ستخفض الوظائف.", {},
     [("شركة «سنتريكا» البريطانية", "organization", None)]),
    ("وقال مسؤول في الإدارة الأمريكية لصحيفة “حريت” التركية إنه من المبكر الحديث عن ذلك.", {},
     [("مسؤول في الإدارة الأمريكية", "unnamed_official", None)]),
    # a cue that takes a preposition has it: not "عبر" (via) before a quoted channel
    ("ويطل الفنان عاصي الحلاني عبر «خليجية» في أول دور تلفزيوني.", {"عاصي الحلاني": "PERSON"}, []),
    ("وعبر محمد أبو الرحى «جد الطفلة» عن امتنانه للسفارة.", {"محمد أبو الرحى": "PERSON"},
     [("محمد أبو الرحى", "person", "محمد أبو الرحى")]),
    ("وتعهد رئيس الوزراء «بمواجهة التطرف بجميع أشكاله».", {}, [("رئيس الوزراء", "unnamed_official", None)]),
    # names in a relative clause on the speaker are not the speaker
    ("حذر صندوق النقد الدولي، الذي فشلت اليونان في تسديد دينه، من أنه قد يبتعد عن الحزمة.",
     {"صندوق النقد الدولي": "ORG", "اليونان": "LOC"},
     [("صندوق النقد الدولي", "organization", "صندوق النقد الدولي")]),
    ("حذر الوزير الذي التقى كيري من أن الهدنة هشة.", {"كيري": "PERSON"},
     [("الوزير الذي التقى كيري", "unnamed_official", None)]),
    # a word in the accusative is no subject (and, for want of one, no claim is made)
    ("وقال كيربي إن الخطة جاهزة. وأضاف ووقوفًا على دواعي القرار، نود أن نبين أنه ضروري.",
     {"كيربي": "PERSON", "ووقوفًا": "PERSON"}, [("كيربي", "person", "كيربي")]),
    # the pluperfect "وكان X قد قال": X, before the cue, is the speaker
    ("وقال الوزير إن الخطة جاهزة. وكان العميد صقر الجروشي، قائد سلاح الجو، قد أعلن أن الطائرة سقطت.",
     {"صقر الجروشي": "PERSON"},
     [("الوزير", "unnamed_official", None), ("العميد صقر الجروشي، قائد سلاح الجو", "person", "صقر الجروشي")]),
    ("وقالت الوزارة إن الخطة جاهزة. وكانت شركة آسيا سيل، إحدى شركات الهاتف، قد أكدت أن الضريبة مرتفعة.", {},
     [("الوزارة", "organization", None), ("شركة آسيا سيل، إحدى شركات الهاتف", "organization", None)]),
    ("وقال الوزير إن الديون كبيرة. كما أن منصور البلوي قد أكد أن الحل قريب.", {"منصور البلوي": "PERSON"},
     [("الوزير", "unnamed_official", None), ("منصور البلوي", "person", "منصور البلوي")]),
    # after "لكن" / "إلا أن" / "كما أن" the subject stands before the verb: not the last speaker
    ("وقالت واشنطن إن المعتقل أمريكي. لكن طهران أكدت أنها لا تعترف بازدواج الجنسية.",
     {"واشنطن": "LOC", "طهران": "LOC"},
     [("واشنطن", "organization", "واشنطن"), ("طهران", "organization", "طهران")]),
    ("وقال التنظيم إن الهجوم نجح. إلا أن المصادر الأمنية والطبية شددت على أن الضحايا مدنيون.", {},
     [("التنظيم", "organization", None), ("المصادر الأمنية والطبية", "unnamed_official", None)]),
    ("وقال البنك إن الأسعار ستنخفض. لكن محللين آخرين قالوا إن الانخفاض محدود.", {},
     [("البنك", "organization", None), ("محللين آخرين", "group", None)]),
    ("وقال بلاتيني إنه مرشح. كما أن الأسطورة الأرجنتينية دييجو مارادونا أعلن أنه سيدخل السباق.",
     {"بلاتيني": "PERSON", "دييجو مارادونا": "PERSON"},
     [("بلاتيني", "person", "بلاتيني"), ("دييجو مارادونا", "person", "دييجو مارادونا")]),
    ("وقال الجيش إن الهجوم نجح. ولكن مسؤولا قال إن القتال ليس عرقيا.", {},
     [("الجيش", "organization", None), ("مسؤولا", "unnamed_official", None)]),
    ("وقال الباحثون إن النتائج مهمة.", {}, [("الباحثون", "group", None)]),
    # an eyewitness speaks (and a participle after his words is his, not a name inside them)
    ("وذكر شاهد عيان أن الصيادين توجهوا نحو «النيوة»، مشيرا إلى أن البحر كان هائجا.", {"النيوة": "ORG"},
     [("شاهد عيان", "unnamed_official", None)] * 2),
    # … but a pronoun there is the last speaker, and a verb there is no subject
    ("وقال أردوغان إن الحملة مستمرة. إلا أنه قال إن القوى السوداء تنشر الأكاذيب.", {"أردوغان": "PERSON"},
     [("أردوغان", "person", "أردوغان")] * 2),
    ("وقال حسنين إن الحرية مصانة. إلا أن أوساطا إعلامية أخذت تعرب عن مخاوفها.", {"حسنين": "PERSON"},
     [("حسنين", "person", "حسنين")] * 2),
    # حيث / فيما / بينما open a clause of its own: its report is no part of the last claim
    ("وقال الوزير إن الخطة جاهزة، حيث يقول محللون إن التنفيذ صعب.", {},
     [("الوزير", "unnamed_official", None), ("محللون", "group", None)]),
    ("أكد الوزير أن الخطة جاهزة، فيما ذكرت وكالة رويترز أن التنفيذ تأجل.", {"رويترز": "ORG"},
     [("الوزير", "unnamed_official", None), ("وكالة رويترز", "media", "رويترز")]),
    # a participle after a claim of the same sentence goes on with that claim's speaker, not a
    # name in its content
    ("وقال رأفت الصباغ إن المساعدات وصلت. وأوضح أن المشرف على مركز الإغاثة يتابع التوزيع، مشيرا إلى أن المركز جاهز.",
     {"رأفت الصباغ": "PERSON", "مركز الإغاثة": "ORG"},
     [("رأفت الصباغ", "person", "رأفت الصباغ")] * 3),
    # the holder of a title, between commas, speaks
    ("وقال رئيس مجلس المقاومة في تعز، الشيخ حمود المخلافي، إن المدينة تحررت.", {"حمود المخلافي": "PERSON"},
     [("رئيس مجلس المقاومة في تعز، الشيخ حمود المخلافي", "person", "حمود المخلافي")]),
    ("وقال رئيس الوزراء، إن الخطة جاهزة.", {}, [("رئيس الوزراء", "unnamed_official", None)]),
    ("أوضح أمين عام الهيئة العالمية، التابعة لرابطة العالم الإسلامي، عبدالحميد العبدالجبار، أن المشاركة جزء من حملة.",
     {"عبدالحميد العبدالجبار": "PERSON"},
     [("أمين عام الهيئة العالمية، التابعة لرابطة العالم الإسلامي، عبدالحميد العبدالجبار", "person", "عبدالحميد العبدالجبار")]),
    # … and after a quoted name between the title and its holder
    ('وأوضح مدير "فنون أبها" أحمد السروي، أن الأمسية تقام غدا.', {"أحمد السروي": "PERSON"},
     [('مدير "فنون أبها" أحمد السروي', "person", "أحمد السروي")]),
    # ل + the article is never the subject: "تابع للجيش" is "belonging to the army"
    ("وتشكل أول لواء إلكتروني في العالم تابع للجيش البريطاني، والذي يصد أية “حروب نفسية” عبر الإنترنت.",
     {"للجيش البريطاني": "ORG"}, []),  # the tagger's span, لل and all
    # where or about whom is not who: "in a statement", "about the prince", "before the conference"
    ("قال الرئيس السوفيتي الأسبق ميخائيل جورباتشوف عن الأمير الراحل سعود الفيصل «لو كان لدي رجل مثله لما تفكك الاتحاد».",
     {"ميخائيل جورباتشوف": "PERSON", "سعود الفيصل": "PERSON"},
     [("الرئيس السوفيتي الأسبق ميخائيل جورباتشوف", "person", "ميخائيل جورباتشوف")]),
    ("وقال المحللون في تقرير إن النمو سيتباطأ.", {}, [("المحللون", "group", None)]),
    ("وقال وزير الزراعة هان تشانجفو أمام المؤتمر «لم تعد الصناعة فقيرة».", {"هان تشانجفو": "PERSON"},
     [("وزير الزراعة هان تشانجفو", "person", "هان تشانجفو")]),
    # "misconceptions that say", "statements that indicate": what is said, no one's claim
    ("وقال بيكس إن النتائج مهمة. وتتعارض هذه النتائج مع مفاهيم خاطئة تقول إن الكوارث النووية تسببت في وفيات.",
     {"بيكس": "PERSON"}, [("بيكس", "person", "بيكس")]),
    ("وقال العتيبي إنه يرسم منذ صغره. وحول فكرة أصغر لوحة تشكيلية يقول إنه لم يخطط للأمر.",
     {"العتيبي": "PERSON"}, [("العتيبي", "person", "العتيبي")] * 2),  # … but a topic fronted is
    # a person in a fronted topic is whom the words are about
    ("وأكد وزير الخارجية عادل الجبير أن الحقوق مصانة. وفيما يتعلق بقضية رائف بدوي قال إن أموره تسير وفق القضاء.",
     {"عادل الجبير": "PERSON", "رائف بدوي": "PERSON"},
     [("وزير الخارجية عادل الجبير", "person", "عادل الجبير")] * 2),
    # a place or an organisation that opens the sentence is a later cue's subject
    ("وقال إسماعيل هنية إن الأسرى أبرياء. وترفض إسرائيل ذلك، وتقول إنهم عادوا إلى نشاطهم.",
     {"إسماعيل هنية": "PERSON", "إسرائيل": "LOC"},
     [("إسماعيل هنية", "person", "إسماعيل هنية"), ("إسرائيل", "organization", "إسرائيل")]),
    # a dropped plural subject takes a plural verb: "وذكرت" does not go on with witnesses
    ("وقال شهود عيان إن الانفجار كان قويا. وذكرت أن الأسير يعاني من مرض.", {},
     [("شهود عيان", "group", None)]),
    # a cue after a relative pronoun: its antecedent speaks if it is a name, else no claim
    ("أولهن سوزان رايس، مستشارة الرئيس أوباما للأمن الوطني، التي قالت: «رتبنا التطورات».",
     {"سوزان رايس": "PERSON", "أوباما": "PERSON"}, [("سوزان رايس", "person", "سوزان رايس")]),
    ('ومنها شركة "سايبم" الإيطالية التي قالت إنها ستخفض 8800 وظيفة.', {"سايبم": "ORG"},
     [("سايبم", "organization", "سايبم")]),
    ("وقال الكاتب سالم إن الفيلم جريء. وفي الفيلم سجن مصطفى بسبب شعره الذي يعبر عن التمرد.",
     {"سالم": "PERSON", "مصطفى": "PERSON"}, [("الكاتب سالم", "person", "سالم")]),
    # a minister "and his counterpart": two speakers
    ("وقال وزير الداخلية الفرنسي برنار كازنوف ونظيرته البريطانية تيريزا ماي إن الإجراءات توجه رسالة واضحة.",
     {"برنار كازنوف": "PERSON", "تيريزا ماي": "PERSON"},
     [("وزير الداخلية الفرنسي برنار كازنوف ونظيرته البريطانية تيريزا ماي", "group", None)]),
    # an aside in brackets is part of the speaker's words; an addressee is no speaker
    ("أوضح رئيس الجمعية الوطنية (الغرفة السفلى من البرلمان الموريتاني)، محمد ولد إبيليل، أنها «تكتسي أهمية».",
     {"محمد ولد إبيليل": "PERSON"},
     [("رئيس الجمعية الوطنية (الغرفة السفلى من البرلمان الموريتاني)، محمد ولد إبيليل", "person", "محمد ولد إبيليل")]),
    ("وقال لهيئة الإذاعة الأميركية (سي إن إن) إنه لا يحترمها.", {"سي إن إن": "ORG"}, []),
    # an indefinite official and its adjectives, then a name: the name is the object
    ('بينما اتهم نائب فرنسي معارض ديفيد كاميرون بالإخفاق في تقدير "خطورة المشكلة".',
     {"ديفيد كاميرون": "PERSON"}, [("نائب فرنسي معارض", "unnamed_official", None)]),
    ("وقال رئيس بلدية تشاتانوغا اندي بيرك إن الوضع مأساوي.", {"اندي بيرك": "PERSON"},
     [("رئيس بلدية تشاتانوغا اندي بيرك", "person", "اندي بيرك")]),  # a noun, not an adjective
    # an office after a name begins another person: the object, or the first man's own office
    ("انتقد الرئيس الأمريكي باراك أوباما رئيس الوزراء الإسرائيلي بنيامين نتنياهو، بقوله إنه يتدخل في السياسة الأمريكية.",
     {"باراك أوباما": "PERSON", "بنيامين نتنياهو": "PERSON"},
     [("الرئيس الأمريكي باراك أوباما", "person", "باراك أوباما")]),
    ('وقال دينيس روس مستشار أوباما السابق "يجب على الرئيس أن يشرح الاتفاق".',
     {"دينيس روس": "PERSON", "أوباما": "PERSON"}, [("دينيس روس", "person", "دينيس روس")]),
    ("قال مستشار خامنئي الدكتور علي أكبر ولايتي: إن أمريكا تريد التفاوض.",  # an honorific: his own name
     {"خامنئي": "PERSON", "علي أكبر ولايتي": "PERSON"},
     [("مستشار خامنئي الدكتور علي أكبر ولايتي", "person", "علي أكبر ولايتي")]),
    # "via the website", "in accordance with the agreement", a link cut at its dots: no claims
    ("ودعت المدينة الراغبين إلى التقديم على الوظائف عبر الموقع الإلكتروني للمدينة http://careers.", {}, []),
    ("ودعت الوزارة إلى التسجيل عبر الموقع الإلكتروني للوزارة أن التسجيل مفتوح حتى الخميس.", {}, []),
    ("وسيوقع اللاعب مع النادي لثلاثة أعوام على حسب الاتفاق المبدئي بين الطرفين.", {}, []),
    ("وتطرقت الهيئة في تقرير نشرته على موقعها الالكتروني : www.", {}, []),
    ("وتطرقت الهيئة في تقرير نشرته على موقعها الالكتروني : www. وأوضحت أن التقديم يبدأ غدا.", {},
     [("الهيئة", "organization", None)]),  # … whose speaker goes on
    ('قالت الشركة إن الأرباح زادت. وفي وقت لاحق من يوم أمس قالت "اكسور" الايطالية القابضة؛', {},
     [("الشركة", "organization", None)]),  # the quoted name is no quotation
    # a medium ends the subject of a cue with an object
    ("نفى نجم هوليوود الشهير ويل سميث على موقع التواصل الاجتماعي شائعة طلاقه.",
     {"هوليوود": "LOC", "ويل سميث": "PERSON"}, [("ويل سميث", "person", "ويل سميث")]),
    # when the speaker said it ends his description: the man he met is no speaker
    ('وقال كيري غداة لقائه لافروف في ماليزيا "بحثنا قرار الأمم المتحدة".',
     {"كيري": "PERSON", "لافروف": "PERSON", "ماليزيا": "LOC"}, [("كيري", "person", "كيري")]),
    ("وقال الملك سلمان بعد استقباله الرئيس أوباما إن العلاقات متينة.",
     {"سلمان": "PERSON", "أوباما": "PERSON"}, [("الملك سلمان", "person", "سلمان")]),
    # unnamed sources "within" or "close to" an organisation, before a present-tense cue
    ("لكن مصادر داخل طالبان تفيد بأن الحركة منقسمة.", {"طالبان": "ORG"},
     [("مصادر داخل طالبان", "unnamed_official", None)]),
    ("ومسؤولون في الحكومة العراقية يقولون إن الهجوم فشل.", {"الحكومة العراقية": "ORG"},
     [("مسؤولون في الحكومة العراقية", "unnamed_official", None)]),
    ("ومصادر مقربة من حماس تقول إن الاتفاق قريب.", {"حماس": "ORG"},
     [("مصادر مقربة من حماس", "unnamed_official", None)]),
    ("وكان رئيس الوزراء في حماس يقول إن الاتفاق قريب.", {"حماس": "ORG"}, []),  # no group word
    # the dot of an abbreviated title (د. "Dr.", م. "Eng.") ends neither speaker nor clause
    ("وقال د. أحمد يوسف إن القصر بيع.", {"أحمد يوسف": "PERSON"},
     [("د. أحمد يوسف", "person", "أحمد يوسف")]),
    ("يكشف الكاتب الصحافي د.أحمد يوسف، عضو جمعية أصدقاء القناة، لـ«الشرق الأوسط»، إن القصر بيع.",
     {"أحمد يوسف": "PERSON"}, [("الكاتب الصحافي د.أحمد يوسف", "person", "أحمد يوسف")]),
    # the noun رأي ("opinion") is not the cue رأى ("held"), which normalization folds with it
    ("إنه رأي فقيه حنبلي حراني، كابن تيمية، في رجل نسب للسحر.", {"حنبلي حراني": "PERSON"}, []),
    ("فعرض رأي ابن خلدون ثم آراء الدارسين: المنصفين منهم وغير المنصفين.", {"ابن خلدون": "PERSON"}, []),
    ("ورأى الوزير أن الحل قريب.", {}, [("الوزير", "unnamed_official", None)]),
    # كشف ("revealed") reports, with أن / عن أن; "كشف عن" a thing is no claim
    ("وكشفت مصادر مطلعة أن المسلحين قتلوا.", {}, [("مصادر مطلعة", "unnamed_official", None)]),
    ("وكشف مدير المعرض أحمد العمري عن أن المعرض جاء بعد دراسات.", {"أحمد العمري": "PERSON"},
     [("مدير المعرض أحمد العمري", "person", "أحمد العمري")]),
    ("وكشفت تقارير صادرة عن البنك الدولي أن الفقر زاد.", {"البنك الدولي": "ORG"},
     [("تقارير صادرة عن البنك الدولي", "organization", "البنك الدولي")]),  # "issued by"
    ("وكشف بيان صادر عن الوزارة أن الفقر زاد.", {}, [("بيان صادر عن الوزارة", "document", None)]),
    ('كشفت شركة "سوني" اليابانية النقاب عن هاتفها الذكي "إكسبريا سي 5".', {}, []),
    ("كشف مصدر في قيادة العمليات عن انطلاق عملية لتطهير القرى من «داعش» وعزلها.", {}, []),
    ('وقال الربيعة إن الرقابة مطلب. وكشف "المدلسين" أضحى مكسبا.', {"الربيعة": "PERSON"},
     [("الربيعة", "person", "الربيعة")]),  # the noun: exposing the cheats, no word of his
    ("وكشفت المصادر لـ«الشرق الأوسط» عن اتساع هوة الخلافات بين «المخلوع» وحلفائه.", {}, []),
    ('وكشف المتحدث باسم المقاومة، علي الأحمدي، عن استهداف "نقاط المراقبة" بالصواريخ.',
     {"علي الأحمدي": "PERSON"}, []),
    # a negated cue reports nothing (and what follows "لكنها" has no subject the rules know: no
    # claim rather than one given to "الوزارة عدد القتلى"); after "لكن" the subject is named
    ("ولم تؤكد الوزارة عدد القتلى، لكنها قالت إن المهاجمين قتلوا.", {}, []),
    ("ولم يكشف الناتو عن جنسية الجندي، لكن البيت الأبيض أكد أن جنديا قتل.",
     {"الناتو": "ORG", "البيت الأبيض": "ORG"}, [("البيت الأبيض", "organization", "البيت الأبيض")]),
    ("ولم يقل الوزير شيئا. وقال المتحدث إن الحل قريب.", {}, [("المتحدث", "unnamed_official", None)]),
    # a source of the report ("وفق وكالة …") is no speaker for a later dropped subject; a
    # person as the source still is
    ("وسلمت النصرة المعابر للثوار، وفق وكالة «مسار برس» أمس. كما تعهدت بإخلاء مواقعها.",
     {"النصرة": "ORG"}, [("وكالة «مسار برس»", "media", None)]),
    ("ووفقا لرئيس مجلس الإدارة عبدالعزيز الراشد، فإن التعيين إضافة مميزة. وأضاف أن فطاني خبير.",
     {"عبدالعزيز الراشد": "PERSON"},
     [("رئيس مجلس الإدارة عبدالعزيز الراشد", "person", "عبدالعزيز الراشد")] * 2),
    # a cue right after a preposition is a verbal noun or a relative "who": no claim
    ("وقال الوزير إن الحل قريب. وأجمع الشهود على وصفه بعبارات مثل: حدث غريب.", {},
     [("الوزير", "unnamed_official", None)]),
    ("وقال الوزير إن الحل قريب. ولم نسمع منكم من قال إن الحل بعيد.", {},
     [("الوزير", "unnamed_official", None)]),
    ("وقال الوزير إن الحل قريب. وأسهب الشهود في وصفه بعبارات مثل: حدث غريب.", {},
     [("الوزير", "unnamed_official", None)]),  # في, which also ends with ي
    ("وعن الفرق بين المخرجين قالت هيفاء إن الأول مغامر.", {"هيفاء": "PERSON"},
     [("هيفاء", "person", "هيفاء")]),
    ("وعن المخرج محمد علي قالت هيفاء إنه مغامر.", {"هيفاء": "PERSON", "محمد علي": "PERSON"},
     [("هيفاء", "person", "هيفاء")]),  # the name علي, not the preposition على
    # a quoted name, its adjectives, then the complementizer: the name is the speaker's
    ('بعد أن كشف موقع "فوتبول توتال" الأرجنتيني أن المفاوضات اقتربت.', {},
     [('موقع "فوتبول توتال" الأرجنتيني', "media", None)]),
    ('وفي تغريدة عبر "تويتر" أمس، قال وزير الخارجية خالد بن أحمد: إن العالم يتعامل مع وجهين لإيران.',
     {"تويتر": "ORG", "خالد بن أحمد": "PERSON"},
     [("وزير الخارجية خالد بن أحمد", "person", "خالد بن أحمد")]),  # via Twitter, not Twitter's words
    # "وفقا للمصلحة" is "in the interest of", no source
    ("وتتحرك الرياض وفقا للمصلحة العربية التي تقتضي الدفاع عن الأمة.", {"الرياض": "LOC"}, []),
]


@pytest.mark.parametrize(
    ("text", "names", "content"),
    [
        # a short quoted name before the content is not the start of a quotation
        ("وأكد الوزير عادل الجبير عبر حسابه في «تويتر» أن الحل قريب.", {"عادل الجبير": "PERSON"},
         "الحل قريب"),
        ('وقال الوزير عادل الجبير لصحيفة "الرياض": إن الحل قريب.', {"عادل الجبير": "PERSON"},
         "إن الحل قريب"),
        ("وكتب عادل الجبير على حسابه في «تويتر»: «الحل قريب».", {"عادل الجبير": "PERSON"},
         "«الحل قريب»"),
        # a source's فإن is dropped, but not with the pronoun it carries (as إنه after قال)
        ("وبحسب وكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"}, "الهجوم وقع فجرا"),
        ("وبحسب وكالة رويترز فإنه سيزور الرياض غدا.", {"رويترز": "ORG"}, "فإنه سيزور الرياض غدا"),
        ("وقال الوزير إنه سيزور الرياض غدا.", {}, "إنه سيزور الرياض غدا"),
        # a quoted name after a longer adjunct: the content starts after it, not at it
        ('وقال اللواء سليمان اليحيى لـ"اليوم": إن 80 % منهم مسجلون.', {"سليمان اليحيى": "PERSON"},
         "إن 80 % منهم مسجلون"),
        ('وقال بحاح في مقابلة مع قناة "سكاي نيوز عربية" إن الحكومة "لن تتراجع".', {"بحاح": "PERSON"},
         'الحكومة "لن تتراجع"'),
        ('وقال بوتين في المقال الذي نشرته الوكالة "نحن مستعدون".', {"بوتين": "PERSON"},
         '"نحن مستعدون"'),  # a quotation, not a name, still opens the content
        ('وكشف مصدر مطلع لـ"الوطن" أمس، أن الأمير وجه خطابا.', {}, "الأمير وجه خطابا"),
        ("وكشف أولاس في حسابه على موقع «تويتر» للتواصل الاجتماعي، أن ليون ينتظر.", {"أولاس": "PERSON"},
         "ليون ينتظر"),
    ],
)
def test_content(text, names, content):
    assert [text[c.content_start : c.content_end] for c in _claim_rows(text, names)] == [content]


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_speakers(text, names, expected):
    assert _claims(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "cue"),
    [
        ("ووفقا لوكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"}, "وفقا"),
        ("وفق ما ذكرت وكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"}, "وفق"),
        ("ووفقًا لوكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"}, "وفقا"),
        ("وبحسب وكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"}, "بحسب"),
        ("وحسب وكالة رويترز فإن الهجوم وقع فجرا.", {"رويترز": "ORG"}, "حسب"),
    ],
)
def test_source_cue_lemma(text, names, cue):
    """The lemma of a source attribution loses its conjunction و, not the و of وفق."""
    assert [c.cue for c in _claim_rows(text, names)] == [cue]


def test_unnamed_head_word_lists_are_disjoint():
    """``_unnamed_kind`` tries the lists in turn: a word in two would take the first's kind."""
    from transforms import claims

    lists = (claims._GROUP_WORDS, claims._OFFICIAL_WORDS, claims._DOCUMENT_WORDS)
    assert all(not a & b for n, a in enumerate(lists) for b in lists[n + 1:])
