package org.xnat.router.routing.internal.tracking;

/**
 * An instance durably in the spool, about to be recorded.
 *
 * @param spoolPath path relative to the spool root
 * @param fileSize bytes
 * @param routeAeTitle the route
 * @param callingAeTitle the sender's AE title, or empty
 * @param remoteHost the sender's address, or empty
 * @param source {@code dimse}, {@code import}, {@code upload}, {@code pull}
 * @param studyInstanceUid from the header ("" if absent)
 * @param seriesInstanceUid from the header
 * @param sopInstanceUid from the request or the header
 * @param sopClassUid from the request or the header
 * @param transferSyntaxUid of the stored data set
 */
public record ReceivedInstance(String spoolPath, long fileSize, String routeAeTitle, String callingAeTitle,
        String remoteHost, String source, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String sopClassUid, String transferSyntaxUid) {
}
