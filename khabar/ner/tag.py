"""Tag tokens with the shipped Hindi CRF (loaded once, cached).

The model is trained with python-crfsuite (``khabar/ner/train.py``) and decoded here with
numpy: its weights are read from the model file into a matrix (one row per feature, one
column per label), a sentence's label scores are the sums of its tokens' feature rows, and
Viterbi runs over all sentences of an article at once. crfsuite's own tagger spent most of
its time turning Python feature strings into its ids, one string at a time; here the ids of
the features a token makes (itself, and what it says to its neighbours) are found once per
distinct token. The decoder gives crfsuite's tags (ties go to the lowest label id, as in
crfsuite's Viterbi); ``tests/test_ner.py`` checks that on IL-NER's dev sentences.
"""
from __future__ import annotations

import struct
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import as_file, files

import numpy as np
import pycrfsuite

from khabar.ner.features import as_neighbour_features, place_length, token_features
from khabar.ner.resources import place_token_seqs, word_list

MODEL_NAME = "ner-hi.crfsuite"
_files = ExitStack()  # keeps the model file extracted while the process lives (zipped installs)


@lru_cache(maxsize=1)
def tagger() -> pycrfsuite.Tagger:
    """The packaged Hindi CRF opened by crfsuite (its names of labels and attributes)."""
    t = pycrfsuite.Tagger()
    t.open(str(_model_path()))
    return t


def _model_path():
    return _files.enter_context(as_file(files("khabar") / "models" / MODEL_NAME))


@dataclass(frozen=True)
class Weights:
    """A CRF's weights as arrays: `state[row, label]`, `trans[from, to]`; row 0 is all zeros
    and stands for every attribute the model does not know."""
    rows: dict[str, int]
    state: np.ndarray
    trans: np.ndarray
    labels: tuple[str, ...]


# crfsuite's model file (crf1d model, "lCRF"): a 48-byte header of twelve little-endian
# 32-bit fields, then at `off_features` a "FEAT" chunk (id, size, count) of features, each
# (type, source, destination, weight): type 0 is attribute -> label, 1 is label -> label
_HEADER = struct.Struct("<4s11I")
_FEATURE = np.dtype([("type", "<i4"), ("src", "<i4"), ("dst", "<i4"), ("w", "<f8")])


@lru_cache(maxsize=1)
def weights() -> Weights:
    """The shipped model's weights, read from its file at full precision (crfsuite's dump,
    and so `Tagger.info()`, prints them to six decimals)."""
    data = _model_path().read_bytes()
    magic, _size, _type, _version, _nfeat, n_labels, n_attrs, off_features, *_ = _HEADER.unpack_from(data)
    if magic != b"lCRF":
        raise ValueError(f"{MODEL_NAME}: not a crfsuite model")
    chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError(f"{MODEL_NAME}: no feature chunk")
    feats = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
    info = tagger().info()
    label_ids = {name: int(i) for name, i in info.labels.items()}
    labels = tuple(sorted(label_ids, key=label_ids.get))
    if len(labels) != n_labels:
        raise ValueError(f"{MODEL_NAME}: {len(labels)} label names for {n_labels} labels")
    state = np.zeros((n_attrs + 1, n_labels))
    trans = np.zeros((n_labels, n_labels))
    st, tr = feats[feats["type"] == 0], feats[feats["type"] == 1]
    np.add.at(state, (st["src"] + 1, st["dst"]), st["w"])
    np.add.at(trans, (tr["src"], tr["dst"]), tr["w"])
    rows = {name: int(i) + 1 for name, i in info.attributes.items()}
    return Weights(rows, state, trans, labels)


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, ..., O) for one sentence's tokens."""
    return tag_sentences([tokens])[0]


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """BIO tags for the tokens of each sentence (an article's sentences in one call)."""
    w = weights()
    lengths = [len(t) for t in sentences]
    tokens = [tok for sentence in sentences for tok in sentence]
    if not tokens:
        return [[] for _ in sentences]
    scores = _token_scores(tokens, lengths)
    paths = _viterbi(scores, lengths, w.trans)
    return [[w.labels[y] for y in path] for path in paths]


def _token_scores(tokens: list[str], lengths: list[int]) -> np.ndarray:
    """Label scores of every token (sentences one after another): the sums of the rows of
    the features `features.sentence_features` gives it. What a token says of itself and to
    each neighbour is summed once per distinct token (`_Vocabulary`); only the word pairs
    and the gazetteer marks are looked up per occurrence."""
    vocab = _vocabulary()
    r = _rows()
    ids = vocab.indices(tokens)
    n = len(tokens)
    lens = np.asarray(lengths, dtype=np.intp)
    pos = np.arange(n) - np.repeat(np.cumsum(lens) - lens, lens)  # index within its sentence
    rest = np.repeat(lens, lens) - pos - 1  # tokens after it in its sentence
    table, st = vocab.table, r.fixed
    scores = table[ids, 0].copy()
    scores[1:] += np.where((pos[1:] > 0)[:, None], table[ids[:-1], 1], 0.0)
    scores[pos == 0] += st[0]
    scores[2:] += np.where((pos[2:] > 1)[:, None], table[ids[:-2], 3], 0.0)
    scores[pos < 2] += st[1]
    scores[:-1] += np.where((rest[:-1] > 0)[:, None], table[ids[1:], 2], 0.0)
    scores[rest == 0] += st[2]
    scores[:-2] += np.where((rest[:-2] > 1)[:, None], table[ids[2:], 4], 0.0)
    scores[rest < 2] += st[3]
    # word pairs: only a token that begins a pair the model knows can give one
    extra: list[int] = []
    where: list[int] = []
    starts = np.flatnonzero(vocab.pairs[ids[:-1]] & (rest[:-1] > 0))
    got = vocab.pair_rows(tokens, ids, starts)
    at = starts.tolist()
    for n in [n for n, rows in enumerate(got) if rows is not _NO_PAIR]:  # most pairs are unknown
        i, (minus, plus) = at[n], got[n]
        if plus:
            extra.append(plus)
            where.append(i)
        if minus:
            extra.append(minus)
            where.append(i + 1)
    # gazetteer marks: the longest known place from each token that can begin one, left to
    # right within each sentence, as the gazetteer feature marks them
    free = 0
    place_starts = np.flatnonzero(vocab.places[ids]).tolist()
    folded = list(map(vocab.folded.__getitem__, tokens)) if place_starts else []
    for i in place_starts:
        length = place_length(folded, i, i + int(rest[i]) + 1) if i >= free else 0
        if length:
            extra.append(r.gaz_b)
            where.append(i)
            extra.extend([r.gaz_i] * (length - 1))
            where.extend(range(i + 1, i + length))
            free = i + length
    if extra:
        np.add.at(scores, np.asarray(where, dtype=np.intp), weights().state[np.asarray(extra, dtype=np.intp)])
    return scores


def _pair_rows(a: str, b: str) -> tuple[int, int]:
    """Rows of the word-pair features of two neighbours: b's "bg-=a|b" and a's "bg+=a|b"."""
    r = _rows()
    rows = r.get("bg-=" + a + "|" + b, 0), r.get("bg+=" + a + "|" + b, 0)
    return rows if rows != _NO_PAIR else _NO_PAIR  # most pairs are unknown: one tuple for them all


_NO_PAIR = (0, 0)


class _Rows(dict):
    """Feature name -> weight row, with the rows of the fixed features at hand."""

    def __init__(self, w: Weights) -> None:
        super().__init__(w.rows)
        self.gaz_b, self.gaz_i = self.get("gaz=B", 0), self.get("gaz=I", 0)
        self.start1, self.start2 = self.get("w-1=<s>", 0), self.get("w-2=<s>", 0)
        self.end1, self.end2 = self.get("w+1=</s>", 0), self.get("w+2=</s>", 0)
        # the scores of "w-1=<s>", "w-2=<s>", "w+1=</s>", "w+2=</s>"
        self.fixed = w.state[[self.start1, self.start2, self.end1, self.end2]]

    def of(self, names) -> tuple[int, ...]:
        """Rows of the known features among `names` (unknown ones weigh nothing)."""
        return tuple(r for r in (self.get(f, 0) for f in names) if r)


@lru_cache(maxsize=1)
def _rows() -> _Rows:
    return _Rows(weights())


class _Vocabulary:
    """Tokens seen so far, each with five label-score vectors: what it says of itself, to
    the token after it (it stands at -1), to the token before it (+1), two after (-2) and two
    before (+2). Holds at most `CAPACITY` tokens; then it starts afresh (the vectors are
    only sums of model weights, so nothing but time depends on what it holds)."""

    CAPACITY = 100_000  # 100,000 x 5 x 13 doubles: 52 MB per process at most
    PAIRS_HELD = 300_000  # neighbour pairs remembered (about 30 MB), then forgotten all at once

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.folded: dict[str, str] = {}
        self.table = np.zeros((1024, 5, len(weights().labels)))
        self.pairs = np.zeros(1024, dtype=bool)  # begins a word pair the model knows
        self.places = np.zeros(1024, dtype=bool)  # its folded key begins a known place
        self.pairs_seen: dict[int, tuple[int, int]] = {}  # row a * CAPACITY + row b -> `_pair_rows`

    def indices(self, tokens: list[str]) -> np.ndarray:
        """The row of each token, adding those not seen yet."""
        ids = list(map(self.ids.get, tokens))
        if None in ids:
            new = list(dict.fromkeys(t for t, i in zip(tokens, ids) if i is None))
            if len(self.ids) + len(new) > self.CAPACITY:  # start afresh, never within an article
                self.ids.clear()
                self.folded.clear()
                self.pairs_seen.clear()
                new = list(dict.fromkeys(tokens))
            self._add(new)
            ids = list(map(self.ids.get, tokens))
        return np.asarray(ids, dtype=np.intp)

    def pair_rows(self, tokens: list[str], ids: np.ndarray, starts: np.ndarray) -> list[tuple[int, int]]:
        """`_pair_rows` of each token at `starts` and the token after it, remembered by the
        two tokens' rows (a dictionary of integers: most pairs recur, and looking them up by
        their strings was a fifth of the tagger's time)."""
        keys = (ids[starts] * self.CAPACITY + ids[starts + 1]).tolist()
        seen = self.pairs_seen
        got = list(map(seen.get, keys))
        if None in got:
            if len(seen) > self.PAIRS_HELD:
                seen.clear()
            for n, key in enumerate(keys):
                if got[n] is None:
                    i = int(starts[n])
                    got[n] = seen[key] = _pair_rows(tokens[i], tokens[i + 1])
        return got

    def _add(self, tokens: list[str]) -> None:
        first = len(self.ids)
        need = first + len(tokens)
        if need > len(self.table):
            size = max(need, min(2 * len(self.table), self.CAPACITY))
            self.table = _grown(self.table, size)
            self.pairs = _grown(self.pairs, size)
            self.places = _grown(self.places, size)
        flat: list[int] = []
        starts: list[int] = []
        pairs, places = _pair_starts(), place_token_seqs("hi")
        for k, tok in enumerate(tokens):
            folded, groups = _token_rows(tok)
            for group in groups:
                starts.append(len(flat))
                flat.append(0)  # the zero row: no group is empty
                flat.extend(group)
            self.ids[tok] = first + k
            self.folded[tok] = folded
            self.pairs[first + k] = tok in pairs
            self.places[first + k] = folded in places
        sums = np.add.reduceat(weights().state[flat], starts, axis=0)
        self.table[first:need] = sums.reshape(len(tokens), 5, -1)


def _grown(a: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros((size,) + a.shape[1:], dtype=a.dtype)
    out[:len(a)] = a
    return out


@lru_cache(maxsize=1)
def _pair_starts() -> frozenset[str]:
    """Every word that may begin a word pair the model knows ("bg-=a|b", "bg+=a|b"): each
    cut of a pair's name at a "|", since a token may itself be "|"."""
    out = set()
    for name in weights().rows:
        if name.startswith(("bg-=", "bg+=")):
            body = name[4:]
            out.update(body[:k] for k, ch in enumerate(body) if ch == "|")
    return frozenset(out)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


def _token_rows(tok: str) -> tuple[str, tuple[tuple[int, ...], ...]]:
    """A token's folded key, and the rows of the features it makes of itself and gives its
    neighbours (at -1, +1, -2, +2; see `features.sentence_features`)."""
    r = _rows()
    titles = word_list("hi", "titles.txt")
    posts = word_list("hi", "ner_postpositions.txt")
    folded, own = token_features(tok)
    own += (("is_title",) if tok in titles else ()) + (("is_post",) if tok in posts else ())
    m1_class, p1_class, m2_word, m1, p1, p2_word = as_neighbour_features(tok)
    return folded, (r.of(own),
                    r.of(m1_class + m1 + (("prev_title",) if tok in titles else ())),
                    r.of(p1_class + p1 + (("next_post",) if tok in posts else ())),
                    r.of((m2_word,) + (("prev2_title",) if tok in titles else ())),
                    r.of((p2_word,) + (("next2_post",) if tok in posts else ())))


def _viterbi(scores: np.ndarray, lengths: list[int], trans: np.ndarray) -> list[list[int]]:
    """Best label path of each sentence. `scores` holds the label scores of all tokens,
    sentence after sentence. The sentences are stepped through together, longest first,
    so that step t works on the first k(t) of them: those that have a token t."""
    order = sorted((k for k, n in enumerate(lengths) if n), key=lambda k: -lengths[k])
    paths: list[list[int]] = [[] for _ in lengths]
    if not order:
        return paths
    n_labels = trans.shape[0]
    lens = np.asarray([lengths[k] for k in order], dtype=np.intp)
    longest, m = int(lens[0]), len(order)
    active = np.searchsorted(-lens, -np.arange(longest), side="left").tolist()
    # steps[t, j]: the scores of token t of the j-th longest sentence
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))[order]
    rank = np.repeat(np.arange(m), lens)
    t_of = np.arange(len(rank)) - np.repeat(np.cumsum(lens) - lens, lens)
    steps = np.zeros((longest, m, n_labels))
    steps[t_of, rank] = scores[offsets[rank] + t_of]
    delta = steps[0].copy()
    back = np.zeros((longest, m, n_labels), dtype=np.intp)
    # cand[(sentence, to), from]: the "from" labels of each row side by side in memory, where
    # NumPy finds a row's best fastest (half the time of reducing over a strided axis)
    cand = np.empty((m * n_labels, n_labels))
    flat = cand.ravel()
    row_at = np.arange(m * n_labels) * n_labels  # where each row starts in `flat`
    into = np.ascontiguousarray(trans.T)  # [to, from]
    for t in range(1, longest):
        k = active[t]
        c, best = cand[:k * n_labels], back[t, :k].reshape(-1)
        np.add(delta[:k, None, :], into, out=c.reshape(k, n_labels, n_labels))
        c.argmax(axis=1, out=best)  # the first best, as crfsuite keeps it
        np.add(flat[row_at[:k * n_labels] + best].reshape(k, n_labels), steps[t, :k], out=delta[:k])
    out = np.zeros((m, longest), dtype=np.intp)
    every = np.arange(m)
    out[every, lens - 1] = delta.argmax(axis=1)
    for t in range(longest - 1, 0, -1):
        k = active[t]
        out[:k, t - 1] = back[t, every[:k], out[:k, t]]
    rows = out.tolist()
    for j, k in enumerate(order):
        paths[k] = rows[j][:lengths[k]]
    return paths
