package ion.core.event;

/**
 * An event id, an origin or a filter pattern is not valid: the message says which value and why. Thrown before
 * anything is published or bound.
 */
public class InvalidEventException extends IllegalArgumentException {
    public InvalidEventException(String message) {
        super(message);
    }
}
