package org.xnat.router.rest.core.internal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.rest.Role;

/**
 * API keys: authentication of presented keys, creation (the key is returned once and then exists only as a
 * hash), listing, revocation, and the bootstrap admin key at start ({@code ROUTER_ADMIN_KEY}, or a generated
 * key written to {@code ${karaf.data}/admin-api-key} when no admin key exists). Never logs a key.
 */
@Component(service = ApiKeyService.class, immediate = true)
@Designate(ocd = ApiKeyService.Settings.class)
public class ApiKeyService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyService.class);

    /** Environment variable holding the bootstrap admin key (the launcher passes the environment through). */
    public static final String ENV_ADMIN_KEY = "ROUTER_ADMIN_KEY";
    /** Name of the bootstrap admin key (from the environment or generated). */
    public static final String BOOTSTRAP_NAME = "bootstrap-admin";
    static final String CREATED_BY_ENV = ENV_ADMIN_KEY;
    static final String CREATED_BY_GENERATED = "bootstrap";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,99}");
    private static final long TOUCH_EVERY_NANOS = 60_000_000_000L;
    /** Serializes the bootstrap of several router instances sharing one database. */
    private static final long BOOTSTRAP_LOCK = 0x726f757465724bL;

    @ObjectClassDefinition(name = "XNAT DICOM Router API keys")
    public @interface Settings {
        @AttributeDefinition(description = "PBKDF2 iterations for new key hashes")
        int hashIterations() default 60_000;

        @AttributeDefinition(description = "File the generated bootstrap admin key is written to; empty = ${karaf.data}/admin-api-key")
        String bootstrapKeyFile() default "";
    }

    /** A created key: its listing and the key itself, shown once. */
    public record Created(ApiKey key, String secret) {
    }

    /** A key name is taken by a key that is not revoked. */
    public static final class NameTakenException extends Exception {
        private static final long serialVersionUID = 1L;

        NameTakenException(String name) {
            super("an API key named '" + name + "' exists (revoke it first or choose another name)");
        }
    }

    private final ApiKeyStore store;
    private final ApiKeyCodec codec;
    private final Map<Long, Long> lastTouched = new ConcurrentHashMap<>();

    @Activate
    public ApiKeyService(@Reference(target = "(dataSourceName=router)") DataSource dataSource, Settings settings) {
        this(dataSource, settings.hashIterations());
        Path file = settings.bootstrapKeyFile().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "admin-api-key")
                : Path.of(settings.bootstrapKeyFile().strip());
        try {
            bootstrap(System.getenv(ENV_ADMIN_KEY), file);
        } catch (SQLException | IOException | RuntimeException e) {
            // The API still works with the keys that exist; the next start tries again.
            LOG.error("Could not set up the bootstrap admin API key: {}", e.toString());
        }
    }

    ApiKeyService(DataSource dataSource, int iterations) {
        this.store = new ApiKeyStore(dataSource);
        this.codec = new ApiKeyCodec(iterations);
    }

    /** The key's row when it is well-formed, known, not revoked, not expired and grants a role. */
    public Optional<ApiKey> authenticate(String presented) throws SQLException {
        if (ApiKeyCodec.formProblem(presented) != null) {
            return Optional.empty();
        }
        Optional<ApiKeyStore.Candidate> candidate = store.findActiveByPrefix(ApiKeyCodec.prefix(presented));
        if (candidate.isEmpty() || !codec.verify(presented, candidate.get().hash())) {
            return Optional.empty();
        }
        ApiKey key = candidate.get().key();
        if (!"active".equals(key.state(Instant.now())) || key.role() == null) {
            return Optional.empty();
        }
        touch(key.id());
        return Optional.of(key);
    }

    private void touch(long id) {
        long now = System.nanoTime();
        Long last = lastTouched.get(id);
        if (last != null && now - last < TOUCH_EVERY_NANOS) {
            return;
        }
        lastTouched.put(id, now);
        try {
            store.touch(id);
        } catch (SQLException e) {
            LOG.warn("Could not record the last use of API key {}: {}", id, e.getMessage());
        }
    }

    public List<ApiKey> list() throws SQLException {
        return store.list();
    }

    /**
     * Creates a key.
     *
     * @throws IllegalArgumentException bad name, or an expiry not in the future
     * @throws NameTakenException a key that is not revoked has the name
     */
    public Created create(String name, Role role, Instant expiresAt, String createdBy)
            throws SQLException, NameTakenException {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (role == null) {
            throw new IllegalArgumentException("a role is required (admin, operator or viewer)");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new IllegalArgumentException("expiresAt must be in the future");
        }
        String secret = codec.generate();
        String hash = codec.hash(secret);
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c, name.hashCode());
                if (store.findActiveByName(c, name).isPresent()) {
                    throw new NameTakenException(name);
                }
                ApiKey key = store.insert(c, name, ApiKeyCodec.prefix(secret), hash, role, cap(createdBy), expiresAt);
                c.commit();
                return new Created(key, secret);
            } catch (SQLException | NameTakenException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Why a name cannot name a key, or {@code null}. */
    public static String nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "name must be 1..100 characters: letters, digits and . _ @ : - (starting with a letter or digit)";
        }
        return null;
    }

    /**
     * Revokes a key.
     *
     * @return the key as it is now, empty when there is no such key
     */
    public Optional<Revoked> revoke(long id) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            boolean changed = store.revoke(c, id);
            return store.get(c, id).map(k -> new Revoked(k, changed));
        }
    }

    /** The key after revocation; {@code changed} is false when it was already revoked. */
    public record Revoked(ApiKey key, boolean changed) {
    }

    /** The key not revoked that has this name. */
    public Optional<ApiKey> findActive(String name) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            return store.findActiveByName(c, name).map(ApiKeyStore.Candidate::key);
        }
    }

    /**
     * Makes sure an admin key exists. With {@code envKey} set: the key named {@value #BOOTSTRAP_NAME} is that key
     * (replaced when it differs). Without: when no usable admin key exists, one is generated into {@code file}
     * (mode 0600). Several instances sharing the database do this one at a time.
     */
    void bootstrap(String envKey, Path file) throws SQLException, IOException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c, BOOTSTRAP_LOCK);
                if (envKey != null && !envKey.isBlank()) {
                    bootstrapFromEnvironment(c, envKey.strip(), file);
                } else if (!store.anyUsableAdmin(c)) {
                    generate(c, file);
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void bootstrapFromEnvironment(Connection c, String envKey, Path file) throws SQLException, IOException {
        String problem = ApiKeyCodec.formProblem(envKey);
        if (problem != null) {
            LOG.error("{} is ignored: {}", ENV_ADMIN_KEY, problem);
            return;
        }
        Optional<ApiKeyStore.Candidate> current = store.findActiveByName(c, BOOTSTRAP_NAME);
        if (current.isPresent() && CREATED_BY_ENV.equals(current.get().key().createdBy())
                && codec.verify(envKey, current.get().hash()) && "active".equals(current.get().key().state(Instant.now()))) {
            return;
        }
        if (current.isPresent()) {
            store.revoke(c, current.get().key().id());
            if (CREATED_BY_GENERATED.equals(current.get().key().createdBy())) {
                // the file held the key just revoked: it would only mislead
                Files.deleteIfExists(file);
            }
        }
        String prefix = ApiKeyCodec.prefix(envKey);
        if (store.prefixTaken(c, prefix)) {
            LOG.error("{} is ignored: another API key starts with the same {} characters; choose another value",
                    ENV_ADMIN_KEY, ApiKeyCodec.PREFIX_LENGTH);
            return;
        }
        store.insert(c, BOOTSTRAP_NAME, prefix, codec.hash(envKey), Role.ADMIN, CREATED_BY_ENV, null);
        LOG.info("API key '{}' (admin) set from {}", BOOTSTRAP_NAME, ENV_ADMIN_KEY);
    }

    private void generate(Connection c, Path file) throws SQLException, IOException {
        store.findActiveByName(c, BOOTSTRAP_NAME).ifPresent(old -> {
            try {
                store.revoke(c, old.key().id()); // expired or without the admin role
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String secret = codec.generate();
        store.insert(c, BOOTSTRAP_NAME, ApiKeyCodec.prefix(secret), codec.hash(secret), Role.ADMIN,
                CREATED_BY_GENERATED, null);
        writeSecretFile(file, secret);
        LOG.warn("No admin API key existed: generated one (name '{}') into {} (readable by its owner only)."
                + " Set {} to choose it yourself.", BOOTSTRAP_NAME, file, ENV_ADMIN_KEY);
    }

    /** Written to a new file created 0600 and moved into place: never readable by others, not even briefly. */
    static void writeSecretFile(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".admin-api-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, secret + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void lock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setQueryTimeout(30);
            ps.setLong(1, key);
            ps.execute();
        }
    }

    private static String cap(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
