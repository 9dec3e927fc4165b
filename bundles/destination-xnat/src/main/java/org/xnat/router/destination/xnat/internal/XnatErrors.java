package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import javax.net.ssl.SSLException;

import org.xnat.router.api.destination.DeliveryException;

/**
 * Turns XNAT's HTTP answers and transport failures into {@link DeliveryException}s with the right
 * {@link DeliveryException#retryable()}: a busy or unreachable XNAT may work later; refused credentials,
 * a wrong project or a wrong URL will not until someone changes something.
 */
final class XnatErrors {

    static final int EXCERPT_CHARS = 500;

    private XnatErrors() {
    }

    static DeliveryException http(String action, int status, String body, String location, XnatConfig config) {
        String answer = " XNAT answered: " + excerpt(body);
        if (status == 401 || status == 403) {
            return new DeliveryException("XNAT at " + config.baseUrl() + " refused " + action + " for user '"
                    + config.username() + "' (HTTP " + status + "); check username/password"
                    + (status == 403 ? " and the user's access to the project" : "") + "." + answer, false);
        }
        if (status >= 300 && status < 400) {
            return new DeliveryException("XNAT at " + config.baseUrl() + " answered " + action + " with a redirect (HTTP "
                    + status + (location == null ? "" : " to " + location) + "); check 'url' (https, context path)."
                    + answer, false);
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        return new DeliveryException("XNAT at " + config.baseUrl() + " failed " + action + " (HTTP " + status + ")."
                + answer, retryable);
    }

    static DeliveryException transport(String action, IOException e, XnatConfig config) {
        String where = "XNAT at " + config.baseUrl();
        if (e instanceof HttpConnectTimeoutException) {
            return new DeliveryException(where + ": no connection within " + config.timeout().toSeconds() + " s while "
                    + action, true, 0, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DeliveryException(where + " did not answer in time while " + action + " (timeout)", true, 0, e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new DeliveryException(where + " refused the connection while " + action + " (is it running?)", true,
                    0, e);
        }
        if (e instanceof SSLException) {
            return new DeliveryException(where + ": TLS failed while " + action + " (" + e.getMessage()
                    + "); check the server certificate and the router's trust store", false, 0, e);
        }
        return new DeliveryException(where + ": connection failed while " + action + ": " + e, true, 0, e);
    }

    /** The first {@value #EXCERPT_CHARS} characters, with line breaks and other controls as spaces. */
    static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty)";
        }
        String cut = body.length() > EXCERPT_CHARS ? body.substring(0, EXCERPT_CHARS) : body;
        StringBuilder sb = new StringBuilder(cut.length());
        cut.chars().forEach(c -> sb.append(Character.isISOControl(c) ? ' ' : (char) c));
        return sb.toString();
    }
}
