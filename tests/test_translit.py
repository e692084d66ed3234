"""Script-neutral name skeletons."""
from __future__ import annotations

import pytest

from khabar.translit import skeleton


@pytest.mark.parametrize("deva,latin", [("क़ुरैशी", "Qureshi"), ("ज़ुबैर", "Zubair"), ("शिलाघाट", "Shilaghat"),
                                        ("व्लादिमीर", "Vladimir"), ("पुतिन", "Putin"), ("अमरकुंज", "Amarkunj"),
                                        ("दोआबगढ़", "Doabgarh"), ("ढिल्लों", "Dhillon")])
def test_spellings_in_two_scripts_meet(deva: str, latin: str) -> None:
    assert skeleton(deva) == skeleton(latin)


def test_different_names_stay_apart() -> None:
    assert skeleton("पुतिन") != skeleton("मोदी")
    # deliberately coarse: vowels carry no weight, so पुतिन and पटना share "ptn"; callers
    # use skeletons as one weighted signal among several, never alone
    assert skeleton("पुतिन") == skeleton("पटना")
    assert skeleton("Belousov") != skeleton("Belarus")
