package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileReferencesTest {

    @TempDir
    Path dir;

    @Test
    void findsTheVariableBehindAKeyInTheCfgFile() throws Exception {
        Path cfg = dir.resolve("org.xnat.router.persistence.cfg");
        Files.writeString(cfg, "# password = ${env:NOT_THIS}\nmode = external\npasswordHint = x\n"
                + "password = ${env:ROUTER_DB_PASSWORD}\nuser=$[env:DB_USER]\nurl = jdbc:postgresql://h/db\n");
        String fileinstallName = cfg.toUri().toString();
        assertThat(ConfigFileReferences.variableOf(fileinstallName, "password")).contains("ROUTER_DB_PASSWORD");
        assertThat(ConfigFileReferences.variableOf(fileinstallName, "user")).contains("DB_USER");
        assertThat(ConfigFileReferences.variableOf(fileinstallName, "url")).isEmpty();
        assertThat(ConfigFileReferences.variableOf(cfg.toString(), "password")).contains("ROUTER_DB_PASSWORD");
    }

    @Test
    void missingFilesAndPropertiesGiveNothing() {
        assertThat(ConfigFileReferences.variableOf(null, "password")).isEmpty();
        assertThat(ConfigFileReferences.variableOf(dir.resolve("absent.cfg").toString(), "password")).isEmpty();
    }
}
