package ion.store.spi;

import ion.store.Predicate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks every backend applies the same way, so that all backends refuse the same calls. */
public final class Arguments {
    private Arguments() {}

    /** Checks a store name. */
    public static String storeName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a store name must not be blank");
        }
        return name;
    }

    /** Checks and copies the attributes of a put. */
    public static Map<String, String> attributes(Map<String, String> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            Objects.requireNonNull(e.getKey(), "attribute name");
            Objects.requireNonNull(e.getValue(), () -> "value of attribute " + e.getKey());
            if (e.getKey().isBlank()) {
                throw new IllegalArgumentException("attribute names must not be blank");
            }
        }
        return Map.copyOf(attributes);
    }

    /**
     * Checks the predicates of a query and returns the first EQ predicate, the one answered from the index.
     *
     * @throws IllegalArgumentException if there is no EQ predicate
     */
    public static Predicate firstEq(List<Predicate> predicates) {
        Objects.requireNonNull(predicates, "predicates");
        predicates.forEach(p -> Objects.requireNonNull(p, "predicate"));
        return predicates.stream()
                .filter(p -> p.op() == Predicate.Op.EQ)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "an index query needs at least one EQ predicate, got " + predicates));
    }
}
