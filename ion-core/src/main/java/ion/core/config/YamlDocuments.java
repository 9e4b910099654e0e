package ion.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads configuration YAML safely: only standard YAML types are built (never an arbitrary class), duplicate keys
 * are refused, and documents are limited in size, nesting and aliases.
 */
final class YamlDocuments {
    /** Largest configuration document accepted, in bytes. */
    static final int MAX_DOCUMENT_BYTES = 1 << 20;
    private static final int MAX_NESTING = 32;
    private static final int MAX_ALIASES = 32;

    private YamlDocuments() {
    }

    /** Reads an input stream in full without closing it, refusing more than {@link #MAX_DOCUMENT_BYTES}. */
    static byte[] readLimited(InputStream in, String source) {
        try {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw tooLarge(source);
            }
            return bytes;
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a file in full, refusing more than {@link #MAX_DOCUMENT_BYTES}. */
    static byte[] readFile(Path file) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return readLimited(in, source);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a UTF-8 document whose top level must be a map (or empty).
     *
     * @return the top-level map, or empty for a document with no content
     * @throws ConfigException naming the source (and line, for a syntax error) when the document cannot be used
     */
    static Optional<Map<?, ?>> parseMap(byte[] utf8, String source) {
        String text = decode(utf8, source);
        Object document;
        try {
            document = newYaml().load(text);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(syntaxMessage(e, source), e);
        } catch (YAMLException e) {
            throw new ConfigException(source + ": invalid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return Optional.empty();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException(source + ": the top level must be a map of sections and keys (such as"
                    + " \"process:\" followed by indented keys), but it is " + Values.describeRaw(document));
        }
        return Optional.of(map);
    }

    private static String decode(byte[] utf8, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": not valid UTF-8 text", e);
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_DOCUMENT_BYTES);
        return new Yaml(new SafeConstructor(options));
    }

    private static String syntaxMessage(MarkedYAMLException e, String source) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder b = new StringBuilder(source);
        if (mark != null) {
            b.append(", line ").append(mark.getLine() + 1).append(", column ").append(mark.getColumn() + 1);
        }
        b.append(": invalid YAML: ");
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        b.append(problem != null ? problem.strip() : "unreadable document");
        if (e.getContext() != null && e.getProblem() != null && e.getContextMark() != null) {
            b.append(" (").append(e.getContext().strip())
                    .append(" at line ").append(e.getContextMark().getLine() + 1).append(')');
        }
        return b.toString();
    }

    private static ConfigException tooLarge(String source) {
        return new ConfigException(source + ": larger than the " + Sizes.format(MAX_DOCUMENT_BYTES)
                + " allowed for a configuration file");
    }
}
