package ion.services.consumer;

import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.SpawnOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chain of consumers built from a workflow description (see {@link ConsumerWorkflow}): on initialize it plans
 * the workflow given as the spawn argument {@value #WORKFLOW_ARG} and spawns every consumer as its child,
 * downstream first, named as in the workflow, with the intermediate queues named
 * {@code <prefix>.<producer>.<keyword>}; the prefix is the spawn argument {@value #PREFIX_ARG}, else this
 * process's id. Terminating the chain terminates its consumers. A workflow that cannot be built makes the spawn
 * fail with {@link InvalidWorkflowException}, and a consumer that cannot be spawned makes it fail too.
 *
 * <p>Operation {@code get_consumers} answers a map from consumer name to process id.
 */
public class ConsumerChain extends Process {
    /** The process type name. */
    public static final String TYPE = "consumer_chain";
    /** Spawn argument: the workflow description. */
    public static final String WORKFLOW_ARG = "workflow";
    /** Spawn argument: the first part of the intermediate queues' names. */
    public static final String PREFIX_ARG = "prefix";

    private final Map<String, ProcessId> consumers = new LinkedHashMap<>();

    @Override
    protected void onInit() {
        Object prefix = spawnArgs().get(PREFIX_ARG);
        String queuePrefix = prefix == null ? id().toString() : ConsumerArgs.nonBlank(PREFIX_ARG, prefix);
        if (!queuePrefix.contains(".")) {
            queuePrefix = sysname() + "." + queuePrefix;
        }
        List<ConsumerWorkflow.Stage> stages = ConsumerWorkflow.plan(spawnArgs().get(WORKFLOW_ARG), queuePrefix);
        for (ConsumerWorkflow.Stage stage : stages) {
            consumers.put(stage.name(), spawnChild(stage.type(), SpawnOptions.defaults().withName(stage.name())
                    .withArgs(stage.spawnArgs())));
        }
    }

    /** The consumers by name, with their process ids. */
    @Op("get_consumers")
    public Map<String, String> getConsumers() {
        Map<String, String> out = new LinkedHashMap<>();
        consumers.forEach((name, id) -> out.put(name, id.toString()));
        return out;
    }

    /** The process id of the consumer named {@code name} in the workflow, if there is one. */
    public final Optional<ProcessId> consumer(String name) {
        return Optional.ofNullable(consumers.get(name));
    }
}
