package ion.services.hello;

import ion.core.process.Process;
import ion.core.service.ServiceClient;

/** Calls the {@code hello} service of the caller's system. */
public class HelloServiceClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public HelloServiceClient(Process caller) {
        super(caller, HelloService.NAME);
    }

    /** Asks the service to greet {@code name} and returns the greeting. */
    public String hello(String name) {
        return rpc("hello", name).contentAs(String.class);
    }
}
