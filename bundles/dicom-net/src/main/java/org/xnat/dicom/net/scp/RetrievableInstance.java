package org.xnat.dicom.net.scp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.dicom.net.internal.io.Part10Header;

/** One instance to send as a C-STORE sub-operation of a C-MOVE or C-GET. */
public interface RetrievableInstance {

    String sopClassUid();

    String sopInstanceUid();

    /** Transfer syntax of the bytes {@link #openDataset()} returns. */
    String transferSyntaxUid();

    /** The data set (without File Meta Information); the caller closes it. */
    InputStream openDataset() throws IOException;

    /** An instance stored as a Part 10 file; the file meta header is read now. */
    static RetrievableInstance ofPart10File(Path file) throws IOException {
        Part10Header h = Part10Header.read(file);
        return new RetrievableInstance() {
            @Override
            public String sopClassUid() {
                return h.sopClassUid();
            }

            @Override
            public String sopInstanceUid() {
                return h.sopInstanceUid();
            }

            @Override
            public String transferSyntaxUid() {
                return h.transferSyntaxUid();
            }

            @Override
            public InputStream openDataset() throws IOException {
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
                in.skipNBytes(h.datasetOffset());
                return in;
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }
}
