package org.xnat.router.rest.admin.internal.session;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;

/**
 * {@code GET /api/whoami}: the key's name and role, so a client (the web UI) knows what to offer before it
 * tries. Any valid key may ask; nothing secret is in the answer.
 */
@Component(service = WhoAmIResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("whoami")
public class WhoAmIResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response whoami(@Context SecurityContext security) {
        if (security == null || !(security.getUserPrincipal() instanceof Caller caller)) {
            // only without the authentication filter (it answers 401 itself otherwise)
            return Response.status(401).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "no API key was authenticated for this request")).build();
        }
        return Response.ok(body(caller)).build();
    }

    static Map<String, Object> body(Caller caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", caller.name());
        out.put("role", caller.role().id());
        out.put("can_operate", caller.role().allows(Role.OPERATOR));
        out.put("can_admin", caller.role().allows(Role.ADMIN));
        return out;
    }
}
