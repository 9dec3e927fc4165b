package org.xnat.dicom.net;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * User identity negotiation sub-item of an A-ASSOCIATE-RQ (PS3.7 D.3.3.7). {@link #toString()}
 * never prints the secondary field (the passcode).
 */
public final class UserIdentity {

    /** User identity type (PS3.7 Table D.3-14). */
    public enum Type {
        USERNAME(1), USERNAME_PASSCODE(2), KERBEROS(3), SAML(4), JWT(5);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown user identity type " + code);
        }
    }

    private final Type type;
    private final boolean positiveResponseRequested;
    private final byte[] primaryField;
    private final byte[] secondaryField;

    public UserIdentity(Type type, boolean positiveResponseRequested, byte[] primaryField, byte[] secondaryField) {
        this.type = Objects.requireNonNull(type, "type");
        this.positiveResponseRequested = positiveResponseRequested;
        this.primaryField = primaryField.clone();
        this.secondaryField = secondaryField == null ? new byte[0] : secondaryField.clone();
    }

    public static UserIdentity username(String username, boolean positiveResponseRequested) {
        return new UserIdentity(Type.USERNAME, positiveResponseRequested, username.getBytes(StandardCharsets.UTF_8), null);
    }

    public static UserIdentity usernamePasscode(String username, char[] passcode, boolean positiveResponseRequested) {
        return new UserIdentity(Type.USERNAME_PASSCODE, positiveResponseRequested,
                username.getBytes(StandardCharsets.UTF_8), new String(passcode).getBytes(StandardCharsets.UTF_8));
    }

    public Type type() {
        return type;
    }

    public boolean positiveResponseRequested() {
        return positiveResponseRequested;
    }

    public byte[] primaryField() {
        return primaryField.clone();
    }

    public byte[] secondaryField() {
        return secondaryField.clone();
    }

    /** The primary field as UTF-8 text (the username for the username types). */
    public String username() {
        return new String(primaryField, StandardCharsets.UTF_8);
    }

    /** The secondary field (passcode) as characters; callers should clear the array after use. */
    public char[] passcode() {
        return new String(secondaryField, StandardCharsets.UTF_8).toCharArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentity u && u.type == type && u.positiveResponseRequested == positiveResponseRequested
                && Arrays.equals(u.primaryField, primaryField) && Arrays.equals(u.secondaryField, secondaryField);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, positiveResponseRequested, Arrays.hashCode(primaryField));
    }

    @Override
    public String toString() {
        return "UserIdentity[" + type + (type == Type.USERNAME || type == Type.USERNAME_PASSCODE ? " " + username() : "") + "]";
    }
}
