package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.xnat.router.api.destination.DeliveryInstance;

/**
 * An instance backed by a Part 10 file. Its UIDs come from pydicom (an independent reader), unless given;
 * a different SOP Instance UID lets one file stand for several instances (the C-STORE carries this one).
 */
class TestInstance implements DeliveryInstance {

    final Path file;
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final String transferSyntaxUid;

    TestInstance(Path file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        this.file = file;
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.transferSyntaxUid = transferSyntaxUid;
    }

    static TestInstance of(Path file) throws Exception {
        Map<String, String> v = Pydicom.uids(file);
        return new TestInstance(file, v.get("SOPClassUID"), v.get("SOPInstanceUID"), v.get("TransferSyntaxUID"));
    }

    /** The same file presented as another instance. */
    TestInstance as(String otherSopInstanceUid) {
        return new TestInstance(file, sopClassUid, otherSopInstanceUid, transferSyntaxUid);
    }

    @Override
    public String sopClassUid() {
        return sopClassUid;
    }

    @Override
    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    @Override
    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream openPart10() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public String toString() {
        return file.getFileName() + " " + sopInstanceUid;
    }
}
