package org.xnat.router.examples.dicomjson.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.json.DicomJsonWriter;
import org.xnat.router.api.destination.DeliveryInstance;

/**
 * Writes one instance as {@code ROOT/<Study>/<Series>/<SOP>.json} plus {@code <SOP>.bulk/} (only when it has
 * bulk data).
 *
 * <p>Everything is first written under {@code ROOT/.tmp/}: the Part 10 stream (so that large values can be
 * left in the file and streamed out again instead of read into memory), the JSON document and the bulk data
 * directory. Only complete, fsynced outputs are renamed into place, bulk data first and the JSON last, so a
 * reader that sees {@code <SOP>.json} finds every file it names. A delivery of the same instance again (the
 * router delivers at least once) replaces the earlier output.
 */
final class InstanceWriter {

    static final String TMP_DIR = ".tmp";
    private static final int CHUNK = 1 << 16;

    private final DicomJsonConfig config;

    InstanceWriter(DicomJsonConfig config) {
        this.config = config;
    }

    /** What was written, for progress and tracking. */
    record Written(Path json, long bytes) {
    }

    Written write(DeliveryInstance instance, String studyFallback) throws IOException {
        Path tmpRoot = config.root().resolve(TMP_DIR);
        Durable.createDirectories(tmpRoot);
        Path staging = tmpRoot.resolve(UUID.randomUUID().toString());
        Files.createDirectory(staging);
        try {
            Path part10 = staging.resolve("instance.dcm");
            try (InputStream in = instance.openPart10()) {
                copy(in, part10);
            }
            Attributes dataset;
            String transferSyntax;
            try (DicomReader reader = DicomReader.open(part10,
                    ReadOptions.defaults().bulkDataThreshold(config.bulkDataThreshold()))) {
                dataset = reader.readDataset();
                transferSyntax = reader.transferSyntax().uid();
            }
            String sop = PathNames.of(dataset.getString(Tag.SOPInstanceUID, instance.sopInstanceUid()), "unknown-instance");
            Path dir = config.root()
                    .resolve(PathNames.of(dataset.getString(Tag.StudyInstanceUID, studyFallback), "unknown-study"))
                    .resolve(PathNames.of(dataset.getString(Tag.SeriesInstanceUID, null), "unknown-series"));
            if (dataset.getValue(Tag.PixelData) instanceof Fragments && !dataset.contains(Tag.AvailableTransferSyntaxUID)) {
                // encapsulated pixel data cannot be decoded without it; PS3.18 carries it in this attribute
                dataset.setString(Tag.AvailableTransferSyntaxUID, VR.UI, transferSyntax);
            }

            String bulkDirName = sop + ".bulk";
            BulkDataFiles bulk = new BulkDataFiles(bulkDirName + "/");
            Path json = staging.resolve(sop + ".json");
            try (OutputStream out = Files.newOutputStream(json)) {
                new DicomJsonWriter(out, DicomJsonWriter.Options.defaults()
                        .withBulkData(config.bulkDataThreshold(), bulk)
                        .withPretty(config.pretty())).write(dataset);
            }
            Durable.syncFile(json);
            long bytes = Files.size(json);
            Path stagedBulk = staging.resolve(bulkDirName);
            if (!bulk.isEmpty()) {
                Files.createDirectory(stagedBulk);
                bytes += bulk.writeAll(stagedBulk);
            }

            Durable.createDirectories(dir);
            Path finalJson = dir.resolve(sop + ".json");
            Path finalBulk = dir.resolve(bulkDirName);
            // a redelivery: the old JSON goes first, so no JSON ever names files of another version
            Files.deleteIfExists(finalJson);
            Durable.deleteTree(finalBulk);
            if (!bulk.isEmpty()) {
                Durable.move(stagedBulk, finalBulk);
            }
            Durable.move(json, finalJson);
            return new Written(finalJson, bytes);
        } finally {
            Durable.deleteTree(staging);
        }
    }

    private static void copy(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("delivery cancelled while reading the instance");
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
