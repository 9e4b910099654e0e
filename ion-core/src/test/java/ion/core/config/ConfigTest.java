package ion.core.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertMessageContains(ConfigException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void defaultsFromClassPathHaveTypedValues() {
        Config config = Config.defaults();
        assertAll(
                () -> assertEquals(Duration.ofSeconds(15), config.duration("process.rpc-timeout")),
                () -> assertEquals(8L * 1024 * 1024, config.size("messaging.max-message-size")),
                () -> assertEquals(5672L, config.integer("messaging.broker.port")),
                () -> assertEquals(5672, config.intValue("messaging.broker.port")),
                () -> assertFalse(config.bool("process.fail-fast")),
                () -> assertEquals("magnet.topic", config.string("messaging.exchange")),
                () -> assertEquals("", config.string("container.sysname")),
                () -> assertEquals(ValueType.SIZE, config.type("messaging.max-message-size")),
                () -> assertEquals(Config.SOURCE_DEFAULTS, config.source("process.rpc-timeout")));
    }

    @Test
    void localFileDeepMergesAndKeepsSiblingKeys() throws IOException {
        Path local = write("ionlocal.yaml", """
                messaging:
                  broker:
                    host: rabbit.example.org
                """);
        Config config = Config.builder().localFile(local).build();
        assertAll(
                () -> assertEquals("rabbit.example.org", config.string("messaging.broker.host")),
                () -> assertEquals(local.toString(), config.source("messaging.broker.host")),
                () -> assertEquals(5672L, config.integer("messaging.broker.port")),
                () -> assertEquals("guest", config.string("messaging.broker.username")),
                () -> assertEquals("local", config.string("messaging.transport")),
                () -> assertEquals(Duration.ofSeconds(15), config.duration("process.rpc-timeout")));
    }

    @Test
    void dottedKeyInsideFileIsReadAsPath() throws IOException {
        Path local = write("ionlocal.yaml", "process.rpc-timeout: 2m\n");
        assertEquals(Duration.ofMinutes(2), Config.builder().localFile(local).build().duration("process.rpc-timeout"));
    }

    @Test
    void argumentOverridesLocalFile() throws IOException {
        Path local = write("ionlocal.yaml", """
                process:
                  rpc-timeout: 30s
                  prefetch: 8
                """);
        Config config = Config.builder()
                .args("process.rpc-timeout=5s")
                .localFile(local)
                .build();
        assertAll(
                () -> assertEquals(Duration.ofSeconds(5), config.duration("process.rpc-timeout")),
                () -> assertEquals(Config.SOURCE_ARGUMENT, config.source("process.rpc-timeout")),
                () -> assertEquals(8L, config.integer("process.prefetch")));
    }

    @Test
    void argumentValuesAreParsedToTheTypeOfTheDefault() {
        Config config = Config.builder()
                .args("messaging.broker.port=5673, process.fail-fast=true ,messaging.max-message-size=64KiB")
                .build();
        assertAll(
                () -> assertEquals(5673L, config.integer("messaging.broker.port")),
                () -> assertTrue(config.bool("process.fail-fast")),
                () -> assertEquals(64L * 1024, config.size("messaging.max-message-size")));
    }

    @Test
    void laterArgumentOverridesEarlierOne() {
        Config config = Config.builder().args("process.prefetch=1").args("process.prefetch=2").build();
        assertEquals(2L, config.integer("process.prefetch"));
    }

    @Test
    void shortAliasesSetContainerKeys() {
        Config config = Config.builder().args("sysname=demo,contid=cc-1").build();
        assertAll(
                () -> assertEquals("demo", config.string("container.sysname")),
                () -> assertEquals("cc-1", config.string("container.id")));
    }

    @Test
    void programmaticSettingIsLaidOverArguments() {
        Config config = Config.builder()
                .set("process.rpc-timeout", Duration.ofMillis(250))
                .args("process.rpc-timeout=5s")
                .set("process.prefetch", 3)
                .build();
        assertAll(
                () -> assertEquals(Duration.ofMillis(250), config.duration("process.rpc-timeout")),
                () -> assertEquals(Config.SOURCE_PROGRAMMATIC, config.source("process.rpc-timeout")),
                () -> assertEquals(3L, config.integer("process.prefetch")));
    }

    @Test
    void unknownKeyInFileNamesFileAndKeyAndSuggestsNearKey() throws IOException {
        Path local = write("ionlocal.yaml", """
                process:
                  rpc-timout: 5s
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(local).build());
        assertMessageContains(e, local.toString(), "'process.rpc-timout'", "did you mean 'process.rpc-timeout'");
    }

    @Test
    void unknownKeyWithSameLastSegmentSuggestsThatKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.builder().args("rpc-timeout=5s").build());
        assertMessageContains(e, Config.SOURCE_ARGUMENT, "'rpc-timeout'", "did you mean 'process.rpc-timeout'");
    }

    @Test
    void unknownKeyWithoutNearKeyHasNoSuggestion() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.builder().set("completely.unrelated.thing", "x").build());
        assertMessageContains(e, Config.SOURCE_PROGRAMMATIC, "'completely.unrelated.thing'");
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void badDurationInArgumentNamesArgumentAndKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.builder().args("process.rpc-timeout=soon").build());
        assertMessageContains(e, "-a argument", "'process.rpc-timeout'", "\"soon\"", "ms, s, m, h or d");
    }

    @Test
    void argumentWithoutEqualsSignFails() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.builder().args("process.prefetch").build());
        assertMessageContains(e, "-a argument", "\"process.prefetch\"", "key=value");
    }

    @Test
    void badTypeInFileNamesFileKeyAndExpectedType() throws IOException {
        Path local = write("ionlocal.yaml", """
                process:
                  fail-fast: 12
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(local).build());
        assertMessageContains(e, local.toString(), "'process.fail-fast'", "true or false", "the integer 12");
    }

    @Test
    void durationWithoutUnitInFileIsRefusedWithHint() throws IOException {
        Path local = write("ionlocal.yaml", "process:\n  rpc-timeout: 15\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(local).build());
        assertMessageContains(e, local.toString(), "'process.rpc-timeout'", "needs a unit");
    }

    @Test
    void scalarWhereSectionBelongsFails() throws IOException {
        Path local = write("ionlocal.yaml", "messaging:\n  broker: localhost\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(local).build());
        assertMessageContains(e, local.toString(), "'messaging.broker'", "section");
    }

    @Test
    void everyProblemOfEveryLayerIsReportedTogether() throws IOException {
        Path local = write("ionlocal.yaml", "process:\n  prefetch: many\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder()
                .localFile(local)
                .args("messaging.broker.port=x")
                .set("process.fail-fast", "perhaps")
                .build());
        List<String> problems = e.problems();
        assertEquals(3, problems.size(), e.getMessage());
        assertAll(
                () -> assertTrue(problems.get(0).startsWith(local.toString()), problems.get(0)),
                () -> assertTrue(problems.get(1).startsWith("-a argument"), problems.get(1)),
                () -> assertTrue(problems.get(2).startsWith("programmatic setting"), problems.get(2)));
    }

    @Test
    void missingExplicitFileFailsNamingPath() {
        Path missing = dir.resolve("absent.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(missing).build());
        assertMessageContains(e, missing.toString(), "does not exist");
    }

    @Test
    void missingOptionalFileIsSkipped() {
        Config config = Config.builder().optionalLocalFile(dir.resolve("absent.yaml")).build();
        assertEquals(Config.defaults(), config);
    }

    @Test
    void emptyLocalFileChangesNothing() throws IOException {
        Path local = write("ionlocal.yaml", "# nothing to override\n");
        assertEquals(Config.defaults(), Config.builder().localFile(local).build());
    }

    @Test
    void localFileWhoseTopLevelIsNotMapFails() throws IOException {
        Path local = write("ionlocal.yaml", "- process\n- messaging\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(local).build());
        assertMessageContains(e, local.toString(), "top level must be a map", "a list");
    }

    @Test
    void sectionViewReadsRelativeKeys() {
        Config broker = Config.defaults().section("messaging").section("broker");
        assertAll(
                () -> assertEquals(5672L, broker.integer("port")),
                () -> assertEquals("localhost", broker.string("host")),
                () -> assertTrue(broker.keys().contains("heartbeat")),
                () -> assertFalse(broker.keys().contains("messaging.broker.port")),
                () -> assertEquals(broker.keys(), Config.defaults().section("messaging.broker").keys()),
                () -> assertEquals(Duration.ofSeconds(5), Config.defaults().section("messaging")
                        .duration("broker.connection-timeout")));
    }

    @Test
    void sectionOfSettingOrUnknownNameFails() {
        Config config = Config.defaults();
        assertAll(
                () -> assertMessageContains(assertThrows(ConfigException.class,
                        () -> config.section("process.prefetch")), "'process.prefetch'", "not a section"),
                () -> assertMessageContains(assertThrows(ConfigException.class,
                        () -> config.section("mesaging")), "'mesaging'", "did you mean 'messaging'"));
    }

    @Test
    void keysListsEverySettingInDefaultsOrder() {
        List<String> keys = List.copyOf(Config.defaults().keys());
        assertEquals("container.sysname", keys.get(0));
        assertTrue(keys.contains("messaging.broker.password"));
        assertFalse(keys.contains("messaging.broker"));
    }

    @Test
    void wrongAccessorNamesKeyAndRealType() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.defaults().duration("messaging.broker.port"));
        assertMessageContains(e, "'messaging.broker.port'", "integer", "duration");
    }

    @Test
    void unknownKeyInAccessorIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.defaults().string("process.nmae"));
        assertMessageContains(e, "'process.nmae'");
    }

    @Test
    void sectionNameInAccessorIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.defaults().string("process"));
        assertMessageContains(e, "'process'", "section");
    }

    @Test
    void intValueRefusesValueOutsideIntRange() {
        Config config = Config.defaults().withValue("process.prefetch", 1L << 40);
        ConfigException e = assertThrows(ConfigException.class, () -> config.intValue("process.prefetch"));
        assertMessageContains(e, "'process.prefetch'", String.valueOf(1L << 40), "int");
    }

    @Test
    void withValueReturnsNewValidatedConfigAndLeavesOriginalUnchanged() {
        Config original = Config.defaults();
        Config changed = original.withValue("process.rpc-timeout", "1s");
        assertAll(
                () -> assertEquals(Duration.ofSeconds(1), changed.duration("process.rpc-timeout")),
                () -> assertEquals(Duration.ofSeconds(15), original.duration("process.rpc-timeout")),
                () -> assertMessageContains(assertThrows(ConfigException.class,
                        () -> original.withValue("process.rpc-timeout", "1 fortnight")),
                        "programmatic setting", "'process.rpc-timeout'"),
                () -> assertEquals(7L, original.section("process").withValue("prefetch", 7).integer("prefetch")));
    }

    @Test
    void keysViewCannotBeModified() {
        Config config = Config.defaults();
        assertThrows(UnsupportedOperationException.class, () -> config.keys().clear());
    }

    @Test
    void passwordIsMaskedInEffectiveDump() {
        Config config = Config.builder().args("messaging.broker.password=s3cret-value,sysname=demo").build();
        String dump = config.describe();
        assertAll(
                () -> assertFalse(dump.contains("s3cret-value"), dump),
                () -> assertFalse(config.toString().contains("s3cret-value")),
                () -> assertTrue(dump.lines().anyMatch(l -> l.startsWith("messaging.broker.password = ********")
                        && l.endsWith("-a argument")), dump),
                () -> assertTrue(dump.lines().anyMatch(l -> l.startsWith("container.sysname = \"demo\"")), dump),
                () -> assertTrue(dump.lines().anyMatch(l -> l.startsWith("process.rpc-timeout = 15s")
                        && l.endsWith(Config.SOURCE_DEFAULTS)), dump),
                () -> assertTrue(dump.lines().anyMatch(l -> l.startsWith("messaging.max-message-size = 8MiB")),
                        dump));
    }

    @Test
    void passwordValueIsNotEchoedInErrors() throws IOException {
        Path local = write("ionlocal.yaml", "messaging:\n  broker:\n    password: 987654321\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder().localFile(local).build());
        assertMessageContains(e, "'messaging.broker.password'");
        assertFalse(e.getMessage().contains("987654321"), e.getMessage());
    }

    @Test
    void defaultsFromStreamDefineTheSchema() {
        String yaml = """
                app:
                  name: demo
                  retries: 3
                  delay: 250ms
                  buffer: 4KiB
                  enabled: true
                """;
        Config config = Config.builder()
                .defaults(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test defaults")
                .args("app.delay=1s")
                .build();
        assertAll(
                () -> assertEquals(ValueType.STRING, config.type("app.name")),
                () -> assertEquals(ValueType.INTEGER, config.type("app.retries")),
                () -> assertEquals(ValueType.DURATION, config.type("app.delay")),
                () -> assertEquals(ValueType.SIZE, config.type("app.buffer")),
                () -> assertEquals(ValueType.BOOLEAN, config.type("app.enabled")),
                () -> assertEquals(Duration.ofSeconds(1), config.duration("app.delay")),
                () -> assertEquals("test defaults", config.source("app.name")),
                () -> assertThrows(ConfigException.class, () -> config.string("process.rpc-timeout")));
    }

    @Test
    void defaultsWithUnsupportedValueFail() {
        String yaml = "app:\n  ratio: 0.5\n";
        ConfigException e = assertThrows(ConfigException.class, () -> Config.builder()
                .defaults(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test defaults")
                .build());
        assertMessageContains(e, "test defaults", "'app.ratio'");
    }
}
