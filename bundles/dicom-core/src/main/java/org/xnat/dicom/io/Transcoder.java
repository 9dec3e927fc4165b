package org.xnat.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.dict.TransferSyntax;

/**
 * Rewrites a DICOM stream as a Part 10 file, optionally in another uncompressed transfer syntax, holding only
 * the header in memory: pixel data is streamed from input to output (byte-swapped if needed). Encapsulated
 * pixel data can only be kept in its own transfer syntax (no codec here).
 *
 * <pre>{@code Transcoder.transcode(in, out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, header -> {});}</pre>
 */
public final class Transcoder {

    private Transcoder() {
    }

    /**
     * @param target output transfer syntax; {@code null} keeps the input's
     * @param editHeader sees (and may change) the dataset before pixel data, e.g. to fix tags
     * @return the transfer syntax written
     */
    public static TransferSyntax transcode(InputStream in, OutputStream out, TransferSyntax target,
            Consumer<Attributes> editHeader) throws IOException {
        try (DicomReader reader = new DicomReader(in, ReadOptions.defaults().stopBeforePixelData(true))) {
            TransferSyntax source = reader.transferSyntax();
            TransferSyntax ts = target == null ? source : target;
            Attributes header = reader.readDataset();
            if (!ts.equals(source) && !(ts.isUncompressed() && source.isUncompressed())) {
                throw new IOException("Cannot convert " + source + " to " + ts + " without a codec");
            }
            editHeader.accept(header);
            Attributes fmi = reader.fileMetaInformation() != null
                    ? FileMetaInformation.withTransferSyntax(reader.fileMetaInformation(), ts)
                    : FileMetaInformation.create(header, ts);
            // group lengths change with the encoding: recalculate them when converting
            DicomWriter writer = new DicomWriter(out, ts.equals(source) ? WriteOptions.defaults()
                    : WriteOptions.defaults().groupLengths(WriteOptions.GroupLengths.RECALCULATE));
            writer.writeFileMetaInformation(fmi);
            writer.writeDataset(header);
            if (reader.atPixelData()) {
                reader.transferPixelData(writer);
                writer.writeDataset(reader.readDataset());
            }
            writer.finish();
            return ts;
        }
    }
}
