package org.xnat.router.rest.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A request body that is not the JSON a resource expects answers 400 with the API's error shape (and not the
 * container's 500): malformed JSON, or JSON of the wrong shape (an array where an object is expected).
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect("(osgi.jaxrs.name=" + RouterApplication.NAME + ")")
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    private static final int MAX_MESSAGE = 300;

    @Override
    public Response toResponse(JsonProcessingException e) {
        String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (detail.length() > MAX_MESSAGE) {
            detail = detail.substring(0, MAX_MESSAGE) + "...";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "the request body is not the JSON expected: " + detail);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
