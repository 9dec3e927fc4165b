package org.xnat.router.rest.admin.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;

/**
 * The built-in sample instances a script can be tried on without uploading anything: made up here (no real
 * patient), shaped like the small CT and MR files of pydicom's test corpus — identifying attributes, dates,
 * UIDs, a referenced-study sequence and a private element, so every kind of script action shows in the diff.
 * Headers only (the test harness never looks at pixels).
 */
public final class Samples {

    public static final Map<String, Supplier<Attributes>> ALL = Map.of(
            "ct_small", () -> ct(),
            "mr_small", () -> mr());

    public static final List<String> NAMES = List.of("ct_small", "mr_small");

    private Samples() {
    }

    private static Attributes common(String modality, String sopClass, String root) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.SOPClassUID, VR.UI, sopClass);
        a.setString(Tag.SOPInstanceUID, VR.UI, root + ".3.1");
        a.setString(Tag.StudyDate, VR.DA, "20040119");
        a.setString(Tag.SeriesDate, VR.DA, "20040119");
        a.setString(Tag.StudyTime, VR.TM, "072730");
        a.setString(Tag.AccessionNumber, VR.SH, "ACC-1234567");
        a.setString(Tag.Modality, VR.CS, modality);
        a.setString(Tag.Manufacturer, VR.LO, "Example Medical Systems");
        a.setString(Tag.InstitutionName, VR.LO, "Example Hospital");
        a.setString(Tag.InstitutionAddress, VR.ST, "1 Sample Street, Springfield");
        a.setString(Tag.ReferringPhysicianName, VR.PN, "Doctor^Referring");
        a.setString(Tag.StationName, VR.SH, "SCANNER01");
        a.setString(Tag.StudyDescription, VR.LO, "Sample study");
        a.setString(Tag.SeriesDescription, VR.LO, "Sample series");
        a.setString(Tag.OperatorsName, VR.PN, "Operator^Olivia");
        a.setString(Tag.PatientName, VR.PN, "Sample^Patient^Middle");
        a.setString(Tag.PatientID, VR.LO, "SAMPLE-0001");
        a.setString(Tag.PatientBirthDate, VR.DA, "19610327");
        a.setString(Tag.PatientSex, VR.CS, "O");
        a.setString(Tag.PatientAge, VR.AS, "042Y");
        a.setString(Tag.DeviceSerialNumber, VR.LO, "SN-42-0001");
        a.setString(Tag.StudyInstanceUID, VR.UI, root + ".1");
        a.setString(Tag.SeriesInstanceUID, VR.UI, root + ".2");
        a.setString(Tag.StudyID, VR.SH, "4321");
        a.setString(Tag.SeriesNumber, VR.IS, "1");
        a.setString(Tag.InstanceNumber, VR.IS, "1");
        Sequence refs = a.newSequence(Tag.ReferencedStudySequence);
        Attributes item = refs.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, root + ".9");
        a.setString(0x00090010, VR.LO, "EXAMPLE PRIVATE");
        a.setString(0x00091001, VR.LO, "private value of SAMPLE-0001");
        return a;
    }

    static Attributes ct() {
        Attributes a = common("CT", "1.2.840.10008.5.1.4.1.1.2", "2.25.271828182845904523536028747135266249");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.KVP, VR.DS, "120");
        a.setString(Tag.SliceThickness, VR.DS, "5.0");
        a.setInt(Tag.Rows, VR.US, 128);
        a.setInt(Tag.Columns, VR.US, 128);
        return a;
    }

    static Attributes mr() {
        Attributes a = common("MR", "1.2.840.10008.5.1.4.1.1.4", "2.25.314159265358979323846264338327950288");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "OTHER");
        a.setString(Tag.MagneticFieldStrength, VR.DS, "1.5");
        a.setString(Tag.EchoTime, VR.DS, "20");
        a.setInt(Tag.Rows, VR.US, 64);
        a.setInt(Tag.Columns, VR.US, 64);
        return a;
    }
}
