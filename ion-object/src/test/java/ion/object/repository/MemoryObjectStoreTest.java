package ion.object.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.object.Element;
import ion.object.TypeRegistry;
import ion.object.proto.Person;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryObjectStoreTest {

    private final TypeRegistry registry = TypeRegistry.standard();

    @Test
    void theDecodedCacheKeepsAtMostTheBoundInObjectsButEveryObjectStaysReadable() {
        MemoryObjectStore store = new MemoryObjectStore(registry, 3, Long.MAX_VALUE);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Element element = Element.of(Person.newBuilder().setName("person " + i).setId(i).build(), registry);
            elements.add(element);
            store.put(element);
            store.object(element.key());
            assertTrue(store.cachedObjects() <= 3, "cached " + store.cachedObjects());
        }

        assertEquals(3, store.cachedObjects());
        assertEquals(10, store.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, ((Person) store.object(elements.get(i).key()).orElseThrow()).getId());
        }
    }

    @Test
    void theDecodedCacheKeepsAtMostTheBoundInBytes() {
        Element first = Element.of(Person.newBuilder().setName("a".repeat(100)).build(), registry);
        Element second = Element.of(Person.newBuilder().setName("b".repeat(100)).build(), registry);
        MemoryObjectStore store = new MemoryObjectStore(registry, 100, first.value().size() + 10);
        store.put(first);
        store.put(second);

        store.object(first.key());
        store.object(second.key());

        assertEquals(1, store.cachedObjects());
        assertEquals(second.value().size(), store.cachedBytes());
    }

    @Test
    void theLeastRecentlyUsedObjectIsEvictedFirst() {
        MemoryObjectStore store = new MemoryObjectStore(registry, 2, Long.MAX_VALUE);
        Element a = Element.of(Person.newBuilder().setName("a").build(), registry);
        Element b = Element.of(Person.newBuilder().setName("b").build(), registry);
        Element c = Element.of(Person.newBuilder().setName("c").build(), registry);
        List.of(a, b, c).forEach(store::put);
        var decodedA = store.object(a.key()).orElseThrow();
        store.object(b.key());
        store.object(a.key());

        store.object(c.key());

        assertSame(decodedA, store.object(a.key()).orElseThrow(), "a was used last before c, so b went");
    }
}
