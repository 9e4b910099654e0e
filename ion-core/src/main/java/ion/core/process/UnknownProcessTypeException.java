package ion.core.process;

import java.util.Collection;

/** No process type is registered under the requested name. */
public class UnknownProcessTypeException extends IllegalArgumentException {
    public UnknownProcessTypeException(String name, Collection<String> known) {
        super("no process type named '" + name + "'; known types: " + known);
    }
}
