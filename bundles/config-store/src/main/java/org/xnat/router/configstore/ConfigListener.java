package org.xnat.router.configstore;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: services of this type are given the current configuration when they appear and again after
 * every saved version (from this instance or another sharing the database), in version order, one call at a
 * time. Implementations apply what changed (rebind a route, reconfigure a destination) and report problems
 * through their health rather than by throwing.
 */
@ConsumerType
public interface ConfigListener {

    void configurationChanged(ConfigVersion current);
}
