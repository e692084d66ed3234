"""Tag tokens with the shipped Hindi CRF (loaded once, cached)."""
from __future__ import annotations

from contextlib import ExitStack
from functools import lru_cache
from importlib.resources import as_file, files

import pycrfsuite

from khabar.ner.features import sentence_features

MODEL_NAME = "ner-hi.crfsuite"
_files = ExitStack()  # keeps the model file extracted while the process lives (zipped installs)


@lru_cache(maxsize=1)
def tagger() -> pycrfsuite.Tagger:
    """The packaged Hindi CRF tagger, opened on first use."""
    path = _files.enter_context(as_file(files("khabar") / "models" / MODEL_NAME))
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, ..., O) for one sentence's tokens."""
    if not tokens:
        return []
    return list(tagger().tag(sentence_features(tokens)))
