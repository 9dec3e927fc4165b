package org.xnat.router.config.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigFiles;
import org.xnat.router.config.ConfigIssue;
import org.xnat.router.config.EnvironmentReference;
import org.xnat.router.config.LoadedConfig;
import org.xnat.router.config.RouterConfig;

/** The {@link ConfigFiles} service: {@code config.yaml} read and written with SnakeYAML. */
@Component(service = ConfigFiles.class)
public final class YamlConfigFiles implements ConfigFiles {

    /** A configuration file is a few kilobytes; anything much larger is not one. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    @Activate
    public YamlConfigFiles() {
        // stateless: every read has its own reader
    }

    @Override
    public LoadedConfig read(Path file, Map<String, String> environment) throws IOException, ConfigFileException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ConfigFileException(List.of(new ConfigIssue(name, 0, 0, "",
                    "is " + size + " bytes; a configuration file may have at most " + MAX_FILE_BYTES)));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigFileException(List.of(new ConfigIssue(name, 0, 0, "", "is not UTF-8 text")));
        }
        return read(text, name, environment);
    }

    @Override
    public LoadedConfig read(String yaml, String fileName, Map<String, String> environment) throws ConfigFileException {
        return new ConfigReader(fileName, environment).read(yaml);
    }

    @Override
    public void write(RouterConfig config, Map<String, EnvironmentReference> environmentReferences, Writer out)
            throws IOException {
        new ConfigWriter(environmentReferences).write(config, out);
    }
}
