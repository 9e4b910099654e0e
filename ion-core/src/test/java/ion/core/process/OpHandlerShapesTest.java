package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Status;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpHandlerShapesTest extends ProcessTestSupport {
    private Container c;
    private Process client;
    private ProcessId shapes;

    static class Base extends Process {
        @Op("inherited")
        String inherited() {
            return "from base";
        }

        @Op("overridden")
        String overridden() {
            return "base version";
        }
    }

    static class Shapes extends Base {
        @Op("none")
        String none() {
            return "no arguments";
        }

        @Op("message")
        String message(Message m) {
            return m.op().orElseThrow() + " from " + m.sender();
        }

        @Op("content")
        String content(String text) {
            return "content " + text;
        }

        @Op("both")
        String both(Map<String, Object> map, Message m) {
            return map.get("k") + " via " + m.op().orElseThrow();
        }

        @Op("long")
        long nextLong(long value) {
            return value + 1;
        }

        @Op("int")
        int twice(int value) {
            return value * 2;
        }

        @Op("boolean")
        boolean not(boolean value) {
            return !value;
        }

        @Op("empty")
        Optional<String> nothing() {
            return Optional.empty();
        }

        @Op("present")
        Optional<String> something() {
            return Optional.of("something");
        }

        @Op
        String namedAfterTheMethod() {
            return "by method name";
        }

        @Override
        @Op("overridden")
        String overridden() {
            return "subclass version";
        }
    }

    static class GenericHandler<T> extends Process {
        @Op("generic")
        Object generic(T value) {
            return "generic " + value;
        }
    }

    static class SpecialisedHandler extends GenericHandler<Integer> {
        @Override
        @Op("generic")
        String generic(Integer value) {
            return "integer " + (value + 1);
        }
    }

    static class ThreeParameters extends Process {
        @Op("three")
        void tooMany(String a, String b, Message m) {
        }
    }

    static class StaticHandler extends Process {
        @Op("static")
        static void everyone() {
        }
    }

    static class ShortParameter extends Process {
        @Op("short")
        void small(short value) {
        }
    }

    static class TwoHandlersForOneOp extends Process {
        @Op("same")
        void first() {
        }

        @Op("same")
        void second() {
        }
    }

    static class InheritsABadHandler extends ThreeParameters {
    }

    @BeforeEach
    void spawnShapes() {
        c = container();
        shapes = c.spawn(new Shapes());
        client = c.newClient("client");
    }

    private Message call(String op, Object content) {
        return client.rpc(shapes.toString(), op, content);
    }

    @Test
    void handlerWithoutParametersIsCalled() {
        assertEquals("no arguments", call("none", "ignored").contentAs(String.class));
    }

    @Test
    void handlerTakingTheMessageSeesItsHeaders() {
        assertEquals("message from " + client.id(), call("message", null).contentAs(String.class));
    }

    @Test
    void handlerTakingContentGetsItConverted() {
        assertEquals("content abc", call("content", "abc").contentAs(String.class));
    }

    @Test
    void handlerTakingContentAndMessageGetsBoth() {
        assertEquals("v via both", call("both", Map.of("k", "v")).contentAs(String.class));
    }

    @Test
    void primitiveParametersAndResultsAreBoxedAndUnboxed() {
        assertEquals(42L, call("long", 41L).contentAs(Long.class));
        assertEquals(42, call("int", 21L).contentAs(Integer.class));
        assertEquals(false, call("boolean", true).contentAs(Boolean.class));
    }

    @Test
    void intParameterRefusesAValueThatDoesNotFit() {
        ReceivedError e = assertThrows(ReceivedError.class, () -> call("int", 1L << 40));

        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
    }

    @Test
    void emptyOptionalBecomesAReplyWithoutContent() {
        Message reply = call("empty", null);

        assertEquals(Status.OK, reply.status());
        assertFalse(reply.content().isPresent());
        assertEquals("something", call("present", null).contentAs(String.class));
    }

    @Test
    void inheritedHandlersServeAndOverridesWin() {
        assertEquals("from base", call("inherited", null).contentAs(String.class));
        assertEquals("subclass version", call("overridden", null).contentAs(String.class));
    }

    @Test
    void opWithoutAValueIsNamedAfterTheMethod() {
        assertEquals("by method name", call("namedAfterTheMethod", null).contentAs(String.class));
        assertEquals(Set.of("none", "message", "content", "both", "long", "int", "boolean", "empty", "present",
                "namedAfterTheMethod", "inherited", "overridden"), new Shapes().operations());
    }

    @Test
    void handlerSpecialisingAGenericOneConvertsToItsOwnParameterType() {
        ProcessId id = c.spawn(new SpecialisedHandler());

        assertEquals("integer 42", client.rpc(id.toString(), "generic", 41L).contentAs(String.class));
    }

    private String spawnFailure(Process p) {
        int before = c.processes().list().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.spawn(p));
        assertEquals(before, c.processes().list().size(), "nothing registered");
        return e.getMessage();
    }

    @Test
    void threeParameterHandlerFailsTheSpawnNamingTheMethod() {
        String message = spawnFailure(new ThreeParameters());

        assertTrue(message.contains("ThreeParameters.tooMany"), message);
        assertTrue(message.contains("(T content, Message)"), message);
    }

    @Test
    void staticHandlerFailsTheSpawnNamingTheMethod() {
        String message = spawnFailure(new StaticHandler());

        assertTrue(message.contains("StaticHandler.everyone"), message);
        assertTrue(message.contains("static"), message);
    }

    @Test
    void primitiveParameterNoContentCanHaveFailsTheSpawn() {
        String message = spawnFailure(new ShortParameter());

        assertTrue(message.contains("ShortParameter.small"), message);
        assertTrue(message.contains("short"), message);
    }

    @Test
    void twoHandlersForOneOpInOneClassFailTheSpawn() {
        String message = spawnFailure(new TwoHandlersForOneOp());

        assertTrue(message.contains("'same'"), message);
        assertTrue(message.contains("first") && message.contains("second"), message);
    }

    @Test
    void inheritedBadHandlerIsNamedByTheClassThatDeclaresIt() {
        String message = spawnFailure(new InheritsABadHandler());

        assertTrue(message.contains("ThreeParameters.tooMany"), message);
        assertFalse(message.contains("InheritsABadHandler.tooMany"), message);
    }
}
