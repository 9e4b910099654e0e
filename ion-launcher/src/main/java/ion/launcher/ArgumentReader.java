package ion.launcher;

import java.util.List;

/** Walks a command line: options with values ({@code -h HOST}, {@code --host=HOST}), flags, positionals. */
final class ArgumentReader {
    private final List<String> args;
    private int next;
    private String inlineValue;

    ArgumentReader(String[] args) {
        this.args = List.of(args);
    }

    boolean hasNext() {
        return next < args.size();
    }

    /** The next argument; for {@code --name=value} only {@code --name}, keeping the value for {@link #value}. */
    String next() {
        String a = args.get(next++);
        inlineValue = null;
        if (a.startsWith("--") && a.contains("=")) {
            int eq = a.indexOf('=');
            inlineValue = a.substring(eq + 1);
            return a.substring(0, eq);
        }
        return a;
    }

    /** The value of the option just read. */
    String value(String option) {
        if (inlineValue != null) {
            String v = inlineValue;
            inlineValue = null;
            return v;
        }
        if (next >= args.size()) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args.get(next++);
    }

    /**
     * Checks that the flag just read came without a value.
     *
     * @throws UsageException for {@code --flag=value}
     */
    void flag(String option) {
        if (inlineValue != null) {
            throw new UsageException("option " + option + " takes no value");
        }
    }

    /** The arguments not read yet, as they are; reads them all. */
    List<String> rest() {
        List<String> rest = args.subList(next, args.size());
        next = args.size();
        return rest;
    }

    static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a port number from 1 to 65535, not '" + value + "'");
        }
    }
}
