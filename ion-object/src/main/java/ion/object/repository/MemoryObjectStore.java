package ion.object.repository;

import com.google.protobuf.Message;
import ion.object.Element;
import ion.object.ObjectKey;
import ion.object.TypeRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ObjectStore} in memory. The elements (serialized bytes) are kept in a map for the life of the store:
 * that map is the repository's content and nothing in it is ever dropped. Decoded objects, which are what costs
 * memory in a process that reads many objects, are kept in a least-recently-used cache bounded both by a number of
 * objects and by the total size of their serialized values; an object that falls out is decoded again from its
 * element on the next {@link #object} call. An object whose value alone exceeds the byte bound is not cached.
 *
 * <p>Thread-safe: every operation holds one lock.
 */
public final class MemoryObjectStore implements ObjectStore {

    /** The default bound of the decoded-object cache, in objects. */
    public static final int DEFAULT_MAX_OBJECTS = 10_000;
    /** The default bound of the decoded-object cache, in bytes of serialized values. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final TypeRegistry registry;
    private final int maxObjects;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ObjectKey, Element> elements = new LinkedHashMap<>();
    private final LinkedHashMap<ObjectKey, Message> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    /**
     * A store whose decoded-object cache holds at most this many objects and bytes.
     *
     * @param registry the types to decode
     * @param maxObjects the bound in objects, at least 0
     * @param maxBytes the bound in bytes of serialized values, at least 0
     */
    public MemoryObjectStore(TypeRegistry registry, int maxObjects, long maxBytes) {
        if (maxObjects < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative: " + maxObjects + " objects, "
                    + maxBytes + " bytes");
        }
        this.registry = registry;
        this.maxObjects = maxObjects;
        this.maxBytes = maxBytes;
    }

    /** A store with the default cache bounds. */
    public MemoryObjectStore(TypeRegistry registry) {
        this(registry, DEFAULT_MAX_OBJECTS, DEFAULT_MAX_BYTES);
    }

    @Override
    public void put(Element element) {
        lock.lock();
        try {
            elements.putIfAbsent(element.key(), element);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Element> get(ObjectKey key) {
        lock.lock();
        try {
            return Optional.ofNullable(elements.get(key));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Message> object(ObjectKey key) {
        lock.lock();
        try {
            Message cached = cache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            Element element = elements.get(key);
            if (element == null) {
                return Optional.empty();
            }
            Message decoded = element.object(registry);
            remember(key, decoded, element.value().size());
            return Optional.of(decoded);
        } finally {
            lock.unlock();
        }
    }

    private void remember(ObjectKey key, Message decoded, int size) {
        if (maxObjects == 0 || size > maxBytes) {
            return;
        }
        cache.put(key, decoded);
        cachedBytes += size;
        var eldest = cache.entrySet().iterator();
        while (cache.size() > maxObjects || cachedBytes > maxBytes) {
            ObjectKey evicted = eldest.next().getKey();
            eldest.remove();
            cachedBytes -= elements.get(evicted).value().size();
        }
    }

    @Override
    public List<Element> elements() {
        lock.lock();
        try {
            return List.copyOf(elements.values());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return elements.size();
        } finally {
            lock.unlock();
        }
    }

    /** The number of decoded objects cached now; never more than the bound. */
    public int cachedObjects() {
        lock.lock();
        try {
            return cache.size();
        } finally {
            lock.unlock();
        }
    }

    /** The serialized size of the decoded objects cached now; never more than the bound. */
    public long cachedBytes() {
        lock.lock();
        try {
            return cachedBytes;
        } finally {
            lock.unlock();
        }
    }
}
