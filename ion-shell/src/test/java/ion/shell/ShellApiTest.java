package ion.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.intercept.Interceptors;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.ProcessId;
import ion.core.process.SpawnOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the helpers name targets and format what they print. */
class ShellApiTest {
    private static Container start(ContainerOptions options) {
        return Container.start(options.withTransport(new LocalBroker("shell-api-test")::connect)
                .withContainerId("cc2").withSysname("sys"));
    }

    @Test
    void aTargetNumberIsALocalProcessAndAServiceNameGetsTheSysname() {
        try (Container c = start(ContainerOptions.defaults())) {
            assertEquals("cc2.3", ShellApi.resolve(c, 3));
            assertEquals("cc2.4", ShellApi.resolve(c, 4L));
            assertEquals("cc2.5", ShellApi.resolve(c, new ProcessId("cc2", 5)));
            assertEquals("sys.hello", ShellApi.resolve(c, "hello"), "a registered type is a known service");
            assertEquals("other.hello", ShellApi.resolve(c, "other.hello"), "a dotted name is used as given");
            assertEquals("nosuchservice", ShellApi.resolve(c, "nosuchservice"), "an unknown word is used as given");
            assertThrows(IllegalArgumentException.class, () -> ShellApi.resolve(c, 1.5));
            assertThrows(IllegalArgumentException.class, () -> ShellApi.resolve(c, " "));
        }
    }

    @Test
    void aRunningServiceSpawnedUnderAnotherNameIsFoundByThatName() {
        try (Container c = start(ContainerOptions.defaults())) {
            c.processes().spawn("hello", SpawnOptions.defaults()
                    .withArgs(Map.of("servicename", "greeter")));

            assertEquals("sys.greeter", ShellApi.resolve(c, "greeter"));
        }
    }

    @Test
    void msSaysSoWhenTheContainerKeepsNoStatistics() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Container c = start(ContainerOptions.defaults().withInterceptors(Interceptors.chain(List.of())))) {
            ContainerShell.run(c, new ByteArrayInputStream("ms()\n".getBytes(StandardCharsets.UTF_8)), out, out,
                    Optional.empty());
        }

        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("message statistics are off"), bytes.toString());
    }

    @Test
    void eventsTailsMatchingEventsAndPublishEventPublishesOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String script = String.join("\n",
                "var tail = events(\"1001.*\")",
                "publishEvent(1052, \"r0\", \"not tailed\")",
                "publishEvent(1001, \"r1\", \"tailed\", Map.of(\"state\", \"Active\"))",
                "for (int i = 0; i < 1000 && tail.received() < 1; i++) Thread.sleep(10);",
                "stopEvents()",
                "events(\"x.#\")",
                "");
        try (Container c = start(ContainerOptions.defaults())) {
            ContainerShell.run(c, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, out,
                    Optional.empty());
        }

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("tailing events 1001.* on sys.events.topic"), text);
        assertTrue(text.contains("event 1001 (resource life cycle) r1 at "), text);
        assertTrue(text.contains("tailed {state=Active}"), text);
        assertTrue(text.contains("stopped 1 event tail"), text);
        assertTrue(text.contains("must start with an event id"), text);
        assertTrue(!text.contains("event 1052"), text);
    }

    @Test
    void latenciesAndUptimesAreShownInReadableUnits() {
        assertEquals("250 us", ShellApi.formatLatency(Duration.ofNanos(250_400)));
        assertEquals("12.5 ms", ShellApi.formatLatency(Duration.ofMillis(12).plusNanos(500_000)));
        assertEquals("42 s", ShellApi.formatUptime(Duration.ofSeconds(42)));
        assertEquals("2 min 5 s", ShellApi.formatUptime(Duration.ofSeconds(125)));
        assertEquals("3 h 1 min", ShellApi.formatUptime(Duration.ofMinutes(181)));
    }

    @Test
    void tableColumnsAreAsWideAsTheirWidestCell() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table t = new Table("ID", "NAME");
        t.row("cc.1", "hello");
        t.row("cc.10", "x");

        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals("ID     NAME\ncc.1   hello\ncc.10  x\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
