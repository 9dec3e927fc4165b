package org.xnat.router.deid.internal.broker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.deid.internal.profile.Action;
import org.xnat.router.deid.internal.profile.ProfileRule;
import org.xnat.router.deid.internal.profile.ProfileTable;
import org.xnat.router.deid.internal.values.DateShift;
import org.xnat.router.deid.internal.values.UnknownSequences;

/**
 * The {@code honest-broker} processor: Patient ID and Patient's Name replaced by the broker's research ID and
 * name, Other Patient IDs / Names removed, Accession Number mapped, and, if the broker says so, every DA and
 * DT value shifted by the patient's date shift and every instance UID (the U rows of PS3.15 Table E.1-1)
 * replaced, at every depth. An instance without Patient ID is refused: it cannot be mapped.
 * <p>
 * It also sets the XNAT labels as variables of the processing context (when the context's map accepts them),
 * from the original values: {@value #SUBJECT} = broker(PatientID), {@value #SESSION} = broker(PatientID) + "-" +
 * broker(AccessionNumber) (not set without an Accession Number). With {@code labelsOnly} it does only that and
 * leaves the dataset alone (a script run after it does the de-identification and may use the labels).
 */
public final class BrokerProcessor implements DatasetProcessor {

    private static final Map<Integer, IdType> UID_TYPES = Map.of(
            Tag.StudyInstanceUID, IdType.STUDY_UID,
            Tag.SeriesInstanceUID, IdType.SERIES_UID,
            Tag.SOPInstanceUID, IdType.SOP_UID,
            Tag.ReferencedSOPInstanceUID, IdType.SOP_UID);

    /** Context variable: the XNAT subject label the broker gives. */
    public static final String SUBJECT = "subject";
    /** Context variable: the XNAT session label the broker gives. */
    public static final String SESSION = "session";

    private final HonestBroker broker;
    private final boolean labelsOnly;

    public BrokerProcessor(HonestBroker broker) {
        this(broker, false);
    }

    public BrokerProcessor(HonestBroker broker, boolean labelsOnly) {
        this.broker = broker;
        this.labelsOnly = labelsOnly;
    }

    @Override
    public void process(Attributes ds, ProcessingContext context) throws ProcessingException {
        try {
            labels(ds, context);
            if (!labelsOnly) {
                apply(ds);
            }
        } catch (BrokerException e) {
            throw new ProcessingException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ProcessingException("honest broker '" + broker.name() + "' failed: " + e.getMessage(), e);
        }
    }

    private void labels(Attributes ds, ProcessingContext context) throws BrokerException, ProcessingException {
        String pid = ds.getString(Tag.PatientID);
        if (pid == null || pid.isBlank()) {
            throw new ProcessingException("honest broker '" + broker.name() + "': the instance has no Patient ID to map");
        }
        if (context == null || context.variables() == null) {
            return;
        }
        String subject = broker.map(IdType.PATIENT_ID, pid);
        String accession = ds.getString(Tag.AccessionNumber);
        try {
            context.variables().put(SUBJECT, subject);
            if (accession != null && !accession.isBlank()) {
                context.variables().put(SESSION, subject + "-" + broker.map(IdType.ACCESSION, accession));
            }
        } catch (UnsupportedOperationException e) {
            // a context without room for variables: the labels are only a convenience for scripts and destinations
        }
    }

    void apply(Attributes ds) throws BrokerException, ProcessingException {
        String pid = ds.getString(Tag.PatientID);
        if (pid == null || pid.isBlank()) {
            throw new ProcessingException("honest broker '" + broker.name() + "': the instance has no Patient ID to map");
        }
        UnknownSequences.decode(ds);
        ds.setString(Tag.PatientID, VR.LO, broker.map(IdType.PATIENT_ID, pid));
        ds.setString(Tag.PatientName, VR.PN, broker.map(IdType.PATIENT_NAME, pid));
        ds.remove(Tag.OtherPatientIDs);
        ds.remove(Tag.OtherPatientNames);
        ds.remove(Tag.OtherPatientIDsSequence);
        String accession = ds.getString(Tag.AccessionNumber);
        if (accession != null && !accession.isBlank()) {
            ds.setString(Tag.AccessionNumber, VR.SH, broker.map(IdType.ACCESSION, accession));
        }
        long days = broker.dateShiftEnabled() ? Long.parseLong(broker.map(IdType.DATE_SHIFT, pid)) : 0;
        Map<String, String> uids = new HashMap<>();
        walk(ds, days, uids, new IdentityHashMap<>());
    }

    private void walk(Attributes item, long days, Map<String, String> uids, Map<Attributes, Set<Integer>> done)
            throws BrokerException {
        for (int tag : item.tags()) {
            VR vr = item.getVR(tag);
            Object value = item.getValue(tag);
            if (value instanceof Sequence s) {
                for (Attributes child : s) {
                    walk(child, days, uids, done);
                }
            } else if (days != 0 && (vr == VR.DA || vr == VR.DT) && done.computeIfAbsent(item, k -> new HashSet<>()).add(tag)) {
                String[] v = item.getStrings(tag);
                if (v != null && v.length > 0) {
                    item.setString(tag, vr, DateShift.shift(v, vr, days, DateShift.Unit.DAYS));
                }
            } else if (broker.hashUidsEnabled() && vr == VR.UI && isInstanceUid(tag)) {
                String[] v = item.getStrings(tag);
                if (v == null || v.length == 0) {
                    continue;
                }
                String[] mapped = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    mapped[i] = v[i].isEmpty() ? v[i] : uid(tag, v[i], uids);
                }
                item.setString(tag, VR.UI, mapped);
            }
        }
    }

    private String uid(int tag, String original, Map<String, String> cache) throws BrokerException {
        String known = cache.get(original);
        if (known != null) {
            return known;
        }
        IdType type = UID_TYPES.get(tag);
        String mapped = type == null ? broker.hashUid(original) : broker.map(type, original);
        cache.put(original, mapped);
        return mapped;
    }

    private static boolean isInstanceUid(int tag) {
        ProfileRule rule = ProfileTable.standard().ruleFor(tag);
        return rule != null && rule.basicAction() == Action.UID;
    }
}
