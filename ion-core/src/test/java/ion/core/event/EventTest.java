package ion.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.messaging.WrongContentTypeException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTest {
    @Test
    void theCatalogueHasR1sNumbersAndNoIdTwice() {
        assertEquals(1001, EventType.RESOURCE_LIFECYCLE.id());
        assertEquals(1051, EventType.CONTAINER_LIFECYCLE.id());
        assertEquals(1052, EventType.PROCESS_LIFECYCLE.id());
        assertEquals(1101, EventType.DATASOURCE_UPDATE.id());
        assertEquals(1111, EventType.DATASET_SUPPLEMENT_ADDED.id());
        assertEquals(1201, EventType.SUBSCRIPTION_NEW.id());
        assertEquals(1202, EventType.SUBSCRIPTION_DELETED.id());
        assertEquals(2001, EventType.SCHEDULE.id());
        assertEquals(List.of(3001, 3002, 3003), List.of(EventType.LOGGING_CRITICAL.id(),
                EventType.LOGGING_ERROR.id(), EventType.LOGGING_INFO.id()));
        assertEquals(4001, EventType.DATA_BLOCK.id());
        Set<Integer> ids = new HashSet<>();
        for (EventType t : EventType.values()) {
            assertTrue(ids.add(t.id()), "id " + t.id() + " twice");
            assertEquals(t, EventType.byId(t.id()).orElseThrow());
        }
        assertTrue(EventType.byId(9999).isEmpty());
    }

    @Test
    void theRoutingKeyIsIdDotOriginAndTheExchangeIsSysnameDotEventsDotTopic() {
        Event e = Event.of(EventType.CONTAINER_LIFECYCLE, "host.4711", "up", Map.of());

        assertEquals("1051.host.4711", e.routingKey());
        assertEquals("demo.events.topic", Events.exchangeName("demo"));
    }

    @Test
    void contentRoundTripsKeepingTheTimeToTheMillisecond() {
        Instant t = Instant.parse("2026-01-02T03:04:05.678901Z");
        Event e = new Event(1001, "r-1", t, "changed", Map.of("state", "Active"));

        Map<String, Object> content = e.toContent();
        Event back = Event.fromContent(content);

        assertEquals(e, back);
        assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), back.time());
        assertEquals(1001, content.get("event-id"));
        assertEquals("r-1", content.get("origin"));
        assertEquals(t.toEpochMilli(), content.get("time"));
    }

    @Test
    void badIdsAndOriginsAreRefusedNamingTheProblem() {
        assertTrue(assertThrows(InvalidEventException.class, () -> Event.of(-3, "r", "", Map.of())).getMessage()
                .contains("positive"));
        assertTrue(assertThrows(InvalidEventException.class, () -> Event.of(1001, "a..b", "", Map.of()))
                .getMessage().contains("empty word"));
        assertTrue(assertThrows(InvalidEventException.class, () -> Event.of(1001, "a.#", "", Map.of()))
                .getMessage().contains("wildcard"));
        assertTrue(assertThrows(InvalidEventException.class, () -> Event.of(1001, "a b", "", Map.of()))
                .getMessage().contains("white space"));
        assertTrue(assertThrows(InvalidEventException.class, () -> Event.of(1001, "x".repeat(300), "",
                Map.of())).getMessage().contains("255"));
    }

    @Test
    void contentThatIsNoEventIsRefusedNamingTheField() {
        assertTrue(assertThrows(WrongContentTypeException.class, () -> Event.fromContent("text")).getMessage()
                .contains("must be a map"));
        assertTrue(assertThrows(WrongContentTypeException.class, () -> Event.fromContent(Map.of("origin", "r",
                "time", 1L))).getMessage().contains("event-id"));
        assertTrue(assertThrows(WrongContentTypeException.class, () -> Event.fromContent(Map.of("event-id", 1001,
                "origin", "r", "time", "yesterday"))).getMessage().contains("time"));
        assertTrue(assertThrows(WrongContentTypeException.class, () -> Event.fromContent(Map.of("event-id", 1001,
                "origin", "*", "time", 1L))).getMessage().contains("wildcard"));
        assertTrue(assertThrows(WrongContentTypeException.class, () -> Event.fromContent(Map.of("event-id", 1001,
                "origin", "r", "time", 1L, "payload", List.of()))).getMessage().contains("payload"));
    }

    @Test
    void filtersParseToBindingKeysAndMatchAsTheBrokerDoes() {
        EventFilter resources = EventFilter.parse("1001.*");
        assertEquals(OptionalInt.of(1001), resources.id());
        assertEquals("1001.*", resources.bindingKey());
        assertTrue(resources.matches(1001, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
        assertFalse(resources.matches(1001, "two.words"));
        assertFalse(resources.matches(1002, "r"));

        assertEquals("1051.#", EventFilter.parse("1051").bindingKey());
        assertEquals("*.#", EventFilter.all().bindingKey());
        assertTrue(EventFilter.all().matches(1, "a.b.c"));
        assertTrue(EventFilter.byOrigin("host.*").matches(1052, "host.7"));
        assertFalse(EventFilter.byOrigin("host.*").matches(1052, "host.7.3"));
        assertTrue(EventFilter.of(1052, "host.#.3").matches(1052, "host.7.3"));
        assertTrue(EventFilter.of(1052, "host.#").matches(1052, "host"));
    }

    @Test
    void badFiltersAreRefusedNamingTheProblem() {
        assertTrue(assertThrows(InvalidEventException.class, () -> EventFilter.parse("")).getMessage()
                .contains("empty"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventFilter.parse("abc.#")).getMessage()
                .contains("'abc'"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventFilter.parse("#.x")).getMessage()
                .contains("'#'"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventFilter.parse("0.x")).getMessage()
                .contains("positive"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventFilter.parse("1001.a*")).getMessage()
                .contains("whole word"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventFilter.parse("1001.a..b")).getMessage()
                .contains("empty word"));
    }
}
