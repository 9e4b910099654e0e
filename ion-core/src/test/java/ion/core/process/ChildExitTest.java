package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ChildExitTest extends ProcessTestSupport {

    @Test
    void aParentLearnsThatAChildTerminatedOnRequestEndedNormally() throws Exception {
        Container c = container();
        Parent parent = new Parent();
        ProcessId parentId = c.spawn(parent);
        ProcessId childId = c.processes().spawn(new Echo(), SpawnOptions.defaults().withParent(parentId));

        c.processes().terminate(childId);

        await("the parent heard of the end", () -> parent.exits.size() == 1);
        assertEquals(new Exit(childId, ExitReason.normal()), parent.exits.get(0));
        assertEquals(List.of(), parent.childIds());
    }

    @Test
    void aParentLearnsThatAFailFastChildCrashedAndWhy() throws Exception {
        Container c = container();
        Parent parent = new Parent();
        ProcessId parentId = c.spawn(parent);
        ProcessId childId = c.processes().spawn(new Echo(), SpawnOptions.defaults().withParent(parentId)
                .withFailFast(true));
        Process client = c.newClient("client");

        failureOf(client.rpcAsync(childId.toString(), "boom", "bang", Duration.ofSeconds(5)));

        await("the parent heard of the crash", () -> parent.exits.size() == 1);
        Exit exit = parent.exits.get(0);
        assertEquals(childId, exit.child());
        ExitReason.Crashed crashed = assertInstanceOf(ExitReason.Crashed.class, exit.reason());
        assertEquals("boom: bang", crashed.cause().getMessage());
    }

    @Test
    void aProcessEndsItselfWithExitOrCrashAndItsParentLearnsTheReason() throws Exception {
        Container c = container();
        Parent parent = new Parent();
        ProcessId parentId = c.spawn(parent);
        SpawnOptions asChild = SpawnOptions.defaults().withParent(parentId);
        ProcessId quitter = c.processes().spawn(new SelfEnding(), asChild);
        ProcessId crasher = c.processes().spawn(new SelfEnding(), asChild);
        Process client = c.newClient("client");

        client.rpc(quitter.toString(), "quit", null);
        await("the parent heard of the first end", () -> parent.exits.size() == 1);
        client.rpc(crasher.toString(), "crash", "gave up");

        await("the parent heard of the second end", () -> parent.exits.size() == 2);
        assertEquals(new Exit(quitter, ExitReason.normal()), parent.exits.get(0));
        assertEquals(crasher, parent.exits.get(1).child());
        ExitReason.Crashed crashed = assertInstanceOf(ExitReason.Crashed.class, parent.exits.get(1).reason());
        assertEquals("gave up", crashed.cause().getMessage());
    }

    @Test
    void onChildExitRunsOnTheParentsThreadAfterTheHandlerItWasBusyWith() throws Exception {
        Container c = container();
        Parent parent = new Parent();
        ProcessId parentId = c.spawn(parent);
        ProcessId childId = c.processes().spawn(new Echo(), SpawnOptions.defaults().withParent(parentId));
        Process client = c.newClient("client");
        var blocked = client.rpcAsync(parentId.toString(), "block", "busy", Duration.ofSeconds(5));
        await(parent.entered);

        c.processes().terminate(childId);

        assertEquals(List.of(), parent.exits, "the end waits in the parent's mailbox while its handler runs");
        parent.release.countDown();
        assertEquals("unblocked", valueOf(blocked).contentAs(String.class));
        await("the parent heard of the end", () -> parent.exits.size() == 1);
        assertSame(parent.handlerThread, parent.exitThread);
        assertNotSame(Thread.currentThread(), parent.exitThread);
        assertTrue(parent.exitThread.isVirtual());
    }

    @Test
    void aTerminatingParentIsNotToldOfTheChildrenItTerminates() throws Exception {
        Container c = container();
        Parent parent = new Parent();
        ProcessId parentId = c.spawn(parent);
        Echo child = new Echo();
        c.processes().spawn(child, SpawnOptions.defaults().withParent(parentId));

        c.processes().terminate(parentId);

        assertEquals(ProcessState.TERMINATED, child.state());
        assertEquals(ExitReason.normal(), child.exitReason().orElseThrow());
        assertEquals(List.of(), parent.exits);
    }

    record Exit(ProcessId child, ExitReason reason) {
    }

    /** Records the ends of its children and the thread it heard of them on. */
    static final class Parent extends Echo {
        final List<Exit> exits = new CopyOnWriteArrayList<>();
        volatile Thread handlerThread;
        volatile Thread exitThread;

        @Override
        @Op("block")
        String block(Object content) throws InterruptedException {
            handlerThread = Thread.currentThread();
            return super.block(content);
        }

        @Override
        protected void onChildExit(ProcessId child, ExitReason reason) {
            exitThread = Thread.currentThread();
            exits.add(new Exit(child, reason));
        }
    }

    /** Ends itself on request. */
    static final class SelfEnding extends Process {
        @Op("quit")
        void quit() {
            exit(ExitReason.normal());
        }

        @Op("crash")
        void crashNow(String why) {
            crash(new IllegalStateException(why));
        }
    }
}
