package org.xnat.dicom.net.internal.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;

/**
 * Collects the responses to one request. Pending responses go to {@link #onPending}; the final
 * one completes {@link #result()}. Waiting is bounded by the response timeout, restarted by each
 * response.
 */
public class ResponseCollector implements AssociationImpl.ResponseHandler {
    private final CompletableFuture<DimseResponse> result = new CompletableFuture<>();
    private volatile long lastActivity = System.nanoTime();

    @Override
    public final void onResponse(Command response, InputStream dataset) throws IOException {
        lastActivity = System.nanoTime();
        DimseResponse r = Responses.of(response);
        if (DimseStatus.isPending(response.status())) {
            onPending(r, dataset);
        } else {
            onFinal(r, dataset);
            result.complete(r);
        }
    }

    /** Override to consume pending responses (and their identifiers). */
    protected void onPending(DimseResponse response, InputStream dataset) throws IOException {
    }

    /** Override to consume the final response's data set. */
    protected void onFinal(DimseResponse response, InputStream dataset) throws IOException {
    }

    @Override
    public void onFailure(IOException cause) {
        result.completeExceptionally(cause);
    }

    public CompletableFuture<DimseResponse> result() {
        return result;
    }

    public void touch() {
        lastActivity = System.nanoTime();
    }

    /** Waits for the final response; aborts the association when the peer goes silent. */
    public DimseResponse await(AssociationImpl a, String what) throws IOException {
        long timeout = a.options().responseTimeout().toNanos();
        while (true) {
            long left = lastActivity + timeout - System.nanoTime();
            try {
                return result.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - lastActivity >= timeout) {
                    a.abort();
                    throw new DicomNetworkException(a.label() + ": no " + what + " response within "
                            + a.options().responseTimeout().toSeconds() + " s; association aborted");
                }
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                throw new DicomNetworkException(a.label() + ": " + what + " failed: " + c, c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DicomNetworkException(a.label() + ": interrupted waiting for " + what + " response");
            }
        }
    }
}
