package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.messaging.ResponseCodes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ProcessLifeCycleTest extends ProcessTestSupport {

    /** Records every hook call; can be told to fail in one of them. */
    static class Hooks extends Process {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final String failIn;

        Hooks() {
            this("");
        }

        Hooks(String failIn) {
            this.failIn = failIn;
        }

        private void call(String hook) {
            calls.add(hook);
            if (hook.equals(failIn)) {
                throw new IllegalStateException(hook + " failed on purpose");
            }
        }

        @Override
        protected void onInit() {
            call("init");
        }

        @Override
        protected void onActivate() {
            call("activate");
        }

        @Override
        protected void onDeactivate() {
            call("deactivate");
        }

        @Override
        protected void onTerminate() {
            call("terminate");
        }

        @Op("ping")
        String ping() {
            return "pong";
        }
    }

    private static void assertRefused(Hooks p, Executable call) {
        ProcessState before = p.state();
        List<String> hooksBefore = List.copyOf(p.calls);
        assertThrows(IllegalStateTransitionException.class, call);
        assertEquals(before, p.state(), "a refused transition leaves the state unchanged");
        assertEquals(hooksBefore, p.calls, "a refused transition calls no hook");
    }

    @Test
    void fullCycleCallsEachHookOncePerStep() {
        Container c = container();
        Hooks p = new Hooks();

        c.processes().spawn(p, SpawnOptions.defaults().withoutActivation());
        assertEquals(ProcessState.READY, p.state());
        p.activate();
        assertEquals(ProcessState.ACTIVE, p.state());
        p.deactivate();
        assertEquals(ProcessState.READY, p.state());
        p.activate();
        assertEquals(ProcessState.ACTIVE, p.state());
        p.terminate();
        assertEquals(ProcessState.TERMINATED, p.state());

        assertEquals(List.of("init", "activate", "deactivate", "activate", "terminate"), p.calls);
    }

    @Test
    void terminatingTwiceIsANoOp() {
        Container c = container();
        Hooks p = new Hooks();
        c.spawn(p);

        p.terminate();
        p.terminate();

        assertEquals(ProcessState.TERMINATED, p.state());
        assertEquals(List.of("init", "activate", "terminate"), p.calls);
    }

    @Test
    void unspawnedProcessRefusesActivateDeactivateAndTerminate() {
        Hooks p = new Hooks();

        assertRefused(p, p::activate);
        assertRefused(p, p::deactivate);
        assertRefused(p, p::terminate);
        assertEquals(ProcessState.INIT, p.state());
    }

    @Test
    void initializingAnUnspawnedProcessFailsClearlyAndLeavesItInInit() {
        Hooks p = new Hooks();

        IllegalStateException e = assertThrows(IllegalStateException.class, p::initialize);

        assertTrue(e.getMessage().contains("not been spawned"), e.getMessage());
        assertEquals(ProcessState.INIT, p.state());
        assertEquals(List.of(), p.calls);
    }

    @Test
    void readyProcessRefusesInitializeAndDeactivate() {
        Container c = container();
        Hooks p = new Hooks();
        c.processes().spawn(p, SpawnOptions.defaults().withoutActivation());

        assertRefused(p, p::initialize);
        assertRefused(p, p::deactivate);
        assertEquals(ProcessState.READY, p.state());
    }

    @Test
    void activeProcessRefusesInitializeAndActivate() {
        Container c = container();
        Hooks p = new Hooks();
        ProcessId id = c.spawn(p);

        assertRefused(p, p::initialize);
        assertRefused(p, p::activate);

        assertEquals("pong", c.newClient("client").rpc(id.toString(), "ping", null).contentAs(String.class));
    }

    @Test
    void terminatedProcessRefusesEverythingButTerminate() {
        Container c = container();
        Hooks p = new Hooks();
        c.spawn(p);
        p.terminate();

        assertRefused(p, p::initialize);
        assertRefused(p, p::activate);
        assertRefused(p, p::deactivate);
        p.terminate();
        assertEquals(ProcessState.TERMINATED, p.state());
    }

    @Test
    void failingOnInitFailsTheSpawnAndLeavesNothingRegisteredOrDeclared() {
        Container c = container();
        Hooks p = new Hooks("init");

        ProcessStartException e = assertThrows(ProcessStartException.class, () -> c.spawn(p));

        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("init failed on purpose", e.getCause().getMessage());
        assertTrue(e.getMessage().contains("initialize"), e.getMessage());
        assertEquals(ProcessState.TERMINATED, p.state());
        assertEquals(List.of(), c.processes().list());
        assertFalse(broker.hasQueue(p.id().toString()), "the process queue was deleted");
        assertEquals(List.of("init", "terminate"), p.calls);
    }

    @Test
    void failingOnActivateFailsTheSpawnAndLeavesNothingRegisteredOrDeclared() {
        Container c = container();
        Hooks p = new Hooks("activate");

        ProcessStartException e = assertThrows(ProcessStartException.class, () -> c.spawn(p));

        assertTrue(e.getMessage().contains("activate"), e.getMessage());
        assertEquals(ProcessState.TERMINATED, p.state());
        assertEquals(List.of(), c.processes().list());
        assertFalse(broker.hasQueue(p.id().toString()));
    }

    @Test
    void processWhoseActivationFailedIsInErrorAndCanOnlyBeTerminated() {
        Container c = container();
        Hooks p = new Hooks("activate");
        c.processes().spawn(p, SpawnOptions.defaults().withoutActivation());

        assertThrows(ProcessStartException.class, p::activate);
        assertEquals(ProcessState.ERROR, p.state());

        assertRefused(p, p::initialize);
        assertRefused(p, p::activate);
        assertRefused(p, p::deactivate);
        p.terminate();
        assertEquals(ProcessState.TERMINATED, p.state());
        assertTrue(c.processes().find(p.id()).isEmpty());
        assertFalse(broker.hasQueue(p.id().toString()));
    }

    @Test
    void requestsToAProcessInErrorGetAnInvalidStateReply() throws Exception {
        Container c = container();
        Hooks p = new Hooks("activate");
        ProcessId id = c.processes().spawn(p, SpawnOptions.defaults().withoutActivation());
        Process client = c.newClient("client");
        CompletableFuture<?> heldWhileReady = client.rpcAsync(id.toString(), "ping", null, Duration.ofSeconds(5));

        assertThrows(ProcessStartException.class, p::activate);
        ReceivedError inError = assertThrows(ReceivedError.class,
                () -> client.rpc(id.toString(), "ping", null, Duration.ofSeconds(5)));
        p.terminate();

        assertEquals(ResponseCodes.INVALID_STATE, inError.responseCode());
        ReceivedError held = assertInstanceOf(ReceivedError.class, failureOf(heldWhileReady));
        assertEquals(ResponseCodes.INVALID_STATE, held.responseCode());
    }

    @Test
    void rpcFromOnInitGetsItsReply() {
        Container c = container();
        ProcessId echo = c.spawn(new Echo());
        class AsksOnInit extends Process {
            volatile String answer;

            @Override
            protected void onInit() {
                answer = rpc(echo.toString(), "echo", "asked during init", Duration.ofSeconds(5))
                        .contentAs(String.class);
            }
        }
        AsksOnInit p = new AsksOnInit();

        c.spawn(p);

        assertEquals("asked during init", p.answer);
    }
}
