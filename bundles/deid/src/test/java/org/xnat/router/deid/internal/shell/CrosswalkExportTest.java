package org.xnat.router.deid.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;

class CrosswalkExportTest {

    @TempDir
    Path dir;

    @Test
    void exportsEveryMappingAsCsvReadableByItsOwnerOnly() throws Exception {
        InMemoryCrosswalk cw = new InMemoryCrosswalk();
        cw.resolve("b", IdType.PATIENT_ID, "MRN,1", (seq, attempt) -> "S" + seq);
        cw.resolve("b", IdType.PATIENT_ID, "Doe \"J\"\nline", (seq, attempt) -> "S" + seq);
        cw.resolve("b", IdType.ACCESSION, "A1", (seq, attempt) -> "ACC" + seq);
        cw.resolve("other", IdType.PATIENT_ID, "X", (seq, attempt) -> "O" + seq);

        Path all = dir.resolve("all.csv");
        assertThat(CrosswalkCommand.export(cw, "b", null, all)).isEqualTo(3);
        String csv = Files.readString(all, StandardCharsets.UTF_8);
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo(CrosswalkCsv.HEADER);
        assertThat(lines.get(1)).startsWith("b,patient_id,\"MRN,1\",S1,1,");
        assertThat(lines.get(2)).startsWith("b,patient_id,\"Doe \"\"J\"\"\nline\",S2,2,");
        assertThat(lines.get(3)).startsWith("b,accession,A1,ACC1,1,");
        assertThat(csv).doesNotContain("other").doesNotContain(",X,");
        assertThat(Files.getPosixFilePermissions(all)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path accessions = dir.resolve("acc.csv");
        assertThat(CrosswalkCommand.export(cw, "b", IdType.ACCESSION, accessions)).isEqualTo(1);
        assertThat(Files.readAllLines(accessions)).hasSize(2);

        assertThatThrownBy(() -> CrosswalkCommand.export(cw, "b", null, all)).isInstanceOf(FileAlreadyExistsException.class);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("all.csv", "acc.csv");
        }
    }

    @Test
    void deidTestTakesABuiltInNameAScriptFileOrAProfile() throws Exception {
        assertThat(DeidTestCommand.scriptConfig("hipaa_standard").properties()).containsEntry("script", "hipaa_standard");
        Path script = Files.writeString(dir.resolve("s.das"), "version \"6.3\"\n(0010,0010) := \"X\"\n");
        assertThat(DeidTestCommand.scriptConfig(script.toString()).properties()).containsKey("text");
        Path profile = Files.writeString(dir.resolve("p.properties"), "retain_uids = true\nuid_key=k\n");
        var c = DeidTestCommand.profileConfig(profile);
        assertThat(c.type()).isEqualTo("ps315");
        assertThat(c.properties()).containsEntry("retain_uids", "true").containsEntry("uid_key", "k");
    }
}
