package org.xnat.router.routing.internal.processing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.routing.internal.delivery.QueueRow;

/**
 * An instance as de-identified for one delivery attempt: a Part 10 file in the spool's work directory, made from
 * the spooled original, whose File Meta Information and UIDs are those of the processed dataset. Each
 * {@link #openPart10()} reads it from the start; it is deleted when the delivery is over.
 *
 * @param row the queue row (its SOP Instance UID is the original one, as tracked)
 * @param file the processed copy
 * @param studyInstanceUid Study Instance UID after processing
 * @param variables what the processors set (e.g. the broker's {@code subject} and {@code session} labels)
 */
public record PreparedInstance(QueueRow row, Path file, String sopClassUid, String sopInstanceUid,
        String transferSyntaxUid, String studyInstanceUid, long size, java.util.Map<String, String> variables)
        implements DeliveryInstance {

    @Override
    public InputStream openPart10() throws IOException {
        return Files.newInputStream(file);
    }
}
