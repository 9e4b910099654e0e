package ion.services.consumer;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes the consumers and the consumer chain spawnable by name. */
public final class ConsumerProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(
                new ProcessType(ForwardingConsumer.TYPE, "forwards each data message to every delivery queue",
                        ForwardingConsumer::new),
                new ProcessType(LatestConsumer.TYPE, "delivers only the latest data message per delivery interval",
                        LatestConsumer::new),
                new ProcessType(LoggingConsumer.TYPE, "logs each data message", LoggingConsumer::new),
                new ProcessType(MessageCountConsumer.TYPE, "delivers a count of data messages per delivery interval",
                        MessageCountConsumer::new),
                new ProcessType(ConsumerChain.TYPE, "spawns a chain of consumers from the workflow spawn argument",
                        ConsumerChain::new));
    }
}
