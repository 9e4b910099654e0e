package ion.services.support;

import ion.core.messaging.Message;
import ion.core.service.ServiceProcess;
import ion.store.IndexStore;
import java.util.function.Supplier;

/**
 * A service that keeps its data in one index store, opened on initialize from the spawn arguments (see
 * {@link ServiceStorage}) and closed on terminate, and that answers each request with the result of its work
 * or, for a {@link RequestException}, an ERROR reply with the exception's response code.
 */
public abstract class StoreBackedService extends ServiceProcess {
    private ServiceStorage storage;
    private IndexStore store;

    /** The name of this service's store in the backend. */
    protected abstract String storeName();

    /** The open store; only valid between initialize and terminate. */
    protected final IndexStore store() {
        return store;
    }

    @Override
    protected void onServiceInit() {
        storage = ServiceStorage.fromSpawnArgs(spawnArgs());
        store = storage.open(storeName());
    }

    @Override
    protected void onTerminate() {
        if (storage != null) {
            storage.close();
        }
    }

    /** Replies OK with what {@code work} returns, or ERROR for a {@link RequestException}. */
    protected final void answer(Message request, Supplier<Object> work) {
        Object result;
        try {
            result = work.get();
        } catch (RequestException e) {
            replyError(request, e.responseCode(), e.getMessage());
            return;
        }
        reply(request, result);
    }
}
