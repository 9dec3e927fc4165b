package org.xnat.dicom.net;

import java.util.Optional;

/** An incoming C-STORE request, as handed to a {@link StorageSink}. */
public interface IncomingStore {

    Association association();

    String sopClassUid();

    String sopInstanceUid();

    /** Transfer syntax of the data set: the one accepted for its presentation context. */
    String transferSyntaxUid();

    int messageId();

    /** 0 medium, 1 high, 2 low. */
    int priority();

    /** Set when the store is a sub-operation of a C-MOVE. */
    Optional<String> moveOriginatorAeTitle();

    /** The C-MOVE message ID when {@link #moveOriginatorAeTitle()} is present, else -1. */
    int moveOriginatorMessageId();
}
