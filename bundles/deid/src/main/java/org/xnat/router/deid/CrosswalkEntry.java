package org.xnat.router.deid;

import java.time.Instant;

/**
 * One mapping of an honest broker's crosswalk.
 *
 * @param broker the honest broker's name
 * @param type the identifier type, e.g. {@code patient_id} (see {@link Crosswalks#TYPES})
 * @param original the original value (for {@code patient_name} and {@code date_shift}: the original Patient ID)
 * @param researchId the research value that replaces it
 * @param sequence 1, 2, ... per broker and type, in the order the mappings were made
 * @param created when it was made ({@code null} if unknown)
 */
public record CrosswalkEntry(String broker, String type, String original, String researchId, long sequence,
        Instant created) {
}
