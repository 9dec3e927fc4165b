package org.xnat.dicom.net;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the data set of each incoming C-STORE as a stream (SCP side, and the C-STORE
 * sub-operations of a C-GET on the SCU side). Nothing is buffered by the toolkit: the stream
 * pulls PDVs from the connection as it is read. The C-STORE-RSP is sent only after this method
 * returns, so an implementation that makes the object durable (write + fsync) before returning
 * gives the peer a success status only for stored objects.
 */
@FunctionalInterface
public interface StorageSink {

    /**
     * @param store   the request (SOP class/instance, transfer syntax, association, move originator)
     * @param dataset the data set bytes exactly as received, encoded in
     *                {@link IncomingStore#transferSyntaxUid()}, without File Meta Information;
     *                whatever is left unread is skipped
     * @return the C-STORE-RSP status: {@link DimseStatus#SUCCESS} or a warning (B000H, B007H, B006H)
     * @throws DimseException to answer with that failure status and comment
     * @throws IOException    answered with A700H (refused: out of resources)
     */
    int store(IncomingStore store, InputStream dataset) throws IOException;
}
