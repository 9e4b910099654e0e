package ion.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Applies per-package log levels from {@code res/logging/loglevels.properties} and then from the optional
 * {@code res/logging/loglevelslocal.properties}: one {@code logger.name = LEVEL} per line. Framework default
 * WARN.
 */
final class LogLevels {
    static final String LEVELS = "res/logging/loglevels.properties";
    static final String LOCAL_LEVELS = "res/logging/loglevelslocal.properties";

    private LogLevels() {
    }

    /**
     * Reads both files under {@code home} and applies them.
     *
     * @throws UsageException if a file cannot be read or names an unknown level
     */
    static void apply(Path home, boolean verbose) {
        apply(home, verbose ? Optional.of(Level.INFO) : Optional.empty());
    }

    /**
     * Reads both files under {@code home} and applies them, then sets ioncore's loggers to {@code override} if
     * given.
     */
    static void apply(Path home, Optional<Level> override) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String file : List.of(LEVELS, LOCAL_LEVELS)) {
            Path path = home.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            for (var e : read(path).entrySet()) {
                context.getLogger(e.getKey()).setLevel(e.getValue());
            }
        }
        override.ifPresent(level -> {
            context.getLogger("ion").setLevel(level);
            context.getLogger("ion.core.container").setLevel(level);
        });
    }

    private static TreeMap<String, Level> read(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UsageException("cannot read log levels from " + path + ": " + e.getMessage());
        }
        TreeMap<String, Level> levels = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            String value = p.getProperty(name).trim().toUpperCase(Locale.ROOT);
            Level level = Level.toLevel(value, null);
            if (level == null) {
                bad.add(name + " = " + value);
            } else {
                levels.put(name, level);
            }
        }
        if (!bad.isEmpty()) {
            throw new UsageException(path + ": unknown log level in " + bad
                    + "; use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        }
        return levels;
    }
}
