package ion.store.embedded;

import ion.store.IndexStore;
import ion.store.StoreClosedException;
import ion.store.StoreException;
import ion.store.StoreLockedException;
import ion.store.spi.Arguments;
import ion.store.spi.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default, durable backend: an H2 MVStore file ({@value #FILE_NAME}) in a directory of the caller's choice,
 * holding every named store of the backend as three MVStore maps (values, attributes, index).
 *
 * <p><b>Durability.</b> MVStore's own commits (timed, and triggered by unsaved memory) are turned off. A write
 * method returns only after the change has been committed to the file: with {@link Durability#PROCESS} the
 * commit has been written to the file (the operating system holds it), so an acknowledged write survives the
 * JVM being killed, SIGKILL included; with {@link Durability#SYNC} the file is also forced to the device, so it
 * survives power loss too, at a much lower write rate. Commits are <i>grouped</i>: a writer that finds a commit
 * in progress waits for it, and then one commit covers every write made meanwhile, so concurrent writers share
 * the cost.
 *
 * <p><b>File size.</b> Every commit appends a chunk. MVStore reuses the space of a chunk only once it holds no
 * live data and is older than its retention time (45 s by default, kept so that a crash never finds a chunk
 * half overwritten), so under a steady write load the file holds roughly the last 45 s of commits, about 1.5 KiB
 * per small write. {@link #close()} compacts for a bounded time.
 *
 * <p><b>Atomicity.</b> A put with attributes, a remove and a {@code putAll} change their maps under a lock that
 * a commit cannot interleave with, so after a crash each is either wholly present or wholly absent.
 *
 * <p><b>Exclusivity.</b> The file is locked while open: opening it again, from this or another process, fails
 * with {@link StoreLockedException}. After a crash the next open recovers to the last commit.
 *
 * <p>Thread-safe. {@link #close()} commits, compacts the file for a bounded time and releases the lock.
 */
public final class EmbeddedStore implements StoreBackend {
    /** The name of the store file inside the directory given to {@link #open(Path)}. */
    public static final String FILE_NAME = "ion-store.mv.db";

    /** How far an acknowledged write is guaranteed to have travelled. */
    public enum Durability {
        /** Committed to the file; survives the process being killed, not an operating-system crash. */
        PROCESS,
        /** Committed and forced to the storage device; survives power loss as well. */
        SYNC
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);
    private static final int CLOSE_COMPACT_MILLIS = 1_000;

    private final Path file;
    private final MVStore mv;
    private final Durability durability;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConcurrentMap<String, ReentrantLock> storeLocks = new ConcurrentHashMap<>();

    /** Held shared by every mutation, exclusively by a commit: commits never split a compound write. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    /** Serializes commits. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Number of mutations applied to the maps. */
    private final AtomicLong applied = new AtomicLong();
    /** Mutations 1..committed are in the file. */
    private final AtomicLong committed = new AtomicLong();

    private EmbeddedStore(Path file, MVStore mv, Durability durability) {
        this.file = file;
        this.mv = mv;
        this.durability = durability;
    }

    /** Opens (creating if needed) the store in {@code directory} with {@link Durability#PROCESS}. */
    public static EmbeddedStore open(Path directory) {
        return open(directory, Durability.PROCESS);
    }

    /**
     * Opens (creating if needed) the store in {@code directory}.
     *
     * @throws StoreLockedException if the store is open elsewhere, in this or another process
     * @throws StoreException if the directory cannot be created or the file cannot be opened
     */
    public static EmbeddedStore open(Path directory, Durability durability) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + directory + ": " + e.getMessage(), e);
        }
        try {
            // No background commits and no commits triggered by unsaved memory: only awaitDurable commits, and
            // never in the middle of a compound write.
            MVStore mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                    .autoCommitBufferSize(0).open();
            log.debug("opened embedded store {} ({})", file, durability);
            return new EmbeddedStore(file, mv, durability);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreLockedException("embedded store " + file
                        + " is in use by another process or handle (the file is locked)", e);
            }
            throw new StoreException("cannot open embedded store " + file + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new StoreException("cannot open embedded store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The store file. */
    public Path file() {
        return file;
    }

    /** The durability every acknowledged write of this backend has. */
    public Durability durability() {
        return durability;
    }

    @Override
    public IndexStore open(String name) {
        Arguments.storeName(name);
        checkOpen();
        ReentrantLock lock = storeLocks.computeIfAbsent(name, n -> new ReentrantLock());
        try {
            return new EmbeddedIndexStore(name, this, lock,
                    mv.openMap(name + ".data", EmbeddedIndexStore.valueMapBuilder()),
                    mv.openMap(name + ".attrs", EmbeddedIndexStore.valueMapBuilder()),
                    mv.openMap(name + ".index", EmbeddedIndexStore.valueMapBuilder()));
        } catch (MVStoreException e) {
            throw failure("open store " + name, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        commitLock.lock();
        try {
            gate.writeLock().lock();
            try {
                mv.close(CLOSE_COMPACT_MILLIS);
                log.debug("closed embedded store {}", file);
            } finally {
                gate.writeLock().unlock();
            }
        } catch (MVStoreException e) {
            throw failure("close", e);
        } finally {
            commitLock.unlock();
        }
    }

    void checkOpen() {
        if (closed.get()) {
            throw new StoreClosedException("embedded store " + file + " is closed");
        }
    }

    /**
     * Applies {@code mutation} to the maps under the shared side of the commit gate and returns its ticket; the
     * caller then passes the ticket to {@link #awaitDurable(long)}.
     */
    long apply(Runnable mutation) {
        gate.readLock().lock();
        try {
            checkOpen();
            mutation.run();
            return applied.incrementAndGet();
        } catch (MVStoreException e) {
            throw failure("write", e);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Returns once mutation {@code ticket} is committed (group commit: one commit covers all applied so far). */
    void awaitDurable(long ticket) {
        if (committed.get() >= ticket) {
            return;
        }
        commitLock.lock();
        try {
            if (committed.get() >= ticket) {
                return;
            }
            checkOpen();
            long upTo;
            gate.writeLock().lock();
            try {
                upTo = applied.get();
                mv.commit();
            } finally {
                gate.writeLock().unlock();
            }
            if (durability == Durability.SYNC) {
                mv.sync();
            }
            committed.set(upTo);
        } catch (MVStoreException e) {
            throw failure("commit", e);
        } finally {
            commitLock.unlock();
        }
    }

    StoreException failure(String what, MVStoreException e) {
        if (closed.get()) {
            return new StoreClosedException("embedded store " + file + " is closed");
        }
        return new StoreException("embedded store " + file + ": " + what + " failed: " + e.getMessage(), e);
    }
}
