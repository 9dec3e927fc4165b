package org.xnat.router.deid;

import java.util.List;

/**
 * A page of a crosswalk search.
 *
 * @param total how many mappings match the search (all pages)
 * @param entries the mappings of this page, by type and then sequence
 */
public record CrosswalkPage(long total, List<CrosswalkEntry> entries) {

    public CrosswalkPage {
        entries = List.copyOf(entries);
    }
}
