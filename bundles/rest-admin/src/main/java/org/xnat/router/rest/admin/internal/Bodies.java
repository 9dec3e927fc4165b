package org.xnat.router.rest.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Request bodies, read here rather than by the JSON provider so that every body has a size cap and malformed JSON
 * gets the API's error shape.
 */
public final class Bodies {

    /** A JSON object of one route, destination, ... is small; 1 MiB is generous. */
    public static final int MAX_JSON = 1 << 20;
    /** As config.yaml files (the reader's own limit). */
    static final int MAX_TEXT = 4 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Bodies() {
    }

    /** The body as a JSON object (insertion-ordered maps, lists, strings, numbers, booleans). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(InputStream in) {
        byte[] bytes = bytes(in, MAX_JSON);
        if (bytes.length == 0) {
            throw ApiException.badRequest("a JSON object is required as the request body");
        }
        Object value;
        try {
            value = JSON.readValue(bytes, Object.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    /** The body as UTF-8 text, at most {@code max} bytes. */
    public static String text(InputStream in, int max) {
        byte[] bytes = bytes(in, max);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not UTF-8 text");
        }
    }

    /** The body's bytes, refused (413) beyond {@code max}. */
    public static byte[] bytes(InputStream in, int max) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ApiException(413, "the request body is larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
