package ion.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {
    @TempDir
    Path dir;

    private ConfigException buildFailure(String yaml) throws IOException {
        Path file = dir.resolve("ionlocal.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return assertThrows(ConfigException.class, () -> Config.builder().localFile(file).build());
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        ConfigException e = buildFailure("""
                process:
                  prefetch: 4
                  rpc-timeout: [5s
                messaging:
                  transport: local
                """);
        String message = e.getMessage();
        assertTrue(message.contains(dir.resolve("ionlocal.yaml").toString()), message);
        assertTrue(message.matches("(?s).*line [3-5]\\b.*"), message);
        assertTrue(message.contains("invalid YAML"), message);
    }

    @Test
    void duplicateKeyIsRefusedWithLine() throws IOException {
        ConfigException e = buildFailure("process:\n  prefetch: 4\n  prefetch: 5\n");
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("prefetch"), e.getMessage());
    }

    @Test
    void sameSettingGivenTwiceThroughDottedKeyIsRefused() throws IOException {
        ConfigException e = buildFailure("process:\n  prefetch: 4\nprocess.prefetch: 5\n");
        assertTrue(e.getMessage().contains("'process.prefetch' is set more than once"), e.getMessage());
    }

    @Test
    void javaClassTagIsNotInstantiated() throws IOException {
        Path marker = dir.resolve("marker");
        ConfigException e = buildFailure("container:\n  sysname: !!java.io.FileOutputStream [\"" + marker + "\"]\n");
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
        assertFalse(Files.exists(marker), "a class named in the YAML was instantiated");
    }

    @Test
    void localTagIsRefused() throws IOException {
        ConfigException e = buildFailure("container:\n  sysname: !thing demo\n");
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void oversizedDocumentIsRefused() throws IOException {
        String padding = "#" + "x".repeat(1000) + "\n";
        ConfigException e = buildFailure(padding.repeat(1100) + "process:\n  prefetch: 4\n");
        assertTrue(e.getMessage().contains("1MiB"), e.getMessage());
    }

    @Test
    void nonTextKeyIsRefused() throws IOException {
        ConfigException e = buildFailure("process:\n  42: x\n");
        assertTrue(e.getMessage().contains("the integer 42"), e.getMessage());
        assertTrue(e.getMessage().contains("'process'"), e.getMessage());
    }

    @Test
    void unquotedNumberForStringSuggestsQuotes() throws IOException {
        ConfigException e = buildFailure("container:\n  sysname: 1234\n");
        assertTrue(e.getMessage().contains("'container.sysname'"), e.getMessage());
        assertTrue(e.getMessage().contains("quotes"), e.getMessage());
    }
}
