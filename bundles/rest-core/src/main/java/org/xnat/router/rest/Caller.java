package org.xnat.router.rest;

import java.security.Principal;
import java.util.Objects;

import javax.ws.rs.core.SecurityContext;

/**
 * Who made a request: the API key's name, its role and the client address. The authentication filter sets
 * it as the principal of the request's {@link SecurityContext}.
 *
 * @param name the API key's name (audit "actor")
 * @param role the key's role
 * @param remoteAddress the client's IP address, {@code ""} when unknown
 */
public record Caller(String name, Role role, String remoteAddress) implements Principal {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    @Override
    public String getName() {
        return name;
    }

    /** The caller of a request that passed the authentication filter. */
    public static Caller of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("request was not authenticated by the router's API key filter");
    }
}
