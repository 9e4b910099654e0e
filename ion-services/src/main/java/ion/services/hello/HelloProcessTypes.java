package ion.services.hello;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes {@code hello} and {@code hello_message} spawnable by name. */
public final class HelloProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(new ProcessType(HelloService.NAME, "the hello example service: op 'hello' greets its content",
                HelloService::new),
                new ProcessType(HelloMessageService.NAME,
                        "the typed-message example: op 'hello_person' greets a Person (type 20001)",
                        HelloMessageService::new));
    }
}
