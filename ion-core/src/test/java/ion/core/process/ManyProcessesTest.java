package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ion.core.container.Container;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManyProcessesTest extends ProcessTestSupport {

    @Test
    void spawningAndTerminatingTenThousandProcessesLeavesNoProcessAndNoQueueBehind() {
        Container c = container();
        Process client = c.newClient("client");
        List<ProcessId> all = new ArrayList<>();

        for (int round = 0; round < 100; round++) {
            List<ProcessId> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(c.spawn(new Echo()));
            }
            assertEquals("alive", client.rpc(batch.get(round).toString(), "echo", "alive").contentAs(String.class));
            for (ProcessId id : batch) {
                assertEquals(true, c.processes().terminate(id));
            }
            all.addAll(batch);
        }

        assertEquals(10_000, all.size());
        assertEquals(10_001, all.get(all.size() - 1).number());
        assertEquals(List.of(client.id()), c.processes().list().stream().map(ProcessInfo::id).toList());
        assertEquals(List.of(), all.stream().filter(id -> broker.hasQueue(id.toString())).toList());
    }
}
