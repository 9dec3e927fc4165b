package org.xnat.router.routing;

import java.util.List;

/**
 * One page of a {@link Transfers#search}.
 *
 * @param items the transfers of the page, newest first
 * @param total how many transfers match the filters in all
 * @since 1.1
 */
public record TransferPage(List<TransferSummary> items, long total) {

    public TransferPage {
        items = List.copyOf(items);
    }
}
