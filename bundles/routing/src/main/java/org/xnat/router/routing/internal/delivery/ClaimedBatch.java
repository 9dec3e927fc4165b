package org.xnat.router.routing.internal.delivery;

import java.util.List;

/** Rows of one transfer claimed together by one worker: they become one {@code Delivery}. */
public record ClaimedBatch(TransferInfo transfer, List<QueueRow> rows) {

    public ClaimedBatch {
        rows = List.copyOf(rows);
    }
}
