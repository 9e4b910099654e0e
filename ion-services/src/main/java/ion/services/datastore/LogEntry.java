package ion.services.datastore;

import ion.object.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One commit of a repository as the datastore's {@code log} lists it.
 *
 * @param commit the commit key
 * @param date when it was made
 * @param author its author; empty if none was recorded
 * @param comment its comment
 * @param parents its parents (the first is the previous commit of its branch)
 * @param branches the branches whose head it is
 */
public record LogEntry(ObjectKey commit, Instant date, String author, String comment, List<ObjectKey> parents,
        List<String> branches) {
    /** Copies the lists. */
    public LogEntry {
        parents = List.copyOf(parents);
        branches = List.copyOf(branches);
    }

    static LogEntry fromMap(Map<?, ?> map) {
        List<?> parents = (List<?>) map.get("parents");
        List<?> branches = (List<?>) map.get("branches");
        return new LogEntry(ObjectKey.fromHex((String) map.get("commit")), Instant.parse((String) map.get("date")),
                (String) map.get("author"), (String) map.get("comment"),
                parents.stream().map(p -> ObjectKey.fromHex((String) p)).toList(),
                branches.stream().map(String.class::cast).toList());
    }
}
