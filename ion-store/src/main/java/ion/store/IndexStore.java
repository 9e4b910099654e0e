package ion.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Store} whose entries may carry string attributes that queries select on.
 *
 * <p>Attributes belong to the entry: {@link #put(byte[], byte[], Map)} replaces both the value and the whole
 * attribute set, the plain {@link #put(byte[], byte[])} and {@link #putAll} store entries without attributes,
 * and {@link #remove(byte[])} removes the entry from every index. Queries therefore never see a removed key, nor a
 * key under an attribute value it no longer has. Value and attributes change together, atomically.
 *
 * <p>Thread-safety and durability are those of {@link Store}.
 */
public interface IndexStore extends Store {
    /** A query result: the key, its value and all its attributes. */
    record Hit(Bytes key, byte[] value, Map<String, String> attributes) {
        public Hit {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * Stores {@code value} and {@code attributes} under {@code key}, replacing the previous value and attributes.
     *
     * @throws IllegalArgumentException if an attribute name is blank
     */
    void put(byte[] key, byte[] value, Map<String, String> attributes);

    /** The attributes of {@code key}, if the key is present (an entry stored without attributes has none). */
    Optional<Map<String, String>> attributes(byte[] key);

    /**
     * The entries that satisfy every predicate (AND), in ascending key order.
     *
     * @throws IllegalArgumentException if {@code predicates} holds no {@link Predicate.Op#EQ} predicate: a query
     *     needs at least one EQ predicate, because only EQ is answered from an index
     */
    List<Hit> query(List<Predicate> predicates);
}
