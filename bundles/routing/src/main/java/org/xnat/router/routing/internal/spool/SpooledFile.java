package org.xnat.router.routing.internal.spool;

import java.nio.file.Path;

/**
 * A file durably in the spool.
 *
 * @param relativePath path under the spool root, as recorded in PostgreSQL
 * @param path the absolute path
 * @param size bytes
 */
public record SpooledFile(String relativePath, Path path, long size) {
}
