package ion.services.consumer;

import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.service.ServiceClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls one consumer process (a {@link ConsumerProcess}) by its id. Every method throws
 * {@link ion.core.process.ReceivedError} when the consumer answers ERROR, with
 * {@link ion.core.messaging.ResponseCodes#BAD_REQUEST} for bad input.
 */
public class ConsumerClient extends ServiceClient {
    /** A client of {@code consumer}, sending through {@code caller}, a spawned process. */
    public ConsumerClient(Process caller, ProcessId consumer) {
        super(caller, consumer);
    }

    /** Attaches the consumer to more queues; returns the names it is attached to. */
    public List<String> attach(List<String> queues) {
        return strings(rpc("attach", Map.of("queues", queues)).contentAs(List.class));
    }

    /** Detaches the consumer from queues; returns the names it is still attached to. */
    public List<String> detach(List<String> queues) {
        return strings(rpc("detach", Map.of("queues", queues)).contentAs(List.class));
    }

    /** Merges {@code parameters} into the process parameters; returns them all. */
    public Map<String, Object> setProcessParameters(Map<String, ?> parameters) {
        return stringKeys(rpc("set_process_parameters", parameters).contentAs(Map.class));
    }

    /** The process parameters. */
    public Map<String, Object> processParameters() {
        return stringKeys(rpc("get_process_parameters", null).contentAs(Map.class));
    }

    /** Merges {@code queues} (keyword to queue name) into the delivery queues; returns them all. */
    public Map<String, Object> setDeliveryQueues(Map<String, String> queues) {
        return stringKeys(rpc("set_delivery_queues", queues).contentAs(Map.class));
    }

    /** The delivery queues, keyword to queue name. */
    public Map<String, Object> deliveryQueues() {
        return stringKeys(rpc("get_delivery_queues", null).contentAs(Map.class));
    }

    /** The message counts: how many were received from each queue, and sent to each. */
    public MessageCounts messageCounts() {
        Map<?, ?> counts = rpc("get_msg_count", null).contentAs(Map.class);
        return new MessageCounts(longs(counts.get("received")), longs(counts.get("sent")));
    }

    /** Sends one data message to the consumer. */
    public void data(DataMessage message) {
        send(ConsumerProcess.DATA_OP, message.toContent());
    }

    /**
     * What {@code get_msg_count} answers.
     *
     * @param received messages received, by queue name
     * @param sent messages sent, by delivery queue name
     */
    public record MessageCounts(Map<String, Long> received, Map<String, Long> sent) {
        /** Copies the maps. */
        public MessageCounts {
            received = Map.copyOf(received);
            sent = Map.copyOf(sent);
        }

        /** Received from {@code queue}, 0 if none. */
        public long receivedFrom(String queue) {
            return received.getOrDefault(queue, 0L);
        }

        /** Sent to {@code queue}, 0 if none. */
        public long sentTo(String queue) {
            return sent.getOrDefault(queue, 0L);
        }
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(o -> Message.convert(o, String.class, "queue name")).toList();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Long> longs(Object value) {
        Map<String, Long> out = new LinkedHashMap<>();
        Message.convert(value, Map.class, "counts").forEach((k, v) -> out.put(String.valueOf(k),
                Message.convert(v, Long.class, "count")));
        return out;
    }
}
