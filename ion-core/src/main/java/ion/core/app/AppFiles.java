package ion.core.app;

import ion.core.config.ConfigException;
import ion.core.config.SafeYaml;
import ion.core.supervision.RestartType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .app} and {@code .rel} files (YAML). Every key is checked: an unknown key, a missing required
 * key or a value of the wrong type fails with a message naming the file and the key path.
 *
 * <pre>
 * application:                     release:
 *   name: hello                      name: example
 *   description: ...                 version: 0.1.0
 *   version: 0.1.0                   description: ...
 *   entry: {class: ..., args: {}}    apps:
 *   processes:                         - name: hello
 *     - type: hello                      version: 0.1.0
 *       name: hello                      config: {}
 *       restart: permanent
 *       args: {}
 *   registers: [hello]
 *   depends: [core, {name: x, version: 1.0}]
 * </pre>
 */
public final class AppFiles {
    /** File extension of application files. */
    public static final String APP_EXTENSION = ".app";
    /** File extension of release files. */
    public static final String REL_EXTENSION = ".rel";
    /** The entry class of applications that name none: runs the declared processes under a supervisor. */
    public static final String DEFAULT_ENTRY = ProcessApplication.class.getName();

    private static final Set<String> APP_KEYS = Set.of("name", "description", "version", "entry", "processes",
            "registers", "depends");
    private static final Set<String> ENTRY_KEYS = Set.of("class", "args");
    private static final Set<String> PROCESS_KEYS = Set.of("type", "name", "restart", "args");
    private static final Set<String> DEPENDENCY_KEYS = Set.of("name", "version");
    private static final Set<String> REL_KEYS = Set.of("name", "version", "description", "apps");
    private static final Set<String> REL_APP_KEYS = Set.of("name", "version", "config");

    private AppFiles() {
    }

    /** Reads an application file. */
    public static AppDescriptor readApp(Path file) {
        Node root = new Node(file, "", top(file, "application"));
        Map<?, ?> m = root.map(APP_KEYS);
        Node app = root.child("application", m);
        Map<?, ?> entry = app.optionalMap(m, "entry", ENTRY_KEYS);
        Node entryNode = app.child("entry", entry);
        List<AppProcess> processes = new ArrayList<>();
        List<?> procs = app.optionalList(m, "processes");
        for (int i = 0; i < procs.size(); i++) {
            Node p = app.child("processes[" + i + "]", procs.get(i));
            Map<?, ?> pm = p.map(PROCESS_KEYS);
            String type = p.string(pm, "type");
            String restart = p.optionalString(pm, "restart").orElse("permanent");
            RestartType restartType;
            try {
                restartType = RestartType.valueOf(restart.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw p.error("restart", "must be permanent, transient or temporary, not '" + restart + "'");
            }
            processes.add(new AppProcess(type, p.optionalString(pm, "name").orElse(type), restartType,
                    p.optionalMap(pm, "args", null)));
        }
        List<String> registers = new ArrayList<>();
        List<?> regs = app.optionalList(m, "registers");
        for (int i = 0; i < regs.size(); i++) {
            registers.add(app.child("registers[" + i + "]", regs.get(i)).text());
        }
        List<AppDependency> dependencies = new ArrayList<>();
        List<?> deps = app.optionalList(m, "depends");
        for (int i = 0; i < deps.size(); i++) {
            Node d = app.child("depends[" + i + "]", deps.get(i));
            if (deps.get(i) instanceof String name) {
                dependencies.add(new AppDependency(name, Optional.empty()));
            } else {
                Map<?, ?> dm = d.map(DEPENDENCY_KEYS);
                dependencies.add(new AppDependency(d.string(dm, "name"), d.optionalString(dm, "version")));
            }
        }
        String name = app.string(m, "name");
        String expectedFile = name + APP_EXTENSION;
        if (!file.getFileName().toString().equals(expectedFile)) {
            throw app.error("name", "is '" + name + "', so the file must be named " + expectedFile);
        }
        return new AppDescriptor(name, app.optionalString(m, "description").orElse(""), app.string(m, "version"),
                entryNode.optionalString(entry, "class").orElse(DEFAULT_ENTRY),
                entryNode.optionalMap(entry, "args", null), processes, registers, dependencies, file);
    }

    /** Reads a release file. */
    public static ReleaseDescriptor readRelease(Path file) {
        Node root = new Node(file, "", top(file, "release"));
        Map<?, ?> m = root.map(REL_KEYS);
        Node rel = root.child("release", m);
        List<ReleaseDescriptor.Entry> entries = new ArrayList<>();
        List<?> apps = rel.optionalList(m, "apps");
        if (apps.isEmpty()) {
            throw rel.error("apps", "must list at least one application");
        }
        for (int i = 0; i < apps.size(); i++) {
            Node a = rel.child("apps[" + i + "]", apps.get(i));
            Map<?, ?> am = a.map(REL_APP_KEYS);
            entries.add(new ReleaseDescriptor.Entry(a.string(am, "name"), a.string(am, "version"),
                    a.optionalMap(am, "config", null)));
        }
        return new ReleaseDescriptor(rel.string(m, "name"), rel.string(m, "version"),
                rel.optionalString(m, "description").orElse(""), entries, file);
    }

    private static Object top(Path file, String section) {
        if (!Files.isRegularFile(file)) {
            throw new AppException(file + ": no such file");
        }
        Map<?, ?> doc;
        try {
            doc = SafeYaml.readMap(file);
        } catch (ConfigException e) {
            throw new AppException(e.getMessage(), e);
        }
        if (doc.size() != 1 || !doc.containsKey(section)) {
            throw new AppException(file + ": the file must have exactly one top-level key, '" + section
                    + "', but has " + doc.keySet());
        }
        return doc.get(section);
    }

    /** A value at a key path of a file, with typed accessors that fail naming both. */
    private record Node(Path file, String path, Object value) {
        Node child(String key, Object childValue) {
            return new Node(file, path.isEmpty() ? key : path + "." + key, childValue);
        }

        AppException error(String key, String problem) {
            return new AppException(file + ": " + (path.isEmpty() ? key : path + "." + key) + " " + problem);
        }

        Map<?, ?> map(Set<String> allowed) {
            if (!(value instanceof Map<?, ?> m)) {
                throw new AppException(file + ": " + path + " must be a map of keys, not " + describe(value));
            }
            for (Object k : m.keySet()) {
                if (!(k instanceof String key) || (allowed != null && !allowed.contains(key))) {
                    throw new AppException(file + ": " + (path.isEmpty() ? "" : path + ".") + k
                            + " is not a known key" + (allowed == null ? "" : "; known keys: " + sorted(allowed)));
                }
            }
            return m;
        }

        String text() {
            if (!(value instanceof String s) || s.isBlank()) {
                throw new AppException(file + ": " + path + " must be a non-empty string, not " + describe(value));
            }
            return s;
        }

        String string(Map<?, ?> m, String key) {
            if (!m.containsKey(key)) {
                throw error(key, "is required");
            }
            return optionalString(m, key).orElseThrow(() -> error(key, "must not be empty"));
        }

        Optional<String> optionalString(Map<?, ?> m, String key) {
            Object v = m.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (v instanceof String s) {
                return s.isBlank() ? Optional.empty() : Optional.of(s);
            }
            if (v instanceof Number || v instanceof Boolean) {
                return Optional.of(String.valueOf(v));
            }
            throw error(key, "must be a string, not " + describe(v));
        }

        Map<String, Object> optionalMap(Map<?, ?> m, String key, Set<String> allowed) {
            Object v = m.get(key);
            if (v == null) {
                return Map.of();
            }
            Map<?, ?> checked = child(key, v).map(allowed);
            Map<String, Object> result = new LinkedHashMap<>();
            checked.forEach((k, val) -> {
                if (val != null) {
                    result.put((String) k, val);
                }
            });
            return result;
        }

        List<?> optionalList(Map<?, ?> m, String key) {
            Object v = m.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                throw error(key, "must be a list, not " + describe(v));
            }
            return l;
        }

        private static String describe(Object v) {
            return v == null ? "nothing" : v instanceof Map ? "a map" : v instanceof List ? "a list"
                    : "'" + v + "'";
        }

        private static List<String> sorted(Set<String> keys) {
            return keys.stream().sorted().toList();
        }
    }
}
