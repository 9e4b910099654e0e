package ion.store.conformance;

import ion.store.memory.MemoryBackend;
import ion.store.spi.StoreBackend;

class MemoryStoreConformanceTest extends StoreConformance {
    @Override
    protected StoreBackend newBackend() {
        return new MemoryBackend();
    }
}
