package org.xnat.router.deid.internal.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The {@code local} honest broker: research identifiers made here, kept in a {@link Crosswalk}. */
public final class LocalHonestBroker implements HonestBroker {

    private final BrokerSettings settings;
    private final Crosswalk crosswalk;

    public LocalHonestBroker(BrokerSettings settings, Crosswalk crosswalk) {
        this.settings = settings;
        this.crosswalk = crosswalk;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public boolean dateShiftEnabled() {
        return settings.dateShiftEnabled();
    }

    @Override
    public boolean hashUidsEnabled() {
        return settings.hashUidsEnabled();
    }

    @Override
    public String hashUid(String uid) {
        return settings.hasher().hash(uid);
    }

    @Override
    public String map(IdType type, String original) throws BrokerException {
        try {
            return switch (type) {
                case PATIENT_ID -> crosswalk.resolve(name(), type, original,
                        (seq, attempt) -> settings.patientIdPrefix() + token(type, original, seq, attempt));
                case PATIENT_NAME -> {
                    // the research name follows the research ID, so both say the same pseudonym
                    String id = map(IdType.PATIENT_ID, original);
                    String token = id.substring(settings.patientIdPrefix().length());
                    yield crosswalk.resolve(name(), type, original,
                            (seq, attempt) -> settings.patientNamePrefix() + token + (attempt == 0 ? "" : "_" + attempt));
                }
                case ACCESSION -> crosswalk.resolve(name(), type, original, (seq, attempt) -> settings.accessionPrefix()
                        + (settings.scheme() == NamingScheme.SEQUENTIAL ? NamingScheme.SEQUENTIAL.token(null, seq, attempt)
                                : NamingScheme.HASH.token(hash(type, original, attempt), seq, attempt)));
                case DATE_SHIFT -> crosswalk.resolve(name(), type, original, (seq, attempt) -> {
                    long span = (long) settings.dateShiftMax() - settings.dateShiftMin() + 1;
                    long r = Math.floorMod(ByteBuffer.wrap(hash(type, original, 0)).getLong(), span);
                    return Long.toString(settings.dateShiftMin() + r);
                });
                case STUDY_UID, SERIES_UID, SOP_UID -> crosswalk.resolve(name(), type, original,
                        (seq, attempt) -> attempt == 0 ? settings.hasher().hash(original)
                                : settings.hasher().hash(original + "/" + attempt));
            };
        } catch (CrosswalkException e) {
            throw new BrokerException("honest broker '" + name() + "': " + e.getMessage(), e);
        }
    }

    private String token(IdType type, String original, long seq, int attempt) {
        return settings.scheme().token(hash(type, original, attempt), seq, attempt);
    }

    private byte[] hash(IdType type, String original, int attempt) {
        return settings.hasher().hmac((type.key() + "\u0000" + original + "\u0000" + attempt).getBytes(StandardCharsets.UTF_8));
    }
}
