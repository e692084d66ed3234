"""Write the country gazetteers (Hindi and English) from Babel's CLDR territory names.

Run once by a developer (``python -m khabar.ner.build_gazetteer``); the output files are
package data, so run time never needs Babel.
"""
from __future__ import annotations

import argparse
from pathlib import Path

_LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
# CLDR codes that are not countries or territories (organisations, placeholders)
_NOT_PLACES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def build(language: str, out_path: Path) -> int:
    """Write the CLDR country names of `language` to `out_path`; return how many."""
    import babel  # developer-only dependency

    locale = babel.Locale(language)
    names = sorted(
        {name.strip() for code, name in locale.territories.items()
         if code.isalpha() and code not in _NOT_PLACES and name.strip()}
    )
    header = (f"# source: Unicode CLDR territory names for '{language}' via Babel "
              f"{babel.__version__} (babel.Locale('{language}').territories), "
              "written by khabar/ner/build_gazetteer.py\n")
    out_path.write_text(header + "".join(n + "\n" for n in names), encoding="utf-8")
    return len(names)


def main() -> None:
    """Command line: build both country gazetteers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang-dir", type=Path, default=_LANG_DIR)
    args = ap.parse_args()
    for lang in ("hi", "en"):
        out = args.lang_dir / lang / "gazetteer_countries.txt"
        print(out, build(lang, out))


if __name__ == "__main__":
    main()
