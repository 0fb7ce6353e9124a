"""The learned fallback: its training data, its training, and the measurements behind choosing it over GiNZA.

    python bench/fallback.py label      # ivr/ja/data/training.tsv from the tuning corpus (never a holdout)
    python bench/fallback.py train      # ivr/ja/data/fallback.npz from examples.yaml + training.tsv (scikit-learn)
    python bench/fallback.py measure    # accuracy (5-fold), cost a sentence, load time, memory; GiNZA too if
                                        # installed (pip install ja-ginza): its load, RSS, ms a sentence and
                                        # the accuracy its vectors add

Labels come from calls the rules route right: a turn in which the rules find the problem the call ended with
is labelled with that kind; a turn of such a call in which they find no problem at all is labelled `none`.
The example sentences (examples.yaml, written by hand, off-topic calls under `none`) are added as they are.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from ivr.core.catalogue import load  # noqa: E402
from ivr.ja.fallback import MODEL_FILE, NONE, features  # noqa: E402
from ivr.ja.lexicon import lexicon  # noqa: E402

DATA = ROOT / "ivr" / "ja" / "data"
TRAINING = DATA / "training.tsv"
CORPUS = ROOT / "tests" / "corpus"
NEVER = ("holdout", "unseen")  # sets kept for scoring only: never read for training
C = 20.0  # inverse regularisation of the logistic regression (chosen by 5-fold accuracy: 5, 10, 20, 50)


def tuning_files() -> list[Path]:
    return [p for p in sorted(CORPUS.glob("*.jsonl")) if not any(word in p.name for word in NEVER)]


def label() -> None:
    from ivr.core.dialog import Assistant
    from ivr.ja.language import Japanese
    from ivr.simulation import read_cases, run_case

    catalogue = load(ROOT / "providers.yaml")
    rules_only = Japanese(catalogue, model=None)
    assistant = Assistant(catalogue, rules_only)
    rows = set()
    for path in tuning_files():
        for case in read_cases(str(path)):
            result = run_case(assistant, case)
            if result.ok:
                rows |= _labelled_turns(rules_only, case, result.got.get("problem"))
    TRAINING.write_text("".join(f"{kind}\t{text}\n" for kind, text in sorted(rows)), encoding="utf-8")
    print(f"{TRAINING.relative_to(ROOT)}: {len(rows)} labelled turns from {', '.join(p.name for p in tuning_files())}")


def _labelled_turns(language, case, problem: str | None) -> set[tuple[str, str]]:
    rows = set()
    for text in case.turns:
        text = " ".join(text.split())
        if len(text) < 4 or text.startswith("dtmf:") or text.isdigit():
            continue
        heard = language.understand(text)
        if problem and problem in heard.problems.values():
            rows.add((problem, text))
        elif not heard.problems and heard.yes is None and heard.command is None:
            rows.add((NONE, text))
    return rows


def dataset() -> tuple[list[str], list[str]]:
    texts, kinds = [], []
    for kind, sentences in lexicon().examples.items():
        for text in sentences:
            texts.append(text)
            kinds.append(kind)
    for line in TRAINING.read_text(encoding="utf-8").splitlines():
        kind, text = line.split("\t", 1)
        texts.append(text)
        kinds.append(kind)
    return texts, kinds


def fingerprint(texts: list[str], kinds: list[str]) -> str:
    return hashlib.sha256(json.dumps([texts, kinds], ensure_ascii=False).encode()).hexdigest()[:16]


def _pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2),
                         LogisticRegression(C=C, max_iter=5000))


def train() -> None:
    texts, kinds = dataset()
    started = time.perf_counter()
    pipeline = _pipeline().fit(texts, kinds)
    seconds = time.perf_counter() - started
    vectoriser, model = pipeline.steps[0][1], pipeline.steps[1][1]
    grams = vectoriser.get_feature_names_out()
    np.savez_compressed(DATA / MODEL_FILE, grams=np.array(grams, dtype=str), idf=vectoriser.idf_.astype(np.float32),
                        weights=model.coef_.T.astype(np.float16), bias=model.intercept_.astype(np.float32),
                        classes=np.array(model.classes_, dtype=str),
                        fingerprint=np.array(fingerprint(texts, kinds)))
    size = (DATA / MODEL_FILE).stat().st_size
    print(f"{MODEL_FILE}: {len(texts)} sentences, {len(model.classes_)} classes, {len(grams)} n-grams, "
          f"{size / 1024:.0f} KiB, trained in {seconds:.2f} s")


def _folds(kinds: list[str], k: int = 5) -> list[np.ndarray]:
    rng = np.random.default_rng(17)
    order = rng.permutation(len(kinds))
    return [order[i::k] for i in range(k)]


def _cross_validate(matrix_of, kinds: list[str]) -> float:
    from sklearn.linear_model import LogisticRegression

    labels = np.array(kinds)
    right = 0
    for test in _folds(kinds):
        train = np.setdiff1d(np.arange(len(kinds)), test)
        train_x, test_x = matrix_of(train, test)
        model = LogisticRegression(C=C, max_iter=5000).fit(train_x, labels[train])
        right += int((model.predict(test_x) == labels[test]).sum())
    return 100 * right / len(kinds)


def _char_matrices(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    def matrix_of(train, test):
        vectoriser = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2)
        return vectoriser.fit_transform([texts[i] for i in train]), vectoriser.transform([texts[i] for i in test])
    return matrix_of


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def measure() -> None:
    texts, kinds = dataset()
    print(f"data: {len(texts)} sentences, {len(set(kinds))} classes")
    char_accuracy = _cross_validate(_char_matrices(texts), kinds)
    print(f"char n-grams + logistic regression: 5-fold accuracy {char_accuracy:.1f} %")
    from ivr.ja.fallback import Model

    before = _rss_mb()
    started = time.perf_counter()
    model = Model.load()
    load_ms = (time.perf_counter() - started) * 1000
    costs = []
    for text in texts[:400]:
        started = time.perf_counter()
        model.guess(text)
        costs.append((time.perf_counter() - started) * 1000)
    costs.sort()
    print(f"  shipped model: loads in {load_ms:.0f} ms, +{_rss_mb() - before:.1f} MB RSS, "
          f"{statistics.median(costs):.3f} ms a sentence (p95 {costs[int(len(costs) * .95)]:.3f} ms), no scikit-learn at run time")
    _measure_ginza(texts, kinds, char_accuracy)


def _measure_ginza(texts: list[str], kinds: list[str], char_accuracy: float) -> None:
    try:
        import spacy
    except ImportError:
        print("GiNZA: not installed here (pip install ja-ginza) - not measured")
        return
    gc.collect()
    before = _rss_mb()
    started = time.perf_counter()
    nlp = spacy.load("ja_ginza")
    load_s = time.perf_counter() - started
    loaded = _rss_mb()
    costs, vectors = [], []
    for text in texts:
        started = time.perf_counter()
        doc = nlp(text)
        costs.append((time.perf_counter() - started) * 1000)
        vectors.append(doc.vector)
    vectors = np.array(vectors)
    print(f"GiNZA (ja_ginza {nlp.meta.get('version')}): loads in {load_s:.2f} s, +{loaded - before:.0f} MB RSS "
          f"(max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB), "
          f"{statistics.median(costs):.1f} ms a sentence (p95 {sorted(costs)[int(len(costs) * .95)]:.1f} ms)")
    vector_accuracy = _cross_validate(lambda train, test: (vectors[train], vectors[test]), kinds)
    print(f"  its 300-d vectors + logistic regression: 5-fold accuracy {vector_accuracy:.1f} %")
    from scipy.sparse import csr_matrix, hstack

    char_of = _char_matrices(texts)

    def both(train, test):
        char_train, char_test = char_of(train, test)
        return (hstack([char_train, csr_matrix(vectors[train])]).tocsr(),
                hstack([char_test, csr_matrix(vectors[test])]).tocsr())
    both_accuracy = _cross_validate(both, kinds)
    print(f"  char n-grams + its vectors: 5-fold accuracy {both_accuracy:.1f} % "
          f"({both_accuracy - char_accuracy:+.1f} points over char n-grams alone)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("label", "train", "measure"))
    {"label": label, "train": train, "measure": measure}[parser.parse_args().what]()


if __name__ == "__main__":
    main()
