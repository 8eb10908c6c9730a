"""Rebuild the packaged US Census first-name list (first names Faker's providers do not have).

    pip install names wordfreq   # build time only
    python scripts/build_census_names.py   # writes anonymizer/detect/recognizers/data/census_first_names.txt

Source: the 1990 US Census name frequency files (`dist.female.first`, `dist.male.first`; public
domain, US government work), as shipped in the `names` package on PyPI (MIT licence,
https://github.com/treyhunner/names). Kept: names not already in the Faker-built lists, stored as their folded
key, and not everyday English words (wordfreq Zipf below 3.5: "Ginger" and "Candy" stay out), so that a common
word does not become a "known name". The Census last names were tried and left out: 77,000 rare surnames made
brand and place words known names ("Zelle", "Evergreen", "Banco") and cost precision on the dev sets.
"""

from __future__ import annotations

from pathlib import Path

import names as census
from wordfreq import zipf_frequency

from anonymizer.detect.recognizers.fold import fold
from anonymizer.detect.recognizers.names import _word_file

DATA = Path(__file__).resolve().parents[1] / "anonymizer" / "detect" / "recognizers" / "data"
CENSUS = Path(census.__file__).resolve().parent
_FIRST_MAX_ZIPF = 3.5
_HEADER = """# {what} from the 1990 US Census name frequency files (public domain), as shipped in the `names` package
# (MIT licence, https://github.com/treyhunner/names), that Faker's providers lack and English seldom uses
# as a word (wordfreq Zipf < {zipf}). Built by scripts/build_census_names.py; folded keys, one per line.
"""


def _read(*files: str) -> list[str]:
    out: list[str] = []
    for name in files:
        for line in (CENSUS / name).read_text(encoding="ascii").splitlines():
            if line.strip():
                out.append(line.split()[0].lower())
    return out


def _write(path: Path, what: str, zipf: float, entries: list[str], known: frozenset[str]) -> int:
    kept = sorted({fold(w) for w in entries if fold(w) not in known and zipf_frequency(w, "en") < zipf})
    path.write_text(_HEADER.format(what=what, zipf=zipf) + "".join(f"{w}\n" for w in kept), encoding="utf-8")
    return len(kept)


def main() -> int:
    first = _write(
        DATA / "census_first_names.txt",
        "First names",
        _FIRST_MAX_ZIPF,
        _read("dist.female.first", "dist.male.first"),
        _word_file("first_names.txt"),
    )
    print(f"census_first_names.txt: {first} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
