package ion.shell;

import ion.core.container.Container;
import ion.core.process.Process;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The container shell: reads Java snippets (statements, expressions, declarations) with line editing and
 * history, evaluates them with JShell in this JVM, and prints their values, compile errors and exceptions. The
 * helpers of {@link ShellApi} are preloaded, bound to the container. An error never ends the shell; end of input
 * (Ctrl-D) does. {@link #runScript} runs a {@code .jsh} file the same way, stopping at its first error.
 *
 * <p>{@link #run} and {@link #runScript} each use a session of their own; {@link #open} gives one session for a
 * script followed by the interactive shell, so that the shell sees what the script declared. One session at a time
 * per JVM: the helpers are bound to it until it is closed.
 */
public final class ContainerShell implements AutoCloseable {
    /** The prompt for a new snippet. */
    public static final String PROMPT = "><> ";
    /** The prompt for the continuation of an incomplete snippet. */
    public static final String CONTINUATION = "... ";

    private static final List<String> IMPORTS = List.of("import java.util.*;", "import java.time.*;",
            "import ion.core.messaging.*;", "import ion.core.process.*;", "import ion.core.event.*;",
            "import static ion.shell.ShellApi.*;");

    private final Container container;
    private final PrintStream out;
    private final PrintStream err;
    private final ShellApi.Session session;
    private final JShell jshell;

    private ContainerShell(Container container, PrintStream out, PrintStream err) {
        this.container = container;
        this.out = out;
        this.err = err;
        Process client = container.newClient("shell");
        this.session = new ShellApi.Session(container, client, out, new AtomicBoolean());
        boolean bound = false;
        JShell js = null;
        try {
            ShellApi.bind(session);
            bound = true;
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(ShellApi.class.getClassLoader());
            try {
                js = JShell.builder().executionEngine("local").out(out).err(err).build();
            } finally {
                current.setContextClassLoader(previous);
            }
            for (String entry : classPath()) {
                js.addToClasspath(entry);
            }
            for (String imp : IMPORTS) {
                for (SnippetEvent e : js.eval(imp)) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        throw new IllegalStateException("the shell cannot import its helpers (" + imp + "): "
                                + js.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT)).toList());
                    }
                }
            }
        } catch (RuntimeException e) {
            if (js != null) {
                js.close();
            }
            if (bound) {
                ShellApi.unbind(session);
            }
            terminateClient(container, client);
            throw e;
        }
        this.jshell = js;
    }

    /** The default history file, {@code ~/.ion_history}. */
    public static Path defaultHistory() {
        return Path.of(System.getProperty("user.home"), ".ion_history");
    }

    /**
     * Runs the interactive shell until end of input (Ctrl-D). Reads through a real terminal (line editing,
     * history, Ctrl-C cancels the line or a running snippet) when {@code in} is {@link System#in} and the console
     * is a terminal; otherwise line by line from {@code in}, each line echoed after its prompt so that the output
     * reads as a transcript.
     *
     * @param container the container the helpers work on
     * @param in what the user types
     * @param out where prompts, values and helper output go
     * @param err where failures of the shell itself go
     * @param history the history file; empty for none
     * @throws IllegalStateException if another shell of this JVM is running
     */
    public static void run(Container container, InputStream in, PrintStream out, PrintStream err,
            Optional<Path> history) {
        try (ContainerShell shell = open(container, out, err)) {
            shell.interact(in, history);
        }
    }

    /**
     * Opens a shell session on the container: a client process named {@code shell}, JShell with the helpers
     * imported. Close it when done.
     *
     * @throws IllegalStateException if another session of this JVM is open
     */
    public static ContainerShell open(Container container, PrintStream out, PrintStream err) {
        return new ContainerShell(container, out, err);
    }

    /**
     * Reads and evaluates snippets until end of input (Ctrl-D), as {@link #run} describes.
     *
     * @param in what the user types
     * @param history the history file; empty for none
     */
    public void interact(InputStream in, Optional<Path> history) {
        try (Terminal terminal = openTerminal(in, out)) {
            readEvalPrint(terminal, history);
        } catch (IOException e) {
            err.println("shell: terminal failed: " + e.getMessage());
        }
    }

    /**
     * Runs a {@code .jsh} file in this session, as {@link #runScript(Container, Path, PrintStream, PrintStream)}
     * describes; what it declares stays visible to later snippets.
     *
     * @return true if every snippet ran
     */
    public boolean script(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return false;
        }
        return runSnippets(file, text);
    }

    /**
     * Runs a {@code .jsh} file snippet by snippet, with the helpers bound to the container. Stops at the first
     * snippet that does not compile or throws, printing the file and line on {@code err}.
     *
     * @return true if every snippet ran
     * @throws IllegalStateException if another shell of this JVM is running
     */
    public static boolean runScript(Container container, Path file, PrintStream out, PrintStream err) {
        try (ContainerShell shell = open(container, out, err)) {
            return shell.script(file);
        }
    }

    /** Ends the session: closes JShell, releases the helpers and terminates the shell's client process. */
    @Override
    public void close() {
        jshell.close();
        ShellApi.unbind(session);
        terminateClient(container, session.client());
    }

    private static void terminateClient(Container container, Process client) {
        if (!container.isClosed()) {
            container.processes().terminate(client.id());
        }
    }

    private static Terminal openTerminal(InputStream in, PrintStream out) throws IOException {
        if (in == System.in && out == System.out && isConsoleTerminal()) {
            return TerminalBuilder.builder().system(true).name("ion").build();
        }
        return new DumbTerminal("ion", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
    }

    /**
     * True if this JVM's stdin and stdout are a terminal, so that {@link #run} with {@link System#in} edits lines
     * and keeps history. (On JDK 22+ a console exists without a terminal, so it is asked.)
     */
    public static boolean isConsoleTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    private void readEvalPrint(Terminal terminal, Optional<Path> history) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("ion").parser(parser)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 1000);
        history.ifPresent(h -> builder.variable(LineReader.HISTORY_FILE, h));
        LineReader reader = builder.build();
        boolean echo = terminal instanceof DumbTerminal;
        StringBuilder pending = new StringBuilder();
        while (true) {
            String line;
            try {
                line = reader.readLine(pending.isEmpty() ? PROMPT : CONTINUATION);
            } catch (UserInterruptException e) {
                pending.setLength(0);
                continue;
            } catch (EndOfFileException e) {
                out.println();
                break;
            }
            if (echo) {
                out.println(line);
            }
            pending.append(line).append('\n');
            String rest = evaluateComplete(pending.toString(), line.isBlank(), terminal);
            pending.setLength(0);
            pending.append(rest);
        }
        if (!pending.toString().isBlank()) {
            out.println("(end of input: the incomplete snippet was not run)");
        }
        saveHistory(reader);
        out.flush();
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            reader.getTerminal().writer().println("shell: cannot save the history: " + e.getMessage());
        }
    }

    /** Evaluates every complete snippet at the start of {@code input}; returns the incomplete rest. */
    private String evaluateComplete(String input, boolean lastLineBlank, Terminal terminal) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            boolean incomplete = c == Completeness.DEFINITELY_INCOMPLETE
                    || (c == Completeness.CONSIDERED_INCOMPLETE && !lastLineBlank);
            if (incomplete) {
                return rest;
            }
            if (c == Completeness.EMPTY) {
                return "";
            }
            String source = c == Completeness.CONSIDERED_INCOMPLETE ? rest : info.source();
            AtomicBoolean stopped = new AtomicBoolean();
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
                stopped.set(true);
                jshell.stop();
            });
            try {
                evaluateAndShow(source);
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
            }
            if (stopped.get()) {
                out.println("stopped (Ctrl-C)");
            }
            rest = c == Completeness.CONSIDERED_INCOMPLETE ? "" : info.remaining();
        }
        return "";
    }

    private void evaluateAndShow(String source) {
        session.echoed().set(false);
        List<SnippetEvent> events;
        try {
            events = jshell.eval(source);
        } catch (IllegalStateException e) {
            out.println("shell error: " + e.getMessage());
            return;
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                showDiagnostics(snippet);
            } else if (e.exception() != null) {
                out.println(describe(e.exception()));
            } else {
                showOutcome(e, snippet);
            }
        }
        out.flush();
    }

    private void showOutcome(SnippetEvent e, Snippet snippet) {
        boolean recoverable = e.status() == Snippet.Status.RECOVERABLE_DEFINED
                || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED;
        String note = recoverable ? " (usable once what it refers to is declared)" : "";
        switch (snippet) {
            case VarSnippet v when e.value() != null && !session.echoed().get() ->
                    out.println(v.name() + " ==> " + e.value());
            case MethodSnippet m when e.previousStatus() == Snippet.Status.NONEXISTENT ->
                    out.println("created method " + m.name() + "(" + m.parameterTypes() + ")" + note);
            case MethodSnippet m -> out.println("replaced method " + m.name() + "(" + m.parameterTypes() + ")"
                    + note);
            case TypeDeclSnippet t -> out.println("created " + t.subKind().toString().toLowerCase(Locale.ROOT)
                    .replace("_subkind", "").replace('_', ' ') + " " + t.name() + note);
            default -> {
                if (e.value() != null && !e.value().isEmpty() && !session.echoed().get()
                        && snippet.kind() == Snippet.Kind.EXPRESSION) {
                    out.println(e.value());
                }
            }
        }
    }

    private void showDiagnostics(Snippet snippet) {
        List<Diag> diags = jshell.diagnostics(snippet).toList();
        if (diags.isEmpty()) {
            out.println("error: the snippet was rejected: " + snippet.source().strip());
            return;
        }
        String source = snippet.source();
        for (Diag d : diags) {
            out.println((d.isError() ? "error: " : "warning: ") + message(d));
            int pos = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = source.indexOf('\n', pos);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            out.println("  " + line);
            out.println("  " + " ".repeat(pos - lineStart) + "^");
        }
    }

    /** The compiler's message without the location inside the shell's wrapper class, which means nothing here. */
    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT).lines().map(String::stripTrailing)
                .filter(l -> !l.strip().equals("location: class")).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** One line for an exception a snippet threw: an ERROR reply as such, anything else by class and message. */
    static String describe(JShellException problem) {
        if (problem instanceof UnresolvedReferenceException u) {
            return "error: " + u.getSnippet().kind().toString().toLowerCase(Locale.ROOT) + " "
                    + name(u.getSnippet()) + " cannot be used until what it refers to is declared";
        }
        if (problem instanceof EvalException e) {
            String className = e.getExceptionClassName();
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (className.equals("ion.core.process.ReceivedError")) {
                return "ERROR " + message;
            }
            StringBuilder b = new StringBuilder("exception ").append(className);
            if (!message.isEmpty()) {
                b.append(": ").append(message);
            }
            for (Throwable cause = e.getCause(); cause instanceof EvalException c; cause = c.getCause()) {
                b.append("\n  caused by ").append(c.getExceptionClassName());
                if (c.getMessage() != null) {
                    b.append(": ").append(c.getMessage());
                }
            }
            return b.toString();
        }
        return "exception: " + problem.getMessage();
    }

    private static String name(Snippet s) {
        return switch (s) {
            case MethodSnippet m -> m.name();
            case VarSnippet v -> v.name();
            case TypeDeclSnippet t -> t.name();
            default -> s.id();
        };
    }

    private boolean runSnippets(Path file, String text) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        int offset = 0;
        while (offset < text.length() && !text.substring(offset).isBlank()) {
            String rest = text.substring(offset);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            int start = offset + leadingBlank(rest);
            if (c == Completeness.EMPTY) {
                return true;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE) {
                err.println(file + ":" + lineOf(text, start) + ": the snippet starting here is incomplete at the"
                        + " end of the file");
                return false;
            }
            String source = c == Completeness.CONSIDERED_INCOMPLETE ? rest : info.source();
            int consumed = c == Completeness.CONSIDERED_INCOMPLETE ? rest.length()
                    : rest.length() - info.remaining().length();
            String trimmed = source.strip();
            int found = text.indexOf(trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed,
                    offset);
            if (found >= 0) {
                start = found;
            }
            if (!runScriptSnippet(file, text, start, source)) {
                return false;
            }
            offset += Math.max(1, consumed);
        }
        return true;
    }

    private boolean runScriptSnippet(Path file, String text, int start, String source) {
        List<SnippetEvent> events = jshell.eval(source);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            if (e.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = jshell.diagnostics(e.snippet()).toList();
                String snippetSource = e.snippet().source();
                int leading = snippetSource.indexOf(snippetSource.strip());
                for (Diag d : diags) {
                    int pos = (int) Math.max(0, Math.min(d.getStartPosition(), snippetSource.length()));
                    int line = lineOf(text, start) + lineOf(snippetSource, pos) - lineOf(snippetSource,
                            Math.max(0, leading));
                    err.println(file + ":" + line + ": error: " + message(d));
                }
                if (diags.isEmpty()) {
                    err.println(file + ":" + lineOf(text, start) + ": error: the snippet was rejected");
                }
                return false;
            }
            if (e.exception() != null) {
                err.println(file + ":" + lineOf(text, start) + ": " + describe(e.exception()));
                return false;
            }
        }
        out.flush();
        return true;
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1-based line of a position in a text. */
    private static int lineOf(String text, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The class path of this JVM plus the places the shell's and the core's classes come from. */
    private static Set<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        for (Class<?> c : List.of(ShellApi.class, Container.class)) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    continue;
                }
            }
        }
        return entries;
    }
}
