package org.xnat.router.destination.file.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;

/** Reads the attributes before Pixel Data of a Part 10 file: enough to name it, without loading pixels. */
final class InstanceHeader {

    private InstanceHeader() {
    }

    static Attributes read(Path part10File) throws IOException {
        try (DicomReader reader = DicomReader.open(part10File, ReadOptions.defaults().stopBeforePixelData(true))) {
            return reader.readDataset();
        }
    }
}
