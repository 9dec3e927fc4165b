package org.xnat.router.rest.core.internal;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.xnat.router.rest.core.internal.auth.AuthenticationFilter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The router's JAX-RS application, mounted at {@code /api}. Every router resource selects it
 * with {@code osgi.jaxrs.application.select=(osgi.jaxrs.name=router)}, so that filters meant for
 * the API (authentication) apply to all of it and to nothing else. The application requires the
 * authentication filter: without it the whiteboard serves none of {@code /api} (fail closed).
 */
@Component(service = Application.class)
@JaxrsApplicationBase(RouterApplication.BASE)
@JaxrsName(RouterApplication.NAME)
@JaxrsExtensionSelect("(" + AuthenticationFilter.MARKER + "=true)")
public class RouterApplication extends Application {

    public static final String BASE = "api";
    public static final String NAME = "router";

    @Override
    public Set<Object> getSingletons() {
        return Set.of();
    }
}
