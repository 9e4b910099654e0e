package ion.store;

import java.util.Objects;

/**
 * One condition of an index query on an attribute of the stored entries.
 *
 * <ul>
 *   <li>{@link Op#EQ}: the entry has the attribute and its value equals {@code value}.</li>
 *   <li>{@link Op#GT}: the entry has the attribute and its value is greater than {@code value} in
 *       lexicographic order of the strings ({@link String#compareTo}, UTF-16 code units), so {@code "10"} is
 *       less than {@code "9"}: pad numbers to a fixed width to compare them numerically.</li>
 * </ul>
 *
 * An entry without the attribute satisfies no predicate on it.
 *
 * @param attribute the attribute name, not blank
 * @param op the comparison
 * @param value the value compared against
 */
public record Predicate(String attribute, Op op, String value) {
    /** The comparisons a query can make. */
    public enum Op {
        EQ,
        GT
    }

    public Predicate {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (attribute.isBlank()) {
            throw new IllegalArgumentException("a predicate needs an attribute name, got a blank one");
        }
    }

    /** The attribute equals {@code value}. */
    public static Predicate eq(String attribute, String value) {
        return new Predicate(attribute, Op.EQ, value);
    }

    /** The attribute is lexicographically greater than {@code value}. */
    public static Predicate gt(String attribute, String value) {
        return new Predicate(attribute, Op.GT, value);
    }

    /** Whether an entry with these attributes satisfies this predicate. */
    public boolean test(java.util.Map<String, String> attributes) {
        String actual = attributes.get(attribute);
        if (actual == null) {
            return false;
        }
        return switch (op) {
            case EQ -> actual.equals(value);
            case GT -> actual.compareTo(value) > 0;
        };
    }
}
