import re

from raqib.knowledge.lang import alternation
from raqib.text import fingerprints, langid, sentences

from .conftest import ROOT


def test_language_identification():
    assert langid.identify("أكدت مصادر المرصد السوري في الميادين أن الميليشيات لم تطلق أي قذيفة") == "ar"
    assert langid.identify("The militias did not fire a single shell at the base.") == "en"
    assert langid.identify("این گزارش از سوی منابع محلی منتشر شد که نیروها را جابجا کرده است") == "fa"
    assert langid.identify("Les milices ont déplacé des lance-roquettes vers le champ pétrolier") == "fr"
    assert langid.identify("Войска перебросили артиллерию") == "und"
    assert langid.identify("12345 !!!") == "und"


def test_sentences_in_arabic_and_english():
    text = "ونشر المرصد السوري، صباح اليوم، بأن الميليشيات أعادت انتشارها. وفي ذات السياق؟ نعم\nسطر"
    spans = sentences.split(text)
    assert [text[s:e] for s, e in spans] == [
        "ونشر المرصد السوري، صباح اليوم، بأن الميليشيات أعادت انتشارها.",
        "وفي ذات السياق؟", "نعم", "سطر"]
    english = "The U.S. Army moved 3.5 tons. Gen. Smith said no. No. 5 is here."
    assert [english[s:e] for s, e in sentences.split(english)] == [
        "The U.S. Army moved 3.5 tons.", "Gen. Smith said no.", "No. 5 is here."]


def test_near_duplicates_are_close_and_different_texts_are_far():
    from raqib.text.fold import fold

    from .conftest import SEED_REPORT

    seed = SEED_REPORT.read_text()
    repost = "عاجل | " + seed.replace("صباح اليوم", "اليوم") + "\nالمصدر: المرصد"
    other = (ROOT / "examples" / "reports.jsonl").read_text()

    def key(text):
        return fingerprints.minhash(fold(text).text)

    assert fingerprints.content_hash(fold(seed).text) == fingerprints.content_hash(
        fold(seed.replace(" ", "  ")).text)
    assert fingerprints.resemblance(key(seed), key(repost)) >= 0.8
    assert fingerprints.resemblance(key(seed), key(other)) < 0.3
    short = "قصفت طائرات مسيرة مواقع للميليشيات في حقل العمر النفطي بريف دير الزور."
    assert fingerprints.resemblance(key(short), key("عاجل | " + short)) >= 0.7


def test_an_alternation_prefers_the_longest_phrase_and_matches_each_exactly():
    phrases = ["امس", "مساء امس", "مساء", "a.b", "ab", "abc", "x"]
    group = re.compile(rf"(?<!\w){alternation(phrases)}(?!\w)")
    assert group.search("في مساء امس قصف").group() == "مساء امس"
    for phrase in phrases:  # each phrase alone, and no longer one in its place
        assert group.fullmatch(phrase)
    assert not group.search("aXb abd")  # "." is a dot, not any character
    assert re.fullmatch(alternation([]), "") is None  # no phrases: matches nothing
