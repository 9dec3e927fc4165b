package org.xnat.router.configstore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The versioned configuration. Every saved change is a new version (who, when, comment, the diff from the
 * previous one); nothing is ever overwritten. A change is validated whole before it is stored, and stored
 * only if the version it was based on is still current, so two administrators cannot silently overwrite
 * each other and nothing is half-applied.
 *
 * <p>A change whose result equals the current document saves nothing and returns the current version. Every
 * method throws {@link IllegalStateException} when the database fails (an API answers 503); {@link #version}
 * and {@link #current} also when the version uses an {@code ${ENV_VAR}} that is not set on this instance.
 */
@ProviderType
public interface ConfigStore {

    /** The current version; version 0 with an empty document when nothing was ever saved. */
    ConfigVersion current();

    /** Versions, newest first. */
    List<ConfigVersionSummary> history(int limit, int offset);

    /** One version, if it exists. */
    Optional<ConfigVersion> version(long id);

    /**
     * What changed from version {@code from} to version {@code to} (either may be 0, the empty document). Paths
     * are JSON Pointers; routes are matched by AE title, a route's index being the one in the document that
     * holds it (the new one for add/replace, the old one for remove).
     *
     * @throws java.util.NoSuchElementException a version does not exist
     */
    List<ConfigChange> diff(long from, long to);

    /**
     * Edits a deep, mutable copy of the current document and saves the result as a new version.
     *
     * @param expectedVersion the version the caller's edit is based on; {@code -1} = whatever is current (the
     *        edit is re-applied to the newer version if another change won the race)
     * @throws ConfigRejectedException the result is invalid (every problem, with field paths) or, with an
     *         {@code expectedVersion}, the current version has moved on ({@link ConfigRejectedException#conflict()})
     */
    ConfigVersion update(long expectedVersion, Consumer<Map<String, Object>> edit, ChangeAuthor author, String comment)
            throws ConfigRejectedException;

    /** Replaces the whole document (validated as {@link #update} does). */
    ConfigVersion replace(long expectedVersion, Map<String, Object> document, ChangeAuthor author, String comment)
            throws ConfigRejectedException;

    /**
     * Saves the document of an older version as a new version.
     *
     * @throws java.util.NoSuchElementException the version does not exist
     */
    ConfigVersion rollback(long toVersion, ChangeAuthor author) throws ConfigRejectedException;

    /**
     * Imports {@code config.yaml} text (the routing engine's format) as a new version.
     *
     * @param fileName used in problem messages only
     * @throws ConfigRejectedException the file is invalid; problems carry file, line and column
     */
    ConfigVersion importYaml(String yaml, String fileName, ChangeAuthor author) throws ConfigRejectedException;

    /** The current version written back out as {@code config.yaml} text, secrets as their {@code ${ENV_VAR}}. */
    String exportYaml();

    /**
     * Checks a document without saving it.
     *
     * @return every problem; empty when the document would be accepted
     */
    List<org.xnat.router.api.config.ConfigProblem> validate(Map<String, Object> document);
}
