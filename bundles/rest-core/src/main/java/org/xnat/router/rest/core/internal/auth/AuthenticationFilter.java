package org.xnat.router.rest.core.internal.auth;

import java.security.Principal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;

/**
 * Authenticates every request to a resource of the {@code router} application by API key ({@code X-API-Key: KEY}
 * or {@code Authorization: Bearer KEY}) and enforces the role policy ({@link AccessPolicy}). Resources marked
 * {@link PublicResource} need no key. The application requires this extension ({@code RouterApplication}), so no
 * resource is ever served without it.
 */
@Component(service = ContainerRequestFilter.class, property = AuthenticationFilter.MARKER + "=true")
@JaxrsExtension
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    /** Service property the router application selects its required authentication extension by. */
    public static final String MARKER = "router.api.authentication";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String CHALLENGE = "Bearer realm=\"router\", ApiKey realm=\"router\" header=\"" + API_KEY_HEADER + "\"";
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    /** Absent while the database is not up: requests needing a key then answer 503 rather than pass. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiKeyService keys;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> resource = resourceInfo.getResourceClass();
        if (resource != null && resource.isAnnotationPresent(PublicResource.class)) {
            return;
        }
        String remote = remoteAddress();
        Optional<String> presented = presentedKey(request.getHeaderString(API_KEY_HEADER),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            request.abortWith(unauthorized("an API key is required: send it as '" + API_KEY_HEADER
                    + ": KEY' or 'Authorization: Bearer KEY'"));
            return;
        }
        ApiKeyService service = keys;
        if (service == null) {
            request.abortWith(error(Response.Status.SERVICE_UNAVAILABLE,
                    "API keys cannot be checked: the database is not available (see /api/health)"));
            return;
        }
        Optional<ApiKey> key;
        try {
            key = service.authenticate(presented.get());
        } catch (SQLException e) {
            LOG.warn("API key check failed: {}", e.getMessage());
            request.abortWith(error(Response.Status.SERVICE_UNAVAILABLE,
                    "API keys cannot be checked: the database is not available (see /api/health)"));
            return;
        }
        if (key.isEmpty()) {
            LOG.debug("Refused an unknown, expired or revoked API key from {}", remote);
            request.abortWith(unauthorized("the API key is unknown, expired or revoked"));
            return;
        }
        Role required = AccessPolicy.required(request.getMethod(), resource, resourceInfo.getResourceMethod());
        Caller caller = new Caller(key.get().name(), key.get().role(), remote);
        if (!caller.role().allows(required)) {
            request.abortWith(error(Response.Status.FORBIDDEN, "API key '" + caller.name() + "' has the role "
                    + caller.role().id() + "; " + request.getMethod() + " " + "/api/" + request.getUriInfo().getPath()
                    + " needs " + required.id()));
            return;
        }
        request.setSecurityContext(new CallerContext(caller, request.getSecurityContext()));
    }

    /** The key from {@code X-API-Key}, else from {@code Authorization: Bearer}. */
    static Optional<String> presentedKey(String apiKeyHeader, String authorization) {
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return Optional.of(apiKeyHeader.strip());
        }
        if (authorization != null) {
            String a = authorization.strip();
            if (a.length() > 7 && a.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                String key = a.substring(7).strip();
                return key.isEmpty() ? Optional.empty() : Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private String remoteAddress() {
        try {
            return servletRequest == null ? "" : String.valueOf(servletRequest.getRemoteAddr());
        } catch (RuntimeException e) {
            return ""; // no request bound to this thread (not over HTTP)
        }
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    static Response error(Response.Status status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** The caller as principal; roles by the role hierarchy. */
    private record CallerContext(Caller caller, SecurityContext original) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            try {
                return caller.role().allows(Role.parse(role));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "API-Key";
        }
    }
}
