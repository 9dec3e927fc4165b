package org.xnat.router.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.routing.TransferPage;
import org.xnat.router.routing.TransferSearch;
import org.xnat.router.routing.TransferSummary;
import org.xnat.router.routing.internal.tracking.TransferQueries;

/** {@code Transfers.search}: filters, the start time range, pagination and the total, on a real PostgreSQL. */
class TransferSearchTest {

    private static TestDatabase db;
    private static TransferQueries queries;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
        db.truncate();
        // 5 transfers: route A to "pacs" (3, one a day apart), route B to "archive" (2)
        insert("1.2.3", "A", "pacs", "DONE", "2026-01-01T10:00:00Z");
        insert("1.2.4", "A", "pacs", "FAILED", "2026-01-02T10:00:00Z");
        insert("1.2.5", "A", "pacs", "DONE", "2026-01-03T10:00:00Z");
        insert("1.2.3", "B", "archive", "DONE", "2026-01-02T12:00:00Z");
        insert("1.2.6", "B", "archive", "QUEUED", "2026-01-04T10:00:00Z");
        queries = new TransferQueries(db.dataSource());
    }

    private static void insert(String study, String route, String destination, String status, String started)
            throws Exception {
        db.execute("INSERT INTO transfers (study_uid, route_ae, destination, status, started_at) VALUES (?, ?, ?, ?, ?::timestamptz)",
                study, route, destination, status, started);
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    private static TransferSearch search(String status, String route, String study, String dest, String from,
            String to, int limit, int offset) {
        return new TransferSearch(status, route, study, dest, from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to), limit, offset);
    }

    @Test
    void pagesCarryTheTotalOfAllMatches() throws Exception {
        TransferPage first = queries.search(search(null, null, null, null, null, null, 2, 0));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(TransferSummary::studyInstanceUid).containsExactly("1.2.6", "1.2.3");
        TransferPage last = queries.search(search(null, null, null, null, null, null, 2, 4));
        assertThat(last.total()).isEqualTo(5);
        assertThat(last.items()).singleElement().extracting(TransferSummary::studyInstanceUid).isEqualTo("1.2.3");
    }

    @Test
    void filtersCombineWithTheTimeRange() throws Exception {
        assertThat(queries.search(search("done", null, null, null, null, null, 10, 0)).total()).isEqualTo(3);
        assertThat(queries.search(search(null, "a", null, null, null, null, 10, 0)).total()).isEqualTo(3);
        assertThat(queries.search(search(null, null, "1.2.3", null, null, null, 10, 0)).total()).isEqualTo(2);
        assertThat(queries.search(search(null, null, null, "archive", null, null, 10, 0)).total()).isEqualTo(2);
        TransferPage range = queries.search(search(null, null, null, null, "2026-01-02T00:00:00Z",
                "2026-01-03T10:00:00Z", 10, 0));
        assertThat(range.items()).extracting(TransferSummary::status).containsExactly("DONE", "FAILED");
        assertThat(queries.search(search("done", "A", null, "pacs", "2026-01-02T00:00:00Z", null, 10, 0)).total())
                .isEqualTo(1);
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> search(null, null, null, null, null, null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search(null, null, null, null, null, null, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search(null, null, null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
