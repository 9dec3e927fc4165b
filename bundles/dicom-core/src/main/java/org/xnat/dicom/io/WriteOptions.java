package org.xnat.dicom.io;

/**
 * How {@link DicomWriter} encodes lengths. Immutable; start from {@link #defaults()}, which keeps the
 * encoding read, group lengths included, so that a read/write round trip is byte-exact.
 *
 * @param sequenceLengths how sequence and item lengths are written
 * @param groupLengths what to do with (gggg,0000) group length elements of the dataset
 * @param deflateLevel zlib level 0-9 for the deflated transfer syntax
 */
public record WriteOptions(SequenceLengths sequenceLengths, GroupLengths groupLengths, int deflateLevel) {

    public enum SequenceLengths {
        /** As recorded when read; new sequences and items use undefined length. */
        AS_READ,
        UNDEFINED,
        DEFINED
    }

    public enum GroupLengths {
        /** Write them as they are held (byte-exact round trips; they may be stale after edits or conversion). */
        KEEP,
        /** Keep the ones present, with their value recalculated for the output encoding. */
        RECALCULATE,
        /** Drop them (they are retired outside group 0002). */
        REMOVE
    }

    public static WriteOptions defaults() {
        return new WriteOptions(SequenceLengths.AS_READ, GroupLengths.KEEP, 6);
    }

    public WriteOptions sequenceLengths(SequenceLengths s) {
        return new WriteOptions(s, groupLengths, deflateLevel);
    }

    public WriteOptions groupLengths(GroupLengths g) {
        return new WriteOptions(sequenceLengths, g, deflateLevel);
    }

    public WriteOptions deflateLevel(int level) {
        return new WriteOptions(sequenceLengths, groupLengths, level);
    }
}
