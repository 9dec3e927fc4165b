package org.xnat.router.destination.xnat.internal;

import java.util.Map;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;

/**
 * Where in XNAT a study goes, from the route's options and the first instance's header.
 * <ul>
 * <li>subject label: {@code subject_prefix} + PatientID; without a PatientID, the alphabetic group of
 * PatientName with {@code ^} as {@code _}; without either, {@code UNKNOWN};</li>
 * <li>session label: {@code session_prefix} + AccessionNumber; without one, StudyDate (or {@code UNKNOWN})
 * + {@code _} + the last 8 digits of the StudyInstanceUID (dots left out);</li>
 * <li>every character of a label outside {@code A-Z a-z 0-9 _ -} becomes {@code _} (what XNAT accepts in
 * labels); the project id is not rewritten but refused when it has other characters.</li>
 * </ul>
 *
 * @param project {@code project_id} option
 * @param subject subject label
 * @param session session (experiment) label
 * @param autoArchive {@code auto_archive} option (default true): archive directly, or leave in the prearchive
 */
record XnatLabels(String project, String subject, String session, boolean autoArchive) {

    static final String PROJECT_ID = "project_id";
    static final String SUBJECT_PREFIX = "subject_prefix";
    static final String SUBJECT = "subject";
    static final String SESSION = "session";
    static final String SESSION_PREFIX = "session_prefix";
    static final String AUTO_ARCHIVE = "auto_archive";
    static final String UNKNOWN = "UNKNOWN";
    static final int UID_SUFFIX_DIGITS = 8;

    /** The route options are checked here, at delivery, because they belong to the route, not the destination. */
    static XnatLabels from(Map<String, Object> options, Attributes header, Delivery delivery) throws DeliveryException {
        Object project = options.get(PROJECT_ID);
        if (project == null || String.valueOf(project).isBlank()) {
            throw new DeliveryException("The route gives no '" + PROJECT_ID + "' option, which an xnat destination "
                    + "needs to know the XNAT project", false);
        }
        String projectId = String.valueOf(project).strip();
        if (!projectId.matches("[A-Za-z0-9_-]+")) {
            throw new DeliveryException("The route's '" + PROJECT_ID + "' option '" + projectId
                    + "' is not an XNAT project id (letters, digits, '_' and '-' only)", false);
        }
        // An honest broker on the route decides the labels itself (delivery options "subject" and
        // "session"); otherwise they come from the prefixes and the (processed) header.
        String brokerSubject = option(options, SUBJECT);
        String brokerSession = option(options, SESSION);
        String subject = !brokerSubject.isEmpty() ? brokerSubject : option(options, SUBJECT_PREFIX) + subjectSource(header);
        String studyUid = delivery.studyInstanceUid() != null && !delivery.studyInstanceUid().isBlank()
                ? delivery.studyInstanceUid() : header.getString(Tag.StudyInstanceUID);
        String session = !brokerSession.isEmpty() ? brokerSession
                : option(options, SESSION_PREFIX) + sessionSource(header, studyUid);
        return new XnatLabels(projectId, label(subject), label(session), autoArchive(options.get(AUTO_ARCHIVE)));
    }

    /** The import service's {@code dest}: the archive, or the prearchive when {@code auto_archive} is false. */
    String destination() {
        return (autoArchive ? "/archive/projects/" : "/prearchive/projects/") + project;
    }

    static String subjectSource(Attributes header) {
        String id = header.getString(Tag.PatientID);
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        String name = alphabeticName(header.getString(Tag.PatientName));
        return name == null || name.isBlank() ? UNKNOWN : name;
    }

    static String sessionSource(Attributes header, String studyInstanceUid) {
        String accession = header.getString(Tag.AccessionNumber);
        if (accession != null && !accession.isBlank()) {
            return accession.strip();
        }
        String date = header.getString(Tag.StudyDate);
        return (date == null || date.isBlank() ? UNKNOWN : date.strip()) + "_" + uidSuffix(studyInstanceUid);
    }

    static String uidSuffix(String uid) {
        if (uid == null) {
            return UNKNOWN;
        }
        String digits = uid.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return UNKNOWN;
        }
        return digits.substring(Math.max(0, digits.length() - UID_SUFFIX_DIGITS));
    }

    static String alphabeticName(String pn) {
        if (pn == null) {
            return null;
        }
        int eq = pn.indexOf('=');
        String alphabetic = (eq >= 0 ? pn.substring(0, eq) : pn).replaceAll("[\\^ ]+$", "");
        return alphabetic.replace('^', '_');
    }

    /** Makes a label XNAT accepts. */
    static String label(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> sb.append(cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-')
                ? (char) cp : '_'));
        return sb.toString();
    }

    private static String option(Map<String, Object> options, String key) {
        Object v = options.get(key);
        return v == null ? "" : String.valueOf(v).strip();
    }

    private static boolean autoArchive(Object v) throws DeliveryException {
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).strip();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new DeliveryException("The route's '" + AUTO_ARCHIVE + "' option must be true or false, got '" + s + "'",
                false);
    }
}
