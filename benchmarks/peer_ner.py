"""underthesea's named-entity recognizer on the same articles; prints JSON.

Runs in its own virtual environment (underthesea is not a kg dependency): benchmarks/run.py
creates it. underthesea's default NER is a CRF model shipped inside the PyPI package (no
download at run time); each non-empty line of an article is one call.

Usage: python benchmarks/peer_ner.py FILE...
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    from underthesea import ner

    texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
    ner("Khởi động.")  # load the models before timing
    started = time.perf_counter()
    entities = 0
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                entities += sum(1 for token in ner(line) if token[-1].startswith("B-"))
    seconds = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    print(
        json.dumps(
            {"articles": len(texts), "chars": chars, "seconds": seconds, "entities": entities}
        )
    )


if __name__ == "__main__":
    main()
