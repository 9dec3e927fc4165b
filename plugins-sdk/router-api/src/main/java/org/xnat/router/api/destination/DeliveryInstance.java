package org.xnat.router.api.destination;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/** One instance of a {@link Delivery}, readable as a DICOM Part 10 stream. */
@ProviderType
public interface DeliveryInstance {

    /** SOP Class UID of the instance (as it is sent, after processing). */
    String sopClassUid();

    /** SOP Instance UID of the instance (as it is sent, after processing). */
    String sopInstanceUid();

    /** Transfer Syntax UID of the dataset in {@link #openPart10()}. */
    String transferSyntaxUid();

    /** Size in bytes of the Part 10 stream, or -1 when it is produced on the fly. */
    long size();

    /**
     * Opens the instance as a Part 10 stream (preamble, File Meta Information, dataset). Each call
     * returns a new stream from the start; the caller closes it. Pixel data is streamed, never held.
     */
    InputStream openPart10() throws IOException;
}
