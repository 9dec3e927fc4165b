package org.xnat.dicom.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xnat.dicom.charset.SpecificCharacterSet;
import org.xnat.dicom.dict.ElementDictionary;

/**
 * A dataset (or sequence item): data elements sorted by tag. Values are kept as they are encoded, so a round
 * trip is byte-exact: {@code byte[]} for every non-sequence element (binary values always in little-endian
 * byte order, strings with their padding, undecoded), {@link Sequence} for SQ, {@link Fragments} for
 * encapsulated pixel data and {@link BulkDataReference} for values left outside memory. Strings are decoded on
 * access with the Specific Character Set in effect: the item's own (0008,0005), else its parent's.
 *
 * <pre>{@code Attributes a = new Attributes();
 * a.setString(Tag.PatientName, VR.PN, "Doe^John");
 * a.setInt(Tag.Rows, VR.US, 512);
 * String name = a.getString(Tag.PatientName);       // "Doe^John"
 * int rows = a.getInt(Tag.Rows, 0);                 // 512
 * LocalDate date = a.getDate(Tag.StudyDate);        // null if absent or invalid
 * Sequence seq = a.newSequence(Tag.ReferencedStudySequence);
 * int t = a.reservePrivateTag("ACME 1.0", 0x0019, 0x10); a.setString(t, VR.LO, "x");  // (0019,1010)}</pre>
 *
 * Not thread-safe.
 */
public final class Attributes {

    /** Callback of {@link #accept(Visitor, boolean)}. */
    @FunctionalInterface
    public interface Visitor {
        /** Returns false to stop the walk. */
        boolean visit(Attributes attrs, int tag, VR vr, Object value) throws Exception;
    }

    private static final byte[] EMPTY = {};

    private final Attributes parent;
    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;
    private boolean undefinedLength = true;

    public Attributes() {
        this(null, 16);
    }

    /** An empty item whose Specific Character Set defaults to the one of {@code parent}. */
    Attributes(Attributes parent, int capacity) {
        this.parent = parent;
        this.tags = new int[capacity];
        this.vrs = new VR[capacity];
        this.values = new Object[capacity];
    }

    /** Deep copy (sequences, fragments and byte arrays are copied) as an item of {@code parent}. */
    Attributes(Attributes other, Attributes parent) {
        this.parent = parent;
        this.size = other.size;
        this.tags = Arrays.copyOf(other.tags, Math.max(other.size, 4));
        this.vrs = Arrays.copyOf(other.vrs, tags.length);
        this.values = new Object[tags.length];
        this.undefinedLength = other.undefinedLength;
        for (int i = 0; i < size; i++) {
            values[i] = copyValue(other.values[i]);
        }
    }

    /** Deep copy without a parent. */
    public Attributes(Attributes other) {
        this(other, null);
    }

    private Object copyValue(Object v) {
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof Sequence s) {
            Sequence copy = new Sequence(this);
            copy.setUndefinedLength(s.isUndefinedLength());
            for (Attributes item : s) {
                copy.addItem(item);
            }
            return copy;
        }
        if (v instanceof Fragments f) {
            return f.deepCopy();
        }
        return v;
    }

    /** The dataset holding the sequence this item belongs to, or {@code null} at top level. */
    public Attributes parent() {
        return parent;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The tags present, in ascending (unsigned) order. */
    public int[] tags() {
        return Arrays.copyOf(tags, size);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** True if present with a non-empty value. */
    public boolean containsValue(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        Object v = values[i];
        return v instanceof byte[] b ? b.length > 0 : v instanceof Sequence s ? !s.isEmpty() : v != null;
    }

    /** The VR of a present element, or {@code null}. */
    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : vrs[i];
    }

    /** The raw value: {@code byte[]}, {@link Sequence}, {@link Fragments}, {@link BulkDataReference} or null. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : values[i];
    }

    /** The raw bytes (binary values in little-endian order), or {@code null} if absent or not held as bytes. */
    public byte[] getBytes(int tag) {
        return getValue(tag) instanceof byte[] b ? b : null;
    }

    public Sequence getSequence(int tag) {
        return getValue(tag) instanceof Sequence s ? s : null;
    }

    public Fragments getFragments(int tag) {
        return getValue(tag) instanceof Fragments f ? f : null;
    }

    /** Encoding hint kept from reading (for items): undefined length with an item delimiter. */
    public boolean isUndefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    // ---------------------------------------------------------------- character set

    /** The Specific Character Set in effect for this dataset or item. */
    public SpecificCharacterSet specificCharacterSet() {
        for (Attributes a = this; a != null; a = a.parent) {
            int i = a.indexOf(Tag.SpecificCharacterSet);
            if (i >= 0 && a.values[i] instanceof byte[] b) {
                return SpecificCharacterSet.valueOf(splitValues(latin1(b), VR.CS));
            }
        }
        return SpecificCharacterSet.ASCII;
    }

    // ---------------------------------------------------------------- string getters

    /** First value, trimmed; {@code null} if absent or empty. Binary values are formatted as decimal text. */
    public String getString(int tag) {
        return getString(tag, 0, null);
    }

    public String getString(int tag, String defaultValue) {
        return getString(tag, 0, defaultValue);
    }

    /** The value at {@code index} (0-based) or {@code defaultValue} if there is none or it is empty. */
    public String getString(int tag, int index, String defaultValue) {
        String[] all = getStrings(tag);
        if (all == null || index >= all.length || all[index].isEmpty()) {
            return defaultValue;
        }
        return all[index];
    }

    /** All values (empty ones as ""); an empty array for an empty element; {@code null} if absent. */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        VR vr = vrs[i];
        if (!(values[i] instanceof byte[] b)) {
            return null;
        }
        if (b.length == 0) {
            return new String[0];
        }
        if (vr.isString()) {
            return splitValues(decode(b, vr), vr);
        }
        return formatBinary(b, vr);
    }

    /** The whole value decoded as text, backslashes included; {@code null} if absent or not a string. */
    public String getText(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || !vrs[i].isString()) {
            return null;
        }
        return decode(b, vrs[i]);
    }

    private String decode(byte[] b, VR vr) {
        return vr.usesSpecificCharacterSet() ? specificCharacterSet().decode(b, vr == VR.PN) : latin1(b);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String[] splitValues(String s, VR vr) {
        if (!vr.isMultiValuedString()) {
            return new String[] {trim(s, vr)};
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\\') {
                out.add(trim(s.substring(start, i), vr));
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }

    private static String trim(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR) { // text keeps leading spaces
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }

    private static String[] formatBinary(byte[] b, VR vr) {
        int n = vr.valueSize() == 0 ? 0 : b.length / vr.valueSize();
        if (vr == VR.OB || vr == VR.UN || vr == VR.OW || vr == VR.OD || vr == VR.OF || vr == VR.OL || vr == VR.OV) {
            n = Math.min(n, 0); // bulk binary values have no text form
        }
        String[] s = new String[n];
        for (int k = 0; k < n; k++) {
            int off = k * vr.valueSize();
            s[k] = switch (vr) {
                case US -> Integer.toString(Bytes.u16(b, off));
                case SS -> Integer.toString((short) Bytes.u16(b, off));
                case UL -> Long.toString(Bytes.i32(b, off) & 0xFFFFFFFFL);
                case SL -> Integer.toString(Bytes.i32(b, off));
                case FL -> Float.toString(Float.intBitsToFloat(Bytes.i32(b, off)));
                case FD -> Double.toString(Double.longBitsToDouble(Bytes.i64(b, off)));
                case SV -> Long.toString(Bytes.i64(b, off));
                case UV -> Long.toUnsignedString(Bytes.i64(b, off));
                case AT -> Tag.toString(Bytes.u16(b, off) << 16 | Bytes.u16(b, off + 2)).substring(1, 10)
                        .replace(",", "");
                default -> "";
            };
        }
        return s;
    }

    // ---------------------------------------------------------------- numeric getters

    /** First value as int (IS/DS text or binary), or {@code defaultValue} if absent, empty or not a number. */
    public int getInt(int tag, int defaultValue) {
        long[] v = getLongs(tag);
        return v == null || v.length == 0 ? defaultValue : (int) v[0];
    }

    /** All values as int; {@code null} if absent or not numeric. */
    public int[] getInts(int tag) {
        long[] v = getLongs(tag);
        if (v == null) {
            return null;
        }
        int[] r = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            r[k] = (int) v[k];
        }
        return r;
    }

    public long getLong(int tag, long defaultValue) {
        long[] v = getLongs(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    /** All values as long (UL and US unsigned); {@code null} if absent or not integral. */
    public long[] getLongs(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        VR vr = vrs[i];
        if (vr.isString()) {
            String[] s = getStrings(tag);
            long[] r = new long[s.length];
            try {
                for (int k = 0; k < s.length; k++) {
                    r[k] = vr == VR.DS ? (long) Double.parseDouble(s[k]) : Long.parseLong(s[k].startsWith("+")
                            ? s[k].substring(1) : s[k]);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return r;
        }
        int size = vr.valueSize();
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            double[] d = getDoubles(tag);
            long[] r = new long[d.length];
            for (int k = 0; k < d.length; k++) {
                r[k] = (long) d[k];
            }
            return r;
        }
        if (size == 0 || vr == VR.OB || vr == VR.UN || vr == VR.AT) {
            return null;
        }
        long[] r = new long[b.length / size];
        for (int k = 0; k < r.length; k++) {
            int off = k * size;
            r[k] = switch (vr) {
                case US, OW -> Bytes.u16(b, off);
                case SS -> (short) Bytes.u16(b, off);
                case UL, OL -> Bytes.i32(b, off) & 0xFFFFFFFFL;
                case SL -> Bytes.i32(b, off);
                default -> Bytes.i64(b, off);
            };
        }
        return r;
    }

    public float getFloat(int tag, float defaultValue) {
        return (float) getDouble(tag, defaultValue);
    }

    public double getDouble(int tag, double defaultValue) {
        double[] v = getDoubles(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    /** All values as double (DS/IS text, FL/FD/OF/OD and integer VRs); {@code null} if absent or not numeric. */
    public double[] getDoubles(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        VR vr = vrs[i];
        if (vr == VR.FL || vr == VR.OF || vr == VR.FD || vr == VR.OD) {
            int size = vr.valueSize();
            double[] r = new double[b.length / size];
            for (int k = 0; k < r.length; k++) {
                r[k] = size == 4 ? Float.intBitsToFloat(Bytes.i32(b, k * 4))
                        : Double.longBitsToDouble(Bytes.i64(b, k * 8));
            }
            return r;
        }
        if (vr.isString()) {
            String[] s = getStrings(tag);
            double[] r = new double[s.length];
            try {
                for (int k = 0; k < s.length; k++) {
                    r[k] = Double.parseDouble(s[k]);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return r;
        }
        long[] l = getLongs(tag);
        return l == null ? null : Arrays.stream(l).asDoubleStream().toArray();
    }

    /** AT values as tags; {@code null} if absent or not AT. */
    public int[] getTags(int tag) {
        int i = indexOf(tag);
        if (i < 0 || vrs[i] != VR.AT || !(values[i] instanceof byte[] b)) {
            return null;
        }
        int[] r = new int[b.length / 4];
        for (int k = 0; k < r.length; k++) {
            r[k] = Bytes.u16(b, 4 * k) << 16 | Bytes.u16(b, 4 * k + 2);
        }
        return r;
    }

    // ---------------------------------------------------------------- dates, times, names

    /** DA value, or {@code null} if absent, empty or invalid. */
    public LocalDate getDate(int tag) {
        String s = getString(tag);
        try {
            return s == null ? null : DateTimes.parseDate(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** TM value, or {@code null} if absent, empty or invalid. */
    public LocalTime getTime(int tag) {
        String s = getString(tag);
        try {
            return s == null ? null : DateTimes.parseTime(s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** DT value (UTC offset ignored), or {@code null} if absent, empty or invalid. */
    public LocalDateTime getDateTime(int tag) {
        String s = getString(tag);
        try {
            return s == null ? null : DateTimes.parseDateTime(s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** A DA and a TM element combined (e.g. StudyDate + StudyTime); time defaults to midnight. */
    public LocalDateTime getDateTime(int dateTag, int timeTag) {
        LocalDate d = getDate(dateTag);
        if (d == null) {
            return null;
        }
        LocalTime t = getTime(timeTag);
        return LocalDateTime.of(d, t == null ? LocalTime.MIDNIGHT : t);
    }

    /** First PN value, or {@code null}. */
    public PersonName getPersonName(int tag) {
        String s = getString(tag);
        return s == null ? null : PersonName.parse(s);
    }

    // ---------------------------------------------------------------- setters

    /** Sets a raw value ({@code byte[]} little-endian, {@link Sequence}, {@link Fragments}, {@link BulkDataReference}). */
    public Attributes setValue(int tag, VR vr, Object value) {
        Objects.requireNonNull(vr, "vr");
        Object v = value == null ? EMPTY : value;
        if (!(v instanceof byte[] || v instanceof Sequence || v instanceof Fragments
                || v instanceof BulkDataReference)) {
            throw new IllegalArgumentException("Unsupported value type " + v.getClass().getName());
        }
        if (v instanceof Sequence s && s.parent() != this) {
            throw new IllegalArgumentException("Sequence belongs to another dataset; use newSequence");
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = v;
            return this;
        }
        insert(-i - 1, tag, vr, v);
        return this;
    }

    public Attributes setBytes(int tag, VR vr, byte[] value) {
        return setValue(tag, vr, value);
    }

    /** An element with an empty value. */
    public Attributes setNull(int tag, VR vr) {
        return setValue(tag, vr, EMPTY);
    }

    /** String value(s) with the dictionary VR of the tag. */
    public Attributes setString(int tag, String... values) {
        return setString(tag, ElementDictionary.vrOf(tag), values);
    }

    /**
     * String value(s), encoded with the Specific Character Set in effect now (for SH, LO, ST, LT, UT, PN, UC) and
     * padded to even length. For binary VRs the strings are parsed as numbers.
     */
    public Attributes setString(int tag, VR vr, String... strings) {
        if (vr.isBinary()) {
            return setBinaryFromStrings(tag, vr, strings);
        }
        String joined = String.join("\\", strings);
        byte[] b = vr.usesSpecificCharacterSet()
                ? (tag == Tag.SpecificCharacterSet ? joined.getBytes(StandardCharsets.ISO_8859_1)
                        : specificCharacterSet().encode(joined, vr == VR.PN))
                : joined.getBytes(StandardCharsets.ISO_8859_1);
        return setValue(tag, vr, pad(b, vr));
    }

    private Attributes setBinaryFromStrings(int tag, VR vr, String[] strings) {
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            return setDouble(tag, vr, Arrays.stream(strings).mapToDouble(Double::parseDouble).toArray());
        }
        if (vr == VR.AT) {
            return setTags(tag, Arrays.stream(strings).mapToInt(Tag::parse).toArray());
        }
        return setLong(tag, vr, Arrays.stream(strings).mapToLong(Long::parseLong).toArray());
    }

    public Attributes setInt(int tag, VR vr, int... ints) {
        return setLong(tag, vr, Arrays.stream(ints).asLongStream().toArray());
    }

    /** Integer value(s): binary for US, SS, UL, SL, SV, UV, OW, OL; decimal text for IS, DS. */
    public Attributes setLong(int tag, VR vr, long... longs) {
        if (vr.isString()) {
            return setString(tag, vr, Arrays.stream(longs).mapToObj(Long::toString).toArray(String[]::new));
        }
        int size = vr.valueSize();
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            return setDouble(tag, vr, Arrays.stream(longs).asDoubleStream().toArray());
        }
        byte[] b = new byte[longs.length * size];
        for (int k = 0; k < longs.length; k++) {
            Bytes.put(b, k * size, size, longs[k]);
        }
        return setValue(tag, vr, b);
    }

    public Attributes setFloat(int tag, VR vr, float... floats) {
        double[] d = new double[floats.length];
        for (int k = 0; k < floats.length; k++) {
            d[k] = floats[k];
        }
        return setDouble(tag, vr, d);
    }

    /** Floating point value(s): binary for FL, FD, OF, OD; text for DS (shortest exact form). */
    public Attributes setDouble(int tag, VR vr, double... doubles) {
        if (vr.isString()) {
            return setString(tag, vr, Arrays.stream(doubles).mapToObj(Attributes::formatDS).toArray(String[]::new));
        }
        int size = vr.valueSize();
        byte[] b = new byte[doubles.length * size];
        for (int k = 0; k < doubles.length; k++) {
            long bits = size == 4 ? Float.floatToRawIntBits((float) doubles[k]) & 0xFFFFFFFFL
                    : Double.doubleToRawLongBits(doubles[k]);
            Bytes.put(b, k * size, size, bits);
        }
        return setValue(tag, vr, b);
    }

    private static String formatDS(double d) {
        String s = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        return s.length() <= 16 ? s : String.format("%.10g", d).trim();
    }

    /** AT value(s). */
    public Attributes setTags(int tag, int... atValues) {
        byte[] b = new byte[atValues.length * 4];
        for (int k = 0; k < atValues.length; k++) {
            Bytes.put(b, 4 * k, 2, atValues[k] >>> 16);
            Bytes.put(b, 4 * k + 2, 2, atValues[k] & 0xFFFF);
        }
        return setValue(tag, VR.AT, b);
    }

    public Attributes setDate(int tag, LocalDate date) {
        return setString(tag, VR.DA, DateTimes.formatDate(date));
    }

    public Attributes setTime(int tag, LocalTime time) {
        return setString(tag, VR.TM, DateTimes.formatTime(time));
    }

    public Attributes setDateTime(int tag, LocalDateTime dateTime) {
        return setString(tag, VR.DT, DateTimes.formatDateTime(dateTime));
    }

    public Attributes setPersonName(int tag, PersonName name) {
        return setString(tag, VR.PN, name.toString());
    }

    /** Creates an empty sequence (replacing any value of the tag) and returns it. */
    public Sequence newSequence(int tag) {
        Sequence s = new Sequence(this);
        setValue(tag, VR.SQ, s);
        return s;
    }

    /** Creates an empty encapsulated pixel data value (add the Basic Offset Table item first). */
    public Fragments newFragments(int tag, VR vr) {
        Fragments f = new Fragments(vr);
        setValue(tag, vr, f);
        return f;
    }

    /** Removes an element; returns its value or {@code null}. */
    public Object remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Object v = values[i];
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        return v;
    }

    /** Copies (deeply) every element of {@code other} into this dataset, replacing elements with the same tag. */
    public Attributes addAll(Attributes other) {
        for (int i = 0; i < other.size; i++) {
            Object v = other.values[i];
            if (v instanceof Sequence s) {
                Sequence copy = newSequence(other.tags[i]);
                copy.setUndefinedLength(s.isUndefinedLength());
                for (Attributes item : s) {
                    copy.addItem(item);
                }
            } else {
                setValue(other.tags[i], other.vrs[i], copyValue(v));
            }
        }
        return this;
    }

    /** Removes the elements with tags in [from, to] (unsigned); returns how many. */
    public int removeRange(int from, int to) {
        int removed = 0;
        for (int t : tags()) {
            if (Integer.compareUnsigned(t, from) >= 0 && Integer.compareUnsigned(t, to) <= 0) {
                remove(t);
                removed++;
            }
        }
        return removed;
    }

    // ---------------------------------------------------------------- private data elements

    /** The private creator of a private element (gggg,xxee) held in (gggg,00xx), or {@code null}. */
    public String getPrivateCreator(int tag) {
        int creatorTag = Tag.privateCreatorOf(tag);
        return creatorTag < 0 ? null : getString(creatorTag);
    }

    /**
     * The tag of private element {@code elementOffset} (0x00-0xFF) of {@code creator}'s block in {@code group},
     * or -1 if no block of that creator is reserved.
     */
    public int findPrivateTag(String creator, int group, int elementOffset) {
        for (int xx = 0x10; xx <= 0xFF; xx++) {
            String c = getString(Tag.of(group, xx));
            if (creator.trim().equals(c)) {
                return Tag.of(group, xx << 8 | (elementOffset & 0xFF));
            }
        }
        return -1;
    }

    /** Like {@link #findPrivateTag} but reserves the first free block (gggg,0010-00FF) for the creator if needed. */
    public int reservePrivateTag(String creator, int group, int elementOffset) {
        if ((group & 1) == 0) {
            throw new IllegalArgumentException("Private groups are odd: " + Integer.toHexString(group));
        }
        int found = findPrivateTag(creator, group, elementOffset);
        if (found >= 0) {
            return found;
        }
        for (int xx = 0x10; xx <= 0xFF; xx++) {
            int creatorTag = Tag.of(group, xx);
            if (!contains(creatorTag)) {
                setString(creatorTag, VR.LO, creator);
                return Tag.of(group, xx << 8 | (elementOffset & 0xFF));
            }
        }
        throw new IllegalStateException("No free private block in group " + Integer.toHexString(group));
    }

    // ---------------------------------------------------------------- walking, equality

    /** Visits every element in tag order, descending into sequence items if {@code nested}. */
    public boolean accept(Visitor visitor, boolean nested) throws Exception {
        for (int i = 0; i < size; i++) {
            if (!visitor.visit(this, tags[i], vrs[i], values[i])) {
                return false;
            }
            if (nested && values[i] instanceof Sequence s) {
                for (Attributes item : s) {
                    if (!item.accept(visitor, true)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Tag at position {@code index} (0 &lt;= index &lt; size), for fast iteration. */
    public int tagAt(int index) {
        checkIndex(index);
        return tags[index];
    }

    public VR vrAt(int index) {
        checkIndex(index);
        return vrs[index];
    }

    public Object valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Attributes a) || a.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != a.tags[i] || vrs[i] != a.vrs[i]) {
                return false;
            }
            Object x = values[i];
            Object y = a.values[i];
            if (x instanceof byte[] bx && y instanceof byte[] by ? !Arrays.equals(bx, by) : !Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = h * 31 + tags[i];
        }
        return h;
    }

    /** A short dump (one line per element, values abbreviated) for logs and test messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        dump(b, "", 64);
        return b.toString();
    }

    private void dump(StringBuilder b, String indent, int maxValue) {
        for (int i = 0; i < size; i++) {
            b.append(indent).append(Tag.toString(tags[i])).append(' ').append(vrs[i]).append(' ');
            Object v = values[i];
            if (v instanceof Sequence s) {
                b.append(s).append('\n');
                for (Attributes item : s) {
                    b.append(indent).append("  (item)\n");
                    item.dump(b, indent + "    ", maxValue);
                }
                continue;
            }
            String text = v instanceof byte[] bytes
                    ? (vrs[i].isString() ? getText(tags[i]) : String.join("\\", getStrings(tags[i])))
                            + (vrs[i].isString() ? "" : " (" + bytes.length + " bytes)")
                    : String.valueOf(v);
            b.append('[').append(text.length() > maxValue ? text.substring(0, maxValue) + "..." : text)
                    .append("]\n");
        }
    }

    // ---------------------------------------------------------------- internals

    private int indexOf(int tag) {
        // fast path: appending in order while reading
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private void insert(int at, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int n = Math.max(8, size * 2);
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        System.arraycopy(tags, at, tags, at + 1, size - at);
        System.arraycopy(vrs, at, vrs, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    private static byte[] pad(byte[] b, VR vr) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[b.length] = (byte) vr.paddingByte();
        return p;
    }
}
