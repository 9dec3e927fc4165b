"""Independent check of de-identified files with pydicom (Debian's /usr/bin/python3).

usage: verify_ps315.py TABLE.json ORIGINAL OUTPUT [ORIGINAL OUTPUT ...]

For every pair: every attribute of PS3.15 Table E.1-1 whose Basic Profile action is X, Z, D or U (or a
combination of them) and that the original holds with a value is, in the output, removed, emptied or replaced
(UIDs: replaced by a valid UID); sequences are compared item by item at every depth; no private element is
left; Patient Identity Removed is YES and the De-identification Method Code Sequence holds 113100 (DCM).
Across all pairs: the same original UID always maps to the same new UID and no two originals share one.
Prints one line per problem and exits 1 if there is any.
"""
import json
import re
import sys

import pydicom

HIDE = {"X", "Z", "D", "U", "X/Z", "X/D", "X/Z/D", "Z/D"}
UID_RE = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$")

table = json.load(open(sys.argv[1]))
exact = {}
patterns = []
for row in table:
    tag = row["tag"].upper()
    if "GGGG" in tag:
        continue
    hexs = tag.strip("()").replace(",", "").replace(" ", "")
    if "X" in hexs:
        value = int(hexs.replace("X", "0"), 16)
        mask = int("".join("0" if c == "X" else "F" for c in hexs), 16)
        patterns.append((value, mask, row["basicProfile"]))
    else:
        exact[int(hexs, 16)] = row["basicProfile"]


def action(tag):
    if tag in exact:
        return exact[tag]
    for value, mask, a in patterns:
        if tag & mask == value:
            return a
    return None


problems = []
uid_map = {}
uid_back = {}


def empty(elem):
    if elem.VR == "SQ":
        return len(elem.value) == 0
    return elem.is_empty


def uid_values(elem):
    v = elem.value
    if v is None:
        return []
    if isinstance(v, (list, pydicom.multival.MultiValue)):
        return [str(x) for x in v]
    return [str(v)]


def check_uids(path, orig, out):
    a = uid_values(orig)
    b = uid_values(out)
    if len(a) != len(b):
        problems.append(f"{path}: {len(a)} UIDs became {len(b)}")
        return
    for x, y in zip(a, b):
        if x == "":
            continue
        if x == y:
            problems.append(f"{path}: UID {x} kept")
        if not UID_RE.match(y) or len(y) > 64:
            problems.append(f"{path}: '{y}' is not a valid UID")
        if uid_map.setdefault(x, y) != y:
            problems.append(f"{path}: UID {x} became {y} here but {uid_map[x]} elsewhere")
        if uid_back.setdefault(y, x) != x:
            problems.append(f"{path}: UIDs {x} and {uid_back[y]} both became {y}")


def walk(orig, out, path):
    for elem in orig:
        tag = int(elem.tag)
        p = f"{path}({elem.tag.group:04X},{elem.tag.element:04X})"
        if elem.tag.is_private:
            continue  # checked on the output side
        o = out[elem.tag] if elem.tag in out else None
        a = action(tag)
        if a in HIDE and not empty(elem):
            if o is None or empty(o):
                continue
            if elem.VR == "UI":
                check_uids(p, elem, o)
            elif elem.VR == "SQ":
                for i, (x, y) in enumerate(zip(elem.value, o.value)):
                    walk(x, y, f"{p}[{i}]/")
            elif o.value == elem.value:
                problems.append(f"{p}: {a} attribute kept its value {elem.value!r}")
        elif elem.VR == "SQ" and o is not None and o.VR == "SQ":
            if len(o.value) != len(elem.value):
                problems.append(f"{p}: {len(elem.value)} items became {len(o.value)}")
            for i, (x, y) in enumerate(zip(elem.value, o.value)):
                walk(x, y, f"{p}[{i}]/")


def no_private(ds, path):
    for elem in ds:
        p = f"{path}({elem.tag.group:04X},{elem.tag.element:04X})"
        if elem.tag.is_private:
            problems.append(f"{p}: private element left")
        elif elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                no_private(item, f"{p}[{i}]/")


args = sys.argv[2:]
for k in range(0, len(args), 2):
    name = args[k + 1]
    orig = pydicom.dcmread(args[k], force=True)
    out = pydicom.dcmread(args[k + 1], force=True)
    walk(orig, out, name + " ")
    no_private(out, name + " ")
    if out.get("PatientIdentityRemoved") != "YES":
        problems.append(f"{name}: Patient Identity Removed is not YES")
    codes = [(c.CodeValue, c.CodingSchemeDesignator) for c in out.get("DeidentificationMethodCodeSequence", [])]
    if ("113100", "DCM") not in codes:
        problems.append(f"{name}: no 113100 (DCM) in the De-identification Method Code Sequence: {codes}")

for p in problems:
    print(p)
print(f"checked {len(args) // 2} files, {len(uid_map)} UIDs, {len(problems)} problems")
sys.exit(1 if problems else 0)
