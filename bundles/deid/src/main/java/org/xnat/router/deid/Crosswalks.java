package org.xnat.router.deid;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only access to the honest brokers' crosswalks (an OSGi service of the deid bundle), for the admin API:
 * browse, search, export and look up. Nothing here makes a new mapping.
 *
 * <p>Types are given by their keys ({@link #TYPES}); an unknown one is an {@link IllegalArgumentException}. A
 * crosswalk that cannot be read (database down) is an {@link IOException}.
 */
@ProviderType
public interface Crosswalks {

    /** The identifier types, as stored. */
    List<String> TYPES = List.of("patient_id", "patient_name", "accession", "study_uid", "series_uid", "sop_uid",
            "date_shift");

    /**
     * The mappings of {@code broker} whose original or research value contains {@code query} (ignoring case).
     *
     * @param type only this type, or {@code null} for all
     * @param query text to look for, or {@code null}/empty for every mapping
     * @param limit at most this many entries (1..1000)
     * @param offset entries skipped (≥ 0)
     */
    CrosswalkPage search(String broker, String type, String query, int limit, int offset) throws IOException;

    /**
     * Writes every mapping of {@code broker} (of {@code type}, or all when {@code null}) as CSV (RFC 4180, header
     * {@code broker,id_type,original,research_id,seq,created_at}).
     *
     * @return the number of rows written
     */
    long exportCsv(String broker, String type, Writer out) throws IOException;

    /** The research value {@code broker} gave to {@code original} before; empty if it never saw it (nothing is made). */
    Optional<String> lookup(String broker, String type, String original) throws IOException;
}
