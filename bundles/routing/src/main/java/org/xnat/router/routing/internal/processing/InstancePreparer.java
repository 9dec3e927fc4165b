package org.xnat.router.routing.internal.processing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.io.WriteOptions;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.routing.internal.delivery.QueueRow;

/**
 * De-identifies one spooled instance into a new Part 10 file. The whole dataset is read (elements after the pixel
 * data too: they are de-identified like the rest); values above {@value #BULK_THRESHOLD} bytes, the pixel data
 * above all, stay in the spool file and are copied when writing, unless a processor asks for the pixel data
 * ({@link DatasetProcessor#needsPixelData()}). The processors run in order on the dataset; the File Meta
 * Information is then built from the processed dataset (SOP Class and Instance UID, the transfer syntax read),
 * nothing of the original meta information is kept; group lengths are dropped and sequences written with
 * undefined lengths, as the processors may have changed any of them.
 */
final class InstancePreparer {

    static final long BULK_THRESHOLD = 1 << 20;
    /** Instances whose pixel data a processor needs are held in memory: up to this size. */
    static final long MAX_IN_MEMORY = 512L << 20;

    private InstancePreparer() {
    }

    record Context(String routeAeTitle, String destinationName, String callingAeTitle, Map<String, String> variables)
            implements ProcessingContext {
    }

    static PreparedInstance prepare(QueueRow row, Path spooled, Path workDirectory, List<DatasetProcessor> chain,
            Context context) throws InstanceProcessingException {
        String what = "instance " + row.sopInstanceUid();
        boolean needsPixels = chain.stream().anyMatch(DatasetProcessor::needsPixelData);
        Attributes dataset;
        TransferSyntax ts;
        try {
            if (needsPixels && Files.size(spooled) > MAX_IN_MEMORY) {
                throw new InstanceProcessingException(what + " is larger than " + (MAX_IN_MEMORY >> 20) + " MB: too large"
                        + " to de-identify with a processor that edits pixel data", false, null);
            }
            try (DicomReader reader = DicomReader.open(spooled,
                    ReadOptions.defaults().bulkDataThreshold(needsPixels ? -1 : BULK_THRESHOLD))) {
                dataset = reader.readDataset();
                ts = reader.transferSyntax();
            }
        } catch (NoSuchFileException | DicomParseException e) {
            throw new InstanceProcessingException(what + ": the spooled file cannot be read: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new InstanceProcessingException(what + ": reading the spooled file failed: " + e.getMessage(), true, e);
        }
        for (DatasetProcessor p : chain) {
            try {
                p.process(dataset, context);
            } catch (ProcessingException e) {
                throw new InstanceProcessingException("de-identification of " + what + " failed: " + e.getMessage(),
                        InstanceProcessingException.isTransient(e), e);
            } catch (RuntimeException | LinkageError e) {
                throw new InstanceProcessingException("de-identification of " + what + " failed: " + e, false, e);
            }
        }
        dataset.removeRange(0x00020000, 0x0002FFFF); // file meta elements never belong in the dataset
        String sopClass = dataset.getString(Tag.SOPClassUID);
        String sopInstance = dataset.getString(Tag.SOPInstanceUID);
        String study = dataset.getString(Tag.StudyInstanceUID);
        if (blank(sopClass) || blank(sopInstance) || blank(study)) {
            throw new InstanceProcessingException("de-identification of " + what + " left no SOP Class, SOP Instance"
                    + " or Study Instance UID", false, null);
        }
        Path out = null;
        try {
            out = Files.createTempFile(workDirectory, "deid-", ".dcm");
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                DicomWriter writer = new DicomWriter(os, WriteOptions.defaults()
                        .sequenceLengths(WriteOptions.SequenceLengths.UNDEFINED)
                        .groupLengths(WriteOptions.GroupLengths.REMOVE));
                writer.writeFileMetaInformation(FileMetaInformation.create(sopClass, sopInstance, ts.uid()));
                writer.writeDataset(dataset);
                writer.finish();
            }
            return new PreparedInstance(row, out, sopClass, sopInstance, ts.uid(), study, Files.size(out),
                    Map.copyOf(context.variables()));
        } catch (IOException e) {
            deleteQuietly(out);
            // the spool's disk: full or failing, which may pass
            throw new InstanceProcessingException(what + ": writing the de-identified copy failed: " + e, true, e);
        } catch (RuntimeException e) {
            deleteQuietly(out);
            // the processed dataset cannot be encoded (a value its VR cannot hold): trying again changes nothing
            throw new InstanceProcessingException(what + ": the de-identified dataset cannot be written: " + e, false, e);
        }
    }

    static Context context(String route, String destination, String calling, String projectId) {
        Map<String, String> vars = new HashMap<>();
        if (projectId != null && !projectId.isBlank()) {
            vars.put("project", projectId);
        }
        return new Context(route, destination, calling == null ? "" : calling, vars);
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // spool/tmp is emptied at the next start
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
