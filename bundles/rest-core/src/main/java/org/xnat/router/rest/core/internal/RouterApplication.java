package org.xnat.router.rest.core.internal;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The router's JAX-RS application, mounted at {@code /api}. Every router resource selects it
 * with {@code osgi.jaxrs.application.select=(osgi.jaxrs.name=router)}, so that filters meant for
 * the API (authentication, later) apply to all of it and to nothing else.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(RouterApplication.BASE)
@JaxrsName(RouterApplication.NAME)
public class RouterApplication extends Application {

    static final String BASE = "api";
    static final String NAME = "router";

    @Override
    public Set<Object> getSingletons() {
        return Set.of();
    }
}
