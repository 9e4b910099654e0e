package ion.services.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerWorkflowTest {
    @Test
    void pairsBecomeIntermediateQueuesAndStagesComeDownstreamFirst() {
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("source", Map.of("type", "forwarding_consumer", "attach", "topic-a",
                "process_parameters", Map.of("p", 1L)));
        workflow.put("digest", Map.of("type", "latest_consumer", "attach", List.of(List.of("source", "queues")),
                "delivery_interval", 2.0, "delivery_queues", Map.of("out", "final")));
        workflow.put("log", Map.of("type", "logging_consumer",
                "attach", List.of(List.of("digest", "out"), List.of("source", "queues"), "direct")));

        List<ConsumerWorkflow.Stage> stages = ConsumerWorkflow.plan(workflow, "sys.chain");

        assertEquals(List.of(
                new ConsumerWorkflow.Stage("log", "logging_consumer", Map.of("attach",
                        List.of("final", "sys.chain.source.queues", "direct"))),
                new ConsumerWorkflow.Stage("digest", "latest_consumer", Map.of("attach",
                        List.of("sys.chain.source.queues"), "delivery_interval", 2.0,
                        "delivery_queues", Map.of("out", "final"))),
                new ConsumerWorkflow.Stage("source", "forwarding_consumer", Map.of("attach", List.of("topic-a"),
                        "process_parameters", Map.of("p", 1L),
                        "delivery_queues", Map.of("queues", "sys.chain.source.queues")))), stages);
    }

    @Test
    void aSubscriptionSourcePassesToTheConsumerAsGiven() {
        List<ConsumerWorkflow.Stage> stages = ConsumerWorkflow.plan(Map.of("archive", Map.of("type",
                "forwarding_consumer", "attach", List.of(Map.of("subscription", "sub-1")))), "sys.chain");

        assertEquals(List.of(new ConsumerWorkflow.Stage("archive", "forwarding_consumer",
                Map.of("attach", List.of(Map.of("subscription", "sub-1"))))), stages);
        assertRefused(Map.of("a", Map.of("type", "forwarding_consumer", "attach", Map.of("subscription", ""))),
                "'a'", "'subscription'");
    }

    @Test
    void badWorkflowsAreRefusedNamingConsumerAndField() {
        assertRefused(Map.of("a", Map.of("attach", "q")), "'a'", "'type'");
        assertRefused(Map.of("a", Map.of("type", "forwarding_consumer")), "'a'", "'attach'");
        assertRefused(Map.of("a", Map.of("type", "forwarding_consumer", "attach", List.of(List.of("b", "k")))),
                "'a'", "'b'");
        assertRefused(Map.of("a", Map.of("type", "forwarding_consumer", "attach", "q", "delivery_interval", -1L)),
                "'a'", "'delivery_interval'");
        Map<String, Object> cycle = new LinkedHashMap<>();
        cycle.put("a", Map.of("type", "forwarding_consumer", "attach", List.of(List.of("b", "k"))));
        cycle.put("b", Map.of("type", "forwarding_consumer", "attach", List.of(List.of("a", "k"))));
        assertRefused(cycle, "cycle");
        assertRefused(Map.of(), "non-empty map");
    }

    private static void assertRefused(Map<String, Object> workflow, String... expected) {
        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> ConsumerWorkflow.plan(workflow, "sys.chain"));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }
}
