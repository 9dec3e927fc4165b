package org.xnat.router.deid.internal.profile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.deid.internal.uid.UidHasher;
import org.xnat.router.deid.internal.values.DateShift;
import org.xnat.router.deid.internal.values.DummyValues;
import org.xnat.router.deid.internal.values.UnknownSequences;

/**
 * The Basic Application Level Confidentiality Profile of PS3.15 Annex E with the configured options, applied to
 * a dataset in place: every attribute of Table E.1-1 gets its action at every depth of sequences, private data
 * elements go unless the Retain Safe Private option keeps them, and the dataset is marked as de-identified
 * (Patient Identity Removed, De-identification Method and its Code Sequence, Longitudinal Temporal Information
 * Modified). Attributes the table does not list are kept. Stateless between instances: the same input gives the
 * same output (UIDs and date shifts come from keyed hashes), so studies stay consistent across instances.
 */
public final class BasicProfile {

    private final ProfileTable table;
    private final ProfileSettings settings;
    private final Set<ProfileOption> options;

    public BasicProfile(ProfileTable table, ProfileSettings settings) {
        this.table = table;
        this.settings = settings;
        this.options = settings.options();
    }

    public ProfileSettings settings() {
        return settings;
    }

    /** The action for a standard tag ({@link Action#KEEP} for tags the table does not list). */
    public Action actionFor(int tag) {
        ProfileRule rule = table.ruleFor(tag);
        return rule == null ? Action.KEEP : rule.effectiveAction(options);
    }

    /**
     * De-identifies {@code dataset} in place.
     *
     * @throws IllegalArgumentException when a value cannot be processed (the caller fails the instance)
     */
    public void apply(Attributes dataset) {
        UnknownSequences.decode(dataset);
        // identifying: what the profile hides; a descriptor being cleaned is not itself a value to look for
        TextCleaner cleaner = TextCleaner.of(new Attributes(dataset), tag -> !isPrivate(tag)
                && actionFor(tag) != Action.KEEP && actionFor(tag) != Action.CLEAN);
        Run run = new Run(cleaner, dateShiftDays(dataset));
        process(dataset, run);
        mark(dataset);
    }

    private record Run(TextCleaner cleaner, long dateShiftDays) {
    }

    private long dateShiftDays(Attributes dataset) {
        if (settings.fixedDateShift() != null) {
            return settings.fixedDateShift();
        }
        String pid = dataset.getString(Tag.PatientID, "");
        byte[] h = settings.uids().hmac(("date-shift:" + pid).getBytes(StandardCharsets.UTF_8));
        long span = (long) settings.dateShiftMax() - settings.dateShiftMin() + 1;
        long r = Math.floorMod(ByteBuffer.wrap(h).getLong(), span);
        return settings.dateShiftMin() + r;
    }

    private void process(Attributes item, Run run) {
        for (int tag : item.tags()) {
            if (!item.contains(tag) || isPrivate(tag) || Tag.group(tag) == 0x0002) {
                continue;
            }
            ProfileRule rule = table.ruleFor(tag);
            Action action = rule == null ? Action.KEEP : rule.effectiveAction(options);
            apply(item, tag, action, rule, run);
        }
        processPrivate(item, run);
    }

    private void apply(Attributes item, int tag, Action action, ProfileRule rule, Run run) {
        VR vr = item.getVR(tag);
        Object value = item.getValue(tag);
        if (value instanceof Sequence seq) {
            switch (action) {
                case REMOVE -> item.remove(tag);
                case EMPTY -> item.newSequence(tag);
                default -> seq.forEach(child -> process(child, run));
            }
            return;
        }
        switch (action) {
            case REMOVE -> item.remove(tag);
            case EMPTY -> item.setNull(tag, vr);
            case KEEP -> {
            }
            case UID, DUMMY -> {
                if (vr == VR.UI) {
                    replaceUids(item, tag, settings.uids());
                } else {
                    DummyValues.replace(item, tag, vr);
                }
            }
            case SHIFT_DATE -> shiftDate(item, tag, vr, rule, run);
            case CLEAN -> clean(item, tag, vr, rule, run);
        }
    }

    /** Replaces every value of a UI element by its keyed hash. */
    static void replaceUids(Attributes item, int tag, UidHasher uids) {
        String[] values = item.getStrings(tag);
        if (values == null || values.length == 0) {
            return;
        }
        String[] mapped = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            mapped[i] = uids.hash(values[i]);
        }
        item.setString(tag, VR.UI, mapped);
    }

    private void shiftDate(Attributes item, int tag, VR vr, ProfileRule rule, Run run) {
        if (vr == VR.TM) {
            return; // whole-day shifts keep the time of day
        }
        if (vr != VR.DA && vr != VR.DT) {
            apply(item, tag, rule.basicAction(), rule, run);
            return;
        }
        String[] values = item.getStrings(tag);
        if (values == null || values.length == 0) {
            return;
        }
        try {
            item.setString(tag, vr, DateShift.shift(values, vr, run.dateShiftDays(), DateShift.Unit.DAYS));
        } catch (IllegalArgumentException e) {
            // a value that is not a date cannot be shifted: the Basic Profile action still hides it
            apply(item, tag, rule.basicAction(), rule, run);
        }
    }

    private void clean(Attributes item, int tag, VR vr, ProfileRule rule, Run run) {
        boolean text = vr == VR.LO || vr == VR.SH || vr == VR.ST || vr == VR.LT || vr == VR.UT || vr == VR.UC
                || vr == VR.PN;
        if (!text) {
            apply(item, tag, rule.basicAction() == Action.CLEAN ? Action.REMOVE : rule.basicAction(), rule, run);
            return;
        }
        String value = item.getText(tag);
        if (value == null || value.isEmpty()) {
            return;
        }
        String cleaned = run.cleaner().clean(value);
        if (!cleaned.equals(value)) {
            item.setString(tag, vr, cleaned);
        }
    }

    private void processPrivate(Attributes item, Run run) {
        boolean retain = options.contains(ProfileOption.RETAIN_SAFE_PRIVATE) && !settings.safePrivate().isEmpty();
        List<Integer> keptBlocks = new ArrayList<>();
        for (int tag : item.tags()) {
            if (!isPrivate(tag) || Tag.isPrivateCreator(tag)) {
                continue;
            }
            if (retain && Tag.isPrivate(tag) && settings.safePrivate().contains(tag, item.getPrivateCreator(tag))) {
                keptBlocks.add(Tag.privateCreatorOf(tag));
                if (item.getValue(tag) instanceof Sequence s) {
                    s.forEach(child -> process(child, run));
                }
            } else {
                item.remove(tag);
            }
        }
        for (int tag : item.tags()) {
            if (Tag.isPrivateCreator(tag) && !keptBlocks.contains(tag)) {
                item.remove(tag);
            } else if (Tag.isPrivate(tag) && Tag.element(tag) < 0x0010) {
                item.remove(tag); // (gggg,0000-000F) in a private group: no creator, never safe
            }
        }
    }

    /**
     * Odd groups: private data elements, and the groups 0001, 0003, 0005 and 0007 that PS3.5 7.1 forbids; an
     * element there is removed like a private one.
     */
    static boolean isPrivate(int tag) {
        return (Tag.group(tag) & 1) != 0;
    }

    private void mark(Attributes ds) {
        ds.setString(Tag.PatientIdentityRemoved, VR.CS, "YES");
        List<String> methods = new ArrayList<>();
        methods.add(ProfileOption.BASIC_PROFILE_MEANING);
        Sequence codes = ds.newSequence(Tag.DeidentificationMethodCodeSequence);
        addCode(codes, ProfileOption.BASIC_PROFILE_CODE, ProfileOption.BASIC_PROFILE_MEANING);
        for (ProfileOption o : options) {
            if (o == ProfileOption.RETAIN_SAFE_PRIVATE && settings.safePrivate().isEmpty()) {
                continue; // nothing was retained: the option was not used
            }
            methods.add(o.meaning());
            addCode(codes, o.code(), o.meaning());
        }
        ds.setString(Tag.DeidentificationMethod, VR.LO, methods.toArray(new String[0]));
        String temporal = options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES) ? "UNMODIFIED"
                : options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? "MODIFIED" : "REMOVED";
        ds.setString(Tag.LongitudinalTemporalInformationModified, VR.CS, temporal);
    }

    private static void addCode(Sequence codes, String value, String meaning) {
        Attributes item = codes.addItem();
        item.setString(Tag.CodeValue, VR.SH, value);
        item.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
        item.setString(Tag.CodeMeaning, VR.LO, meaning);
    }
}
