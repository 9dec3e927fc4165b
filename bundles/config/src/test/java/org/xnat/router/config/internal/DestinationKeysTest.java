package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.config.LoadedConfig;

/** The settings each built-in destination type understands reach its factory, without warnings. */
class DestinationKeysTest {

    @Test
    void destinationSpecificKeysArePassedThrough() throws Exception {
        LoadedConfig loaded = new YamlConfigFiles().read("""
                destinations:
                  pacs: !<dicom>
                    ae_title: PACS
                    host: 127.0.0.1
                    port: 11112
                    tls: true
                    tls_trust: /etc/router/ca.pem
                    tls_certificate: /etc/router/cert.pem
                    tls_key: /etc/router/key.pem
                    connect_timeout_seconds: 5
                    response_timeout_seconds: 60
                    max_associations: 4
                    idle_timeout_seconds: 0
                  disk: !<file>
                    path: /data/out
                    create_path: false
                    min_free_mb: 2048
                  xnat: !<xnat>
                    url: https://xnat.example.org
                    username: router
                    password: secret
                    upload_timeout: 7200
                routes:
                  - ae_title: ROUTER
                    port: 11112
                    destinations:
                      - destination: pacs
                      - destination: disk
                      - destination: xnat
                        project_id: P1
                """, "keys.yaml", Map.of());
        assertThat(loaded.warnings()).isEmpty();
        Map<String, Object> pacs = loaded.config().destinations().get("pacs").properties();
        assertThat(pacs).containsEntry("tls", true).containsEntry("tls_trust", "/etc/router/ca.pem")
                .containsEntry("tls_certificate", "/etc/router/cert.pem").containsEntry("tls_key", "/etc/router/key.pem")
                .containsEntry("connect_timeout_seconds", 5).containsEntry("response_timeout_seconds", 60)
                .containsEntry("max_associations", 4).containsEntry("idle_timeout_seconds", 0);
        assertThat(loaded.config().destinations().get("disk").properties())
                .containsEntry("create_path", false).containsEntry("min_free_mb", 2048);
        assertThat(loaded.config().destinations().get("xnat").properties()).containsEntry("upload_timeout", 7200);
    }
}
