package ion.core.config;

import ion.core.config.Layers.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's configuration: an immutable, validated set of typed settings addressed by dotted keys such as
 * {@code process.rpc-timeout}.
 *
 * <p>A configuration is built from layers, each laid over the ones below it, lowest first:
 * <ol>
 *   <li>the defaults, normally {@value #DEFAULTS_RESOURCE} from the class path;</li>
 *   <li>local override YAML files ({@link Builder#localFile}, {@link Builder#optionalLocalFile}), in the order
 *       given, deep-merged: maps merge key by key, any other value replaces the one below;</li>
 *   <li>{@code -a} arguments ({@link Builder#args}), {@code key=value[,key=value...]} with dotted keys, in the order
 *       given; {@link #ALIASES} gives the short R1 names {@code sysname} and {@code contid};</li>
 *   <li>programmatic settings ({@link Builder#set}), in the order given.</li>
 * </ol>
 *
 * <p>The defaults are also the schema: every key set by a higher layer must exist in the defaults, and its value
 * must have the type of the default value ({@link ValueType}). Text values from any layer are parsed to that type.
 * Building validates every layer and reports all problems together in one {@link ConfigException}.
 *
 * <p>Instances are immutable and thread-safe. {@link #section(String)} returns a view of part of the configuration
 * whose keys are relative to the section; every other method works on a view exactly as on the whole.
 */
public final class Config {
    /** Class path resource holding the default configuration, which is also the schema. */
    public static final String DEFAULTS_RESOURCE = "res/config/ion.yaml";
    /** Conventional location of the local override file, relative to the container's working directory. */
    public static final String DEFAULT_LOCAL_FILE = "res/config/ionlocal.yaml";
    /** Source name of values from the class path defaults. */
    public static final String SOURCE_DEFAULTS = "classpath:" + DEFAULTS_RESOURCE;
    /** Source name of values given in {@code -a} arguments. */
    public static final String SOURCE_ARGUMENT = "-a argument";
    /** Source name of values given through {@link Builder#set} or {@link #withValue}. */
    public static final String SOURCE_PROGRAMMATIC = "programmatic setting";
    /** Short keys accepted in {@code -a} arguments and programmatic settings, mapped to the keys they stand for. */
    public static final Map<String, String> ALIASES = Map.of(
            "sysname", "container.sysname",
            "contid", "container.id");

    private static final Logger LOG = LoggerFactory.getLogger(Config.class);

    private final Schema schema;
    private final Map<String, Setting> settings;
    private final String prefix;

    private Config(Schema schema, Map<String, Setting> settings, String prefix) {
        this.schema = schema;
        this.settings = settings;
        this.prefix = prefix;
    }

    /**
     * Returns a new builder, which uses the class path defaults unless told otherwise.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the configuration made of the class path defaults alone.
     *
     * @return the default configuration
     * @throws ConfigException if {@value #DEFAULTS_RESOURCE} is missing from the class path or invalid
     */
    public static Config defaults() {
        return builder().build();
    }

    /**
     * Returns the value of a {@linkplain ValueType#STRING string} setting.
     *
     * @param key the dotted key, relative to this view
     * @return the value
     * @throws ConfigException if the key is not a setting, or is a setting of another type
     */
    public String string(String key) {
        return (String) lookup(key, ValueType.STRING);
    }

    /**
     * Returns the value of an {@linkplain ValueType#INTEGER integer} setting.
     *
     * @param key the dotted key, relative to this view
     * @return the value
     * @throws ConfigException if the key is not a setting, or is a setting of another type
     */
    public long integer(String key) {
        return (Long) lookup(key, ValueType.INTEGER);
    }

    /**
     * Returns the value of an {@linkplain ValueType#INTEGER integer} setting as an {@code int}.
     *
     * @param key the dotted key, relative to this view
     * @return the value
     * @throws ConfigException if the key is not a setting, is a setting of another type, or its value is outside
     *     the range of {@code int}
     */
    public int intValue(String key) {
        long value = integer(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException("key '" + qualify(key) + "' (from " + source(key) + ") is " + value
                    + ", which is outside the range of an int (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    + ")");
        }
        return (int) value;
    }

    /**
     * Returns the value of a {@linkplain ValueType#BOOLEAN boolean} setting.
     *
     * @param key the dotted key, relative to this view
     * @return the value
     * @throws ConfigException if the key is not a setting, or is a setting of another type
     */
    public boolean bool(String key) {
        return (Boolean) lookup(key, ValueType.BOOLEAN);
    }

    /**
     * Returns the value of a {@linkplain ValueType#DURATION duration} setting.
     *
     * @param key the dotted key, relative to this view
     * @return the value, never negative
     * @throws ConfigException if the key is not a setting, or is a setting of another type
     */
    public Duration duration(String key) {
        return (Duration) lookup(key, ValueType.DURATION);
    }

    /**
     * Returns the value of a {@linkplain ValueType#SIZE size} setting in bytes.
     *
     * @param key the dotted key, relative to this view
     * @return the number of bytes, never negative
     * @throws ConfigException if the key is not a setting, or is a setting of another type
     */
    public long size(String key) {
        return (Long) lookup(key, ValueType.SIZE);
    }

    /**
     * Returns the type of a setting.
     *
     * @param key the dotted key, relative to this view
     * @return the setting's type
     * @throws ConfigException if the key is not a setting
     */
    public ValueType type(String key) {
        return typeOf(qualify(key));
    }

    /**
     * Returns where the effective value of a setting came from: the defaults' source name, a local file's path,
     * {@value #SOURCE_ARGUMENT} or {@value #SOURCE_PROGRAMMATIC}.
     *
     * @param key the dotted key, relative to this view
     * @return the source of the value
     * @throws ConfigException if the key is not a setting
     */
    public String source(String key) {
        String full = qualify(key);
        typeOf(full);
        return settings.get(full).source();
    }

    /**
     * Tells whether a key names a setting in this view.
     *
     * @param key the dotted key, relative to this view
     * @return true if {@code key} is a setting (not a section, not unknown)
     */
    public boolean contains(String key) {
        Objects.requireNonNull(key, "key");
        return schema.type(qualify(key)).isPresent();
    }

    /**
     * Returns a view of a section, in which keys are relative to it: {@code config.section("messaging.broker")
     * .integer("port")} reads {@code messaging.broker.port}. Error messages and {@link #describe()} still show full
     * keys.
     *
     * @param section the dotted name of a section, relative to this view
     * @return the view
     * @throws ConfigException if {@code section} is not the name of a section
     */
    public Config section(String section) {
        Objects.requireNonNull(section, "section");
        String full = qualify(section);
        if (!schema.isSection(full)) {
            if (schema.type(full).isPresent()) {
                throw new ConfigException("'" + full + "' is a setting, not a section; read it with "
                        + accessorFor(schema.type(full).orElseThrow()) + "(\"" + section + "\")");
            }
            throw new ConfigException(schema.unknownSectionMessage(full));
        }
        return new Config(schema, settings, full);
    }

    /**
     * Returns the keys of every setting in this view, relative to it, in the order of the defaults file.
     *
     * @return an immutable set of dotted keys
     */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        String start = prefix.isEmpty() ? "" : prefix + ".";
        for (String key : schema.keys()) {
            if (key.startsWith(start)) {
                keys.add(key.substring(start.length()));
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Returns a copy of this configuration with one more programmatic setting laid over it, validated like
     * {@link Builder#set}. This configuration is unchanged; a view returns a view of the same section.
     *
     * @param key the dotted key, relative to this view, or (at the top level) an {@linkplain #ALIASES alias}
     * @param value the value: a {@link String} (parsed to the setting's type) or a value of the setting's type
     *     ({@link Long}/{@link Integer} for integers and sizes in bytes, {@link Boolean}, {@link Duration})
     * @return the new configuration
     * @throws ConfigException if the key is not a setting or the value does not fit its type
     */
    public Config withValue(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String full = prefix.isEmpty() ? ALIASES.getOrDefault(key, key) : qualify(key);
        Map<String, Setting> copy = new LinkedHashMap<>(settings);
        List<String> problems = new ArrayList<>();
        Layers.applySetting(schema, full, prefix.isEmpty() ? key : full, value, copy, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(schema, Collections.unmodifiableMap(copy), prefix);
    }

    /**
     * Describes the effective configuration of this view for diagnostics: one line per setting, in the order of
     * the defaults file, giving the full key, the value in configuration-file form and where it came from. Values
     * of keys whose last segment contains "password" are masked with asterisks.
     *
     * @return the description, lines separated by {@code \n}
     */
    public String describe() {
        List<String> left = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        int width = 0;
        for (String key : keys()) {
            String full = qualify(key);
            Setting setting = settings.get(full);
            String shown = Values.isSecret(full) ? Values.MASK : Values.render(typeOf(full), setting.value());
            String line = full + " = " + shown;
            left.add(line);
            sources.add(setting.source());
            width = Math.max(width, line.length());
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < left.size(); i++) {
            String line = left.get(i);
            b.append(line).append(" ".repeat(width - line.length())).append("  # from ").append(sources.get(i))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Two configurations are equal when they have the same schema, show the same section and hold the same
     * values; where the values came from does not matter.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Config other)) {
            return false;
        }
        if (!prefix.equals(other.prefix) || !schema.equals(other.schema)) {
            return false;
        }
        for (String key : schema.keys()) {
            if (!settings.get(key).value().equals(other.settings.get(key).value())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = prefix.hashCode() * 31 + schema.hashCode();
        for (String key : schema.keys()) {
            h = h * 31 + settings.get(key).value().hashCode();
        }
        return h;
    }

    /** Returns {@link #describe()}, so that passwords stay masked wherever a configuration is logged. */
    @Override
    public String toString() {
        return describe();
    }

    private String qualify(String key) {
        Objects.requireNonNull(key, "key");
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private ValueType typeOf(String full) {
        return schema.type(full).orElseThrow(() -> schema.isSection(full)
                ? new ConfigException("'" + full + "' is a section, not a setting; use section(\"" + full + "\")")
                : new ConfigException(schema.unknownKeyMessage(full)));
    }

    private Object lookup(String key, ValueType wanted) {
        String full = qualify(key);
        ValueType actual = typeOf(full);
        if (actual != wanted) {
            throw new ConfigException("key '" + full + "' is of type " + actual.displayName() + ", not "
                    + wanted.displayName() + "; read it with " + accessorFor(actual) + "()");
        }
        return settings.get(full).value();
    }

    private static String accessorFor(ValueType type) {
        return switch (type) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case BOOLEAN -> "bool";
            case DURATION -> "duration";
            case SIZE -> "size";
        };
    }

    /**
     * Collects the layers of a configuration and validates them into a {@link Config}. The order in which the
     * methods are called matters only among layers of the same kind. Not thread-safe; may be used for several
     * builds.
     */
    public static final class Builder {
        private byte[] defaultsDocument;
        private String defaultsSource = SOURCE_DEFAULTS;
        private final List<LocalFile> files = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final List<Map.Entry<String, Object>> programmatic = new ArrayList<>();

        private record LocalFile(Path path, boolean required) {
        }

        private Builder() {
        }

        /**
         * Uses the defaults from the class path resource {@value Config#DEFAULTS_RESOURCE}. This is also what happens
         * when no defaults are chosen. Replaces any defaults chosen before.
         *
         * @return this builder
         */
        public Builder defaults() {
            defaultsDocument = null;
            defaultsSource = SOURCE_DEFAULTS;
            return this;
        }

        /**
         * Uses the defaults (and schema) read from a YAML stream instead of the class path. The stream is read to
         * its end now, up to 1 MiB, and is not closed. Replaces any defaults chosen before.
         *
         * @param in the YAML document
         * @param sourceName the name shown in messages and in {@link Config#source(String)}
         * @return this builder
         * @throws ConfigException if the stream cannot be read or is larger than allowed
         */
        public Builder defaults(InputStream in, String sourceName) {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(sourceName, "sourceName");
            defaultsDocument = YamlDocuments.readLimited(in, sourceName);
            defaultsSource = sourceName;
            return this;
        }

        /**
         * Adds a local override file, which must exist when {@link #build()} runs.
         *
         * @param file the YAML file, with the layout of the defaults
         * @return this builder
         */
        public Builder localFile(Path file) {
            files.add(new LocalFile(Objects.requireNonNull(file, "file"), true));
            return this;
        }

        /**
         * Adds a local override file that is skipped silently if it does not exist when {@link #build()} runs.
         *
         * @param file the YAML file, with the layout of the defaults
         * @return this builder
         */
        public Builder optionalLocalFile(Path file) {
            files.add(new LocalFile(Objects.requireNonNull(file, "file"), false));
            return this;
        }

        /**
         * Adds the value of one {@code -a} command line option: {@code key=value[,key=value...]}, with dotted keys
         * or {@linkplain Config#ALIASES aliases}. Keys and values are stripped of surrounding white space; values
         * are parsed to the type of the setting. Later calls override earlier ones; a key may appear only once
         * within one argument.
         *
         * @param argument the option value, such as {@code sysname=demo,process.rpc-timeout=5s}
         * @return this builder
         */
        public Builder args(String argument) {
            arguments.add(Objects.requireNonNull(argument, "argument"));
            return this;
        }

        /**
         * Sets one value, above every other layer. Later calls for the same key override earlier ones.
         *
         * @param key the dotted key, or an {@linkplain Config#ALIASES alias}
         * @param value a {@link String} (parsed to the setting's type) or a value of the setting's type:
         *     {@link Long}/{@link Integer} for integers and sizes in bytes, {@link Boolean}, {@link Duration}
         * @return this builder
         */
        public Builder set(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            programmatic.add(Map.entry(key, value));
            return this;
        }

        /**
         * Reads the defaults and local files and validates every layer.
         *
         * @return the configuration
         * @throws ConfigException listing every problem found: defaults that cannot be read, a missing required
         *     file, a YAML error (with file and line), a top level that is not a map, an unknown key (with the
         *     nearest known key when there is one) or a value of the wrong type (with its source and key)
         */
        public Config build() {
            Schema schema = Schema.fromDocument(
                    YamlDocuments.parseMap(readDefaults(), defaultsSource).orElseThrow(
                            () -> new ConfigException(defaultsSource + ": the defaults document is empty")),
                    defaultsSource);
            Map<String, Setting> effective = new LinkedHashMap<>();
            schema.defaults().forEach((key, value) -> effective.put(key, new Setting(value, defaultsSource)));
            List<String> problems = new ArrayList<>();
            for (LocalFile file : files) {
                applyFile(schema, file, effective, problems);
            }
            for (String argument : arguments) {
                Layers.applyArguments(schema, argument, ALIASES, effective, problems);
            }
            for (Map.Entry<String, Object> entry : programmatic) {
                String key = ALIASES.getOrDefault(entry.getKey(), entry.getKey());
                Layers.applySetting(schema, key, entry.getKey(), entry.getValue(), effective, problems);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new Config(schema, Collections.unmodifiableMap(effective), "");
        }

        private byte[] readDefaults() {
            if (defaultsDocument != null) {
                return defaultsDocument;
            }
            try (InputStream in = Config.class.getResourceAsStream("/" + DEFAULTS_RESOURCE)) {
                if (in == null) {
                    throw new ConfigException("the default configuration " + DEFAULTS_RESOURCE
                            + " is not on the class path");
                }
                return YamlDocuments.readLimited(in, defaultsSource);
            } catch (IOException e) {
                throw new ConfigException(defaultsSource + ": cannot read: " + e.getMessage(), e);
            }
        }

        private static void applyFile(Schema schema, LocalFile file, Map<String, Setting> effective,
                List<String> problems) {
            String source = file.path().toString();
            if (!Files.exists(file.path())) {
                if (file.required()) {
                    problems.add(source + ": configuration file does not exist");
                } else {
                    LOG.debug("No local configuration file {}", source);
                }
                return;
            }
            try {
                YamlDocuments.parseMap(YamlDocuments.readFile(file.path()), source)
                        .ifPresent(document -> Layers.applyDocument(schema, document, source, effective, problems));
                LOG.debug("Read local configuration file {}", source);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
    }
}
