package org.xnat.router.deid.internal.profile;

import java.util.Map;
import java.util.Set;

/**
 * One row of Table E.1-1: the attribute (tag pattern), its Basic Profile action and the action of each option
 * column that has one ({@code "K"} or {@code "C"}).
 */
public record ProfileRule(String tag, String name, String basicProfile, Map<ProfileOption, String> options) {

    public ProfileRule {
        options = Map.copyOf(options);
    }

    /**
     * The Basic Profile action with the combinations resolved. The table's combinations depend on the
     * attribute's Type in the instance's IOD, which a router cannot know for every IOD; we pick the reading that
     * reveals nothing and keeps the instance conformant for every Type (PS3.15 E.3):
     * X/Z → Z (an empty value is allowed for Type 2 and 3), X/D, Z/D and X/Z/D → D (a dummy is allowed for
     * Type 1, 2 and 3), X/Z/U* → keep the sequence with every UID inside replaced (the items are de-identified
     * with the same rules, so Referenced SOP Instance UIDs get their U).
     */
    public Action basicAction() {
        return switch (basicProfile) {
            case "X" -> Action.REMOVE;
            case "Z", "X/Z" -> Action.EMPTY;
            case "D", "X/D", "Z/D", "X/Z/D" -> Action.DUMMY;
            case "U" -> Action.UID;
            case "K" -> Action.KEEP;
            case "C" -> Action.CLEAN;
            case "X/Z/U*" -> Action.KEEP;
            default -> throw new IllegalStateException("unknown Basic Profile action '" + basicProfile + "' for " + tag);
        };
    }

    /**
     * The action with the enabled options applied. An option's action replaces the Basic Profile's (PS3.15
     * E.3); where two enabled options disagree, C wins over K (cleaning is the stricter). The Clean Graphics
     * option's C is not applied: this router cannot clean overlay or curve bitmaps, so they keep the Basic
     * Profile action (removal), which is at least as strict.
     */
    public Action effectiveAction(Set<ProfileOption> enabled) {
        Action keep = null;
        for (Map.Entry<ProfileOption, String> e : options.entrySet()) {
            ProfileOption option = e.getKey();
            if (!enabled.contains(option) || option == ProfileOption.CLEAN_GRAPHICS) {
                continue;
            }
            if ("C".equals(e.getValue())) {
                return option == ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES ? Action.SHIFT_DATE : Action.CLEAN;
            }
            if ("K".equals(e.getValue())) {
                keep = Action.KEEP;
            }
        }
        return keep != null ? keep : basicAction();
    }
}
