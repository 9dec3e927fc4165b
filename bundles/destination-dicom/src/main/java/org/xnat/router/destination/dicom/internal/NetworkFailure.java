package org.xnat.router.destination.dicom.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.xnat.dicom.net.AssociationAbortedException;
import org.xnat.dicom.net.AssociationRejectedException;

/**
 * A failure of the association itself (not of one instance), put in words for people, with whether trying
 * again later can help.
 *
 * @param message what happened, starting with the short reason ("connection refused", "timeout", "association
 *        rejected", "association aborted", "TLS handshake failed"...)
 * @param retryable false only when the peer said no for good (permanent rejection) or the TLS certificates do
 *        not fit: both need someone to change a configuration
 */
record NetworkFailure(String message, boolean retryable) {

    static NetworkFailure of(IOException e, DicomDestinationConfig config) {
        String peer = config.calledAeTitle() + " at " + config.host() + ":" + config.port();
        AssociationRejectedException rejected = find(e, AssociationRejectedException.class);
        if (rejected != null) {
            boolean permanent = rejected.result() == AssociationRejectedException.RESULT_PERMANENT;
            String hint = "";
            if (rejected.source() == AssociationRejectedException.SOURCE_SERVICE_USER) {
                if (rejected.reason() == AssociationRejectedException.REASON_CALLED_AE_NOT_RECOGNIZED) {
                    hint = " (check ae_title '" + config.calledAeTitle() + "')";
                } else if (rejected.reason() == AssociationRejectedException.REASON_CALLING_AE_NOT_RECOGNIZED) {
                    hint = " (the peer does not know our calling_ae_title '" + config.callingAeTitle() + "')";
                }
            }
            return new NetworkFailure("association rejected by " + peer + ": "
                    + AssociationRejectedException.describe(rejected.result(), rejected.source(), rejected.reason()) + hint,
                    !permanent);
        }
        if (find(e, ConnectException.class) != null) {
            return new NetworkFailure("connection refused by " + config.host() + ":" + config.port()
                    + " (is the peer running and listening on that port?)", true);
        }
        if (find(e, UnknownHostException.class) != null) {
            return new NetworkFailure("unknown host '" + config.host() + "'", true);
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return new NetworkFailure("no route to host " + config.host(), true);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return new NetworkFailure("timeout: no connection to " + config.host() + ":" + config.port() + " within "
                    + config.connectTimeout().toSeconds() + " s (connect_timeout_seconds)", true);
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            // a certificate the other side does not trust will not start being trusted by itself
            boolean certificate = tls instanceof SSLHandshakeException && String.valueOf(tls.getMessage())
                    .matches("(?is).*(certificate|PKIX|unknown_ca|bad_certificate|certification).*");
            return new NetworkFailure("TLS handshake with " + peer + " failed: " + tls.getMessage()
                    + (certificate ? " (check tls_trust, tls_certificate and tls_key)" : ""), !certificate);
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("ARTIM") || text.contains("within")) {
            return new NetworkFailure("timeout: " + text, true);
        }
        if (find(e, AssociationAbortedException.class) != null) {
            return new NetworkFailure("association aborted: " + text, true);
        }
        return new NetworkFailure("association with " + peer + " failed: " + text, true);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
