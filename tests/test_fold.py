from hypothesis import given, settings
from hypothesis import strategies as st

from raqib.text.fold import fold

from .fold_oracle import fold_slowly


def surface(original: str, needle: str) -> str:
    folded = fold(original)
    start = folded.text.index(needle)
    s, e = folded.span(start, start + len(needle))
    return original[s:e]


def test_arabic_orthography_folds_to_one_form():
    assert fold("أإآٱ").text == "اااا"
    assert fold("مدرسةٌ على").text == "مدرسه علي"
    assert fold("مؤسسة رئيس").text == "موسسه رييس"
    assert fold("کیلومتر").text == "كيلومتر"  # Persian kaf and yeh


def test_diacritics_tatweel_and_zero_width_are_dropped():
    assert fold("الْمَيَادِينُ").text == "الميادين"
    assert fold("انفجـــارات").text == "انفجارات"
    assert fold("دا\u200cعش\u200f").text == "داعش"


def test_filter_dodging_punctuation_inside_a_word_is_dropped():
    assert fold("انفجـ.ـارات").text == "انفجارات"
    assert fold("د.ا.ع.ش").text == "داعش"
    # a real compound keeps its hyphen
    assert fold("الحدود السورية-العراقية").text == "الحدود السوريه-العراقيه"
    # a space between two tatweels split one word; a space beside one does not
    assert fold("اشتبـ ـاكات عنيفة").text == "اشتباكات عنيفه"
    assert fold("قصفـ الطائرات").text == "قصف الطايرات"


def test_a_lookalike_inside_an_arabic_word_is_the_letter_it_stands_for():
    assert fold("هاجم مسلحو د١عش و«ق$د» ودا3ش").text == "هاجم مسلحو داعش و قسد وداعش"
    assert surface("مسلحو د١عش", "داعش") == "د١عش"
    # beside a digit or a Latin letter it stays what it is: "ف16", "إف-35", "ب 3 صواريخ"
    assert fold("ف16 إف-35 ب 3 صواريخ US$3").text == "ف16 اف-35 ب 3 صواريخ us$3"


def test_digits_quotes_case_and_whitespace():
    assert fold("١٠ مدافع و۲۵ آب").text == "10 مدافع و25 اب"
    assert fold("لـ”التحالف” «قسد» ‘x’").text == "ل التحالف قسد 'x'"
    assert fold("Deir  ez-Zōr\t\n\n City").text == "deir ez-zor\ncity"


def test_spans_map_back_to_the_exact_original_surface():
    original = "أكدت مصادر في الميادينِ، بـ”التحالف الدولي” وانفجـ.ـارات ﻻ"
    assert surface(original, "الميادين") == "الميادينِ"
    assert surface(original, "التحالف الدولي") == "التحالف الدولي"
    assert surface(original, "انفجارات") == "انفجـ.ـارات"
    assert surface(original, "لا") == "ﻻ"


def test_wire_form_round_trips():
    original = "تَجْرِبَة   ١٢"
    folded = fold(original)
    again = type(folded).from_wire(folded.to_wire(), len(original))
    assert again.text == folded.text
    assert [again.origin(i) for i in range(len(folded.text) + 1)] == [
        folded.origin(i) for i in range(len(folded.text) + 1)]


# Characters of the region's reports and the awkward ones: marks, ligatures, controls.
_ALPHABET = st.sampled_from(
    list("abcABC xyz\n\t\r.-_*'’é") + [chr(c) for c in range(0x621, 0x64B)]
    + list("ـًٌٍَُِّْ\u200c\u200f“”«»١٢ﻻﷲآأإؤئةىکی137$")
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_fast_folding_agrees_with_the_character_by_character_definition(text):
    fast, slow = fold(text), fold_slowly(text)
    assert fast.text == slow.text
    assert [fast.origin(i) for i in range(len(fast.text) + 1)] == [
        slow.origin(i) for i in range(len(slow.text) + 1)]
