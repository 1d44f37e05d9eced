#!/usr/bin/env python3
"""Writes lower.txt and space.txt: what Python's str.lower() and str.isspace() give, for the
model package's tests to check Lower and the tokenizer's word split against (users and CI need
no Python). Run it from this folder with python3 (3.11 made the committed files):

    python3 python.py

lower.txt holds, over every code point assigned in Python's Unicode database (surrogates left
out: a Go string cannot hold them):
  unicode V               the database's version
  assigned R...           the assigned code points, as hex ranges A-B (or A)
  lower C L...            C.lower() is the code points L..., for each C it changes
  sigma-ignorable R...    C is skipped when Python looks for a cased letter around a capital sigma
  sigma-cased R...        C counts as a cased letter there (and is not skipped)
  text IN OUT             IN.lower() is OUT (JSON strings): contexts of the final sigma and others
The sigma classes are measured, not read from a table: ("Α"+C+"Σ"), (C+"Σ") and ("ΑΣ"+C) are
lowered and the sigma's form tells which class C is in.
space.txt lists, as hex ranges, the code points C for which C.isspace(): what str.split()
splits on.
"""
import json
import platform
import sys
import unicodedata

SIGMA, FINAL = "\u03a3", "\u03c2"


def ranges(cps):
    out, start, prev = [], None, None
    for c in cps:
        if start is not None and c == prev + 1:
            prev = c
            continue
        if start is not None:
            out.append(f"{start:x}" if start == prev else f"{start:x}-{prev:x}")
        start = prev = c
    if start is not None:
        out.append(f"{start:x}" if start == prev else f"{start:x}-{prev:x}")
    return out


def lines(tag, items, per_line=12):
    return [f"{tag} " + " ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]


def main():
    assigned = [c for c in range(sys.maxunicode + 1)
                if unicodedata.category(chr(c)) not in ("Cn", "Cs")]
    ignorable, cased = [], []
    for c in assigned:
        ch = chr(c)
        before = ("\u0391" + ch + SIGMA).lower().endswith(FINAL)  # ignorable or cased
        start = (ch + SIGMA).lower().endswith(FINAL)              # cased and not ignorable
        after = ("\u0391" + SIGMA + ch).lower().startswith("\u03b1" + FINAL)  # ignorable or not cased
        cls = (before, start, after)
        if cls == (True, False, True):
            ignorable.append(c)
        elif cls == (True, True, False):
            cased.append(c)
        elif cls != (False, False, True):
            sys.exit(f"U+{c:04X}: sigma contexts {cls} fit no class")
    texts = [
        "ΟΔΥΣΣΕΥΣ … Οδυσσευς",  # the example
        "Σ", " Σ ", "ΑΣ", "ΑΣ.", "ΑΣ,", "ΑΣ!", "ΑΣ;", "(ΑΣ)",
        "ΑΣ.Α", "ΑΣ'Α", "ΑΣ:Α", "ΑΣ-Α", "ΑΣ’Α", "Α.Σ", "Α-Σ",
        "1Σ", "Σ1", "ΑΣ1", "ΑΣΑ", "ΑΣ Α", "ΣΑΣ\nΣΑΣ", "ΣΣ", "ΑΣΣ",
        "Α\u0301Σ", "ΑΣ\u0301", "ΑΣ\u0301Α", "ΑΣ\u200dΑ", "ΑΣ\u00adΑ",
        "ΑΣ" + "." * 40 + "Α", "Α" + "\u0301" * 40 + "Σ", "ΑΣ" + "\u0301" * 40,
        "\u02b0Σ", "ΑΣ\u02b0", "\u0345Σ", "ΑΣ\u0345",
        "ΌΣΟΣ ΜΈΣΑ ΣΤΟ ΣΠΊΤΙ", "Ὀδυσσεύς ΣΑΣ ΣΑΣ.",
        "İSTANBUL", "ǅUR ǈUDI ǋEGOŠ", "STRAẞE", "\u212a\u212b", "ΑΣ 🐢 ΑΣ🐢",
        "토끼와 거북이 🐢🐢 THE FOX", "ÀÉÎÕÜ ÇÑ ĲSSEL", "ДОБРЫЙ ВЕЧЕР", "ԱՐԵՎ", "ᏣᎳᎩ",
    ]
    out = [
        "# Python's str.lower() on every assigned code point and on texts: see python.py; do not edit.",
        f"# Python {platform.python_version()}",
        f"unicode {unicodedata.unidata_version}",
    ]
    out += lines("assigned", ranges(assigned))
    for c in assigned:
        low = chr(c).lower()
        if low != chr(c):
            out.append(f"lower {c:x} " + " ".join(f"{ord(x):x}" for x in low))
    out += lines("sigma-ignorable", ranges(ignorable))
    out += lines("sigma-cased", ranges(cased))
    for t in texts:
        out.append("text " + json.dumps(t, ensure_ascii=False) + " " + json.dumps(t.lower(), ensure_ascii=False))
    with open("lower.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")

    space = [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    with open("space.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("# The code points that Python's str.isspace() accepts: see python.py; do not edit.\n")
        f.write(f"# Python {platform.python_version()}\n")
        f.write(f"unicode {unicodedata.unidata_version}\n")
        f.write("\n".join(lines("space", ranges(space))) + "\n")
    print(f"{len(assigned)} assigned code points, {len(ignorable)} sigma-ignorable, {len(cased)} sigma-cased, "
          f"{len(space)} white space")


if __name__ == "__main__":
    main()
