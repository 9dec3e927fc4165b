package org.xnat.router.storage.internal.multipart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One part's headers.
 *
 * @param number 1-based position in the body
 * @param name the form field name ({@code ""} if absent)
 * @param filename the file name as sent (may carry a relative path for folder uploads), or {@code null} for a
 *        plain form field
 * @param contentType the part's Content-Type, {@code ""} if absent
 * @param headers all headers, names in lower case
 */
public record Part(int number, String name, String filename, String contentType, Map<String, String> headers) {

    static Part of(int number, Map<String, String> headers) {
        Map<String, String> params = new LinkedHashMap<>();
        String disposition = headers.get("content-disposition");
        if (disposition != null) {
            HeaderValues.parse(disposition, params);
        }
        String filename = params.containsKey("filename*") ? params.get("filename*") : params.get("filename");
        return new Part(number, params.getOrDefault("name", ""), filename, headers.getOrDefault("content-type", ""),
                Map.copyOf(headers));
    }
}
