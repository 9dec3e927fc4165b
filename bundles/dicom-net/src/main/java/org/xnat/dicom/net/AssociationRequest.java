package org.xnat.dicom.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an SCU proposes: AE titles, presentation contexts, role selections and an optional user
 * identity. Build with {@link #builder(String, String)}; context IDs are assigned in order (1, 3, 5...).
 */
public final class AssociationRequest {
    /** At most 128 presentation contexts fit the odd IDs 1..255. */
    public static final int MAX_PRESENTATION_CONTEXTS = 128;

    private final String callingAeTitle;
    private final String calledAeTitle;
    private final List<PresentationContext> presentationContexts;
    private final List<RoleSelection> roleSelections;
    private final UserIdentity userIdentity;

    private AssociationRequest(Builder b) {
        this.callingAeTitle = b.callingAeTitle;
        this.calledAeTitle = b.calledAeTitle;
        this.presentationContexts = List.copyOf(b.contexts);
        this.roleSelections = List.copyOf(b.roles);
        this.userIdentity = b.userIdentity;
    }

    public static Builder builder(String callingAeTitle, String calledAeTitle) {
        return new Builder(callingAeTitle, calledAeTitle);
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    public List<PresentationContext> presentationContexts() {
        return presentationContexts;
    }

    public List<RoleSelection> roleSelections() {
        return roleSelections;
    }

    public UserIdentity userIdentity() {
        return userIdentity;
    }

    public static final class Builder {
        private final String callingAeTitle;
        private final String calledAeTitle;
        private final List<PresentationContext> contexts = new ArrayList<>();
        private final List<RoleSelection> roles = new ArrayList<>();
        private UserIdentity userIdentity;

        private Builder(String callingAeTitle, String calledAeTitle) {
            this.callingAeTitle = checkAe(callingAeTitle);
            this.calledAeTitle = checkAe(calledAeTitle);
        }

        /** Proposes one context for {@code abstractSyntax} with the transfer syntaxes in preference order. */
        public Builder addPresentationContext(String abstractSyntax, String... transferSyntaxes) {
            return addPresentationContext(abstractSyntax, Arrays.asList(transferSyntaxes));
        }

        public Builder addPresentationContext(String abstractSyntax, List<String> transferSyntaxes) {
            if (contexts.size() >= MAX_PRESENTATION_CONTEXTS) {
                throw new IllegalStateException("more than " + MAX_PRESENTATION_CONTEXTS + " presentation contexts");
            }
            contexts.add(PresentationContext.proposed(2 * contexts.size() + 1, abstractSyntax, transferSyntaxes));
            return this;
        }

        /** True when a context with exactly this abstract syntax and first transfer syntax is already proposed. */
        public boolean hasPresentationContext(String abstractSyntax, String transferSyntax) {
            return contexts.stream().anyMatch(pc -> pc.abstractSyntax().equals(abstractSyntax)
                    && pc.transferSyntaxes().contains(transferSyntax));
        }

        public int presentationContextCount() {
            return contexts.size();
        }

        public Builder addRoleSelection(String sopClassUid, boolean scu, boolean scp) {
            roles.add(new RoleSelection(sopClassUid, scu, scp));
            return this;
        }

        public Builder userIdentity(UserIdentity identity) {
            this.userIdentity = identity;
            return this;
        }

        public AssociationRequest build() {
            if (contexts.isEmpty()) {
                throw new IllegalStateException("an association request needs at least one presentation context");
            }
            return new AssociationRequest(this);
        }

        private static String checkAe(String ae) {
            Objects.requireNonNull(ae, "AE title");
            String s = ae.strip();
            if (s.isEmpty() || s.length() > 16 || s.contains("\\") || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("invalid AE title '" + ae + "'");
            }
            return s;
        }
    }
}
