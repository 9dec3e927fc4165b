package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.io.InputStream;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.router.api.destination.DeliveryInstance;

/** Reads the attributes before Pixel Data of an instance, without reading its pixels. */
final class InstanceHeader {

    private InstanceHeader() {
    }

    static Attributes read(DeliveryInstance instance) throws IOException {
        try (InputStream in = instance.openPart10();
                DicomReader reader = new DicomReader(in, ReadOptions.defaults().stopBeforePixelData(true))) {
            return reader.readDataset();
        }
    }
}
