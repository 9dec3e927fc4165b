package org.xnat.router.routing.internal.route;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.ElementDictionary;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.config.TagModification;

/**
 * A route's {@code tag_modifications} as a {@link DatasetProcessor}, applied in order to the header of each
 * instance on every delivery attempt (the spooled original is never changed). Modifications with a
 * {@code condition} are not applied: no condition language is defined yet, and applying them unconditionally
 * could change instances the author meant to leave alone (a warning is logged once per route when loaded).
 */
public final class TagModifier implements DatasetProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TagModifier.class);

    private final List<TagModification> modifications;

    public TagModifier(String routeAeTitle, List<TagModification> modifications) {
        this.modifications = modifications.stream().filter(m -> m.condition() == null || m.condition().isBlank()).toList();
        if (this.modifications.size() < modifications.size()) {
            LOG.warn("Route {}: {} tag modification(s) with a condition are not applied (conditions are not supported)",
                    routeAeTitle, modifications.size() - this.modifications.size());
        }
    }

    public boolean isEmpty() {
        return modifications.isEmpty();
    }

    /** How many modifications apply (those with a condition are left out). */
    public int size() {
        return modifications.size();
    }

    @Override
    public void process(Attributes ds, ProcessingContext context) throws ProcessingException {
        for (TagModification m : modifications) {
            try {
                apply(ds, m);
            } catch (RuntimeException e) {
                throw new ProcessingException("tag modification " + (m.name() == null ? RouteRules.tagName(m.tag())
                        : "'" + m.name() + "'") + " failed: " + e.getMessage(), e);
            }
        }
    }

    static void apply(Attributes ds, TagModification m) {
        int tag = m.tag();
        VR vr = ds.contains(tag) ? ds.getVR(tag) : ElementDictionary.vrOf(tag);
        if (vr == null || vr == VR.UN) {
            vr = VR.LO;
        }
        String current = ds.containsValue(tag) ? ds.getString(tag, "") : "";
        switch (m.action()) {
            case SET -> ds.setString(tag, vr, nz(m.value()));
            case COPY_FROM -> {
                int source = m.sourceTag();
                if (ds.containsValue(source)) {
                    ds.setString(tag, vr, ds.getStrings(source));
                } else {
                    ds.setNull(tag, vr);
                }
            }
            case PREFIX -> ds.setString(tag, vr, nz(m.value()) + current);
            case SUFFIX -> ds.setString(tag, vr, current + nz(m.value()));
            case REPLACE -> ds.setString(tag, vr, Pattern.compile(m.pattern()).matcher(current).replaceAll(nz(m.replacement())));
            case REMOVE -> ds.remove(tag);
            case HASH -> {
                if (ds.containsValue(tag)) {
                    ds.setString(tag, vr, hash(current, vr));
                }
            }
        }
    }

    /** SHA-256 of the value: a UID under 2.25 for UI, else hex cut to the VR's length (16 for short strings). */
    static String hash(String value, VR vr) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (vr == VR.UI) {
            byte[] first = java.util.Arrays.copyOf(digest, 16);
            return "2.25." + new BigInteger(1, first);
        }
        String hex = HexFormat.of().withUpperCase().formatHex(digest);
        int max = switch (vr) {
            case AE, CS, SH, DA -> 16;
            case PN, LO -> 64;
            default -> 64;
        };
        return hex.substring(0, Math.min(max, hex.length()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
