# Test oracle: prints every text value (SH LO ST LT UT UC PN) of the given files as decoded by
# pydicom, one per line: file TAB path TAB VR TAB hex(UTF-8 of the value, values joined by '\').
import sys
import pydicom
from pydicom.multival import MultiValue

TEXT = {"SH", "LO", "ST", "LT", "UT", "UC", "PN"}


def walk(ds, prefix, name):
    for elem in ds:
        tag = "%08X" % int(elem.tag)
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value or []):
                walk(item, prefix + tag + "/" + str(i) + "/", name)
        elif elem.VR in TEXT:
            v = elem.value
            if v is None:
                s = ""
            elif isinstance(v, MultiValue):
                s = "\\".join(str(x) for x in v)
            else:
                s = str(v)
            print(name + "\t" + prefix + tag + "\t" + elem.VR + "\t" + s.encode("utf-8").hex())


for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    ds.decode()
    walk(ds, "", path.rsplit("/", 1)[-1])
