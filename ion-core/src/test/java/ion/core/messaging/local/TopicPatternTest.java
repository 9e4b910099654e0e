package ion.core.messaging.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPatternTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource({
        "a.b.c, a.b.c, true",
        "a.b.c, a.b, false",
        "a.b.c, a.b.c.d, false",
        "'*', a, true",
        "'*', a.b, false",
        "'*', '', true",
        "a.*, a.b, true",
        "a.*, a, false",
        "a.*, a.b.c, false",
        "a.*, a., true",
        "*.b.*, a.b.c, true",
        "*.b.*, .b., true",
        "*.*, a, false",
        "'#', '', true",
        "'#', a.b.c, true",
        "a.#, a, true",
        "a.#, a.b.c, true",
        "a.#, b.a, false",
        "a.#, ab, false",
        "#.c, c, true",
        "#.c, a.b.c, true",
        "#.c, a.c.d, false",
        "a.#.c, a.c, true",
        "a.#.c, a.b.c, true",
        "a.#.c, a.b.b.c, true",
        "a.#.c, a.b, false",
        "a.#.c, a.c.b, false",
        "a.#.b.#.c, a.b.c, true",
        "a.#.b.#.c, a.x.b.y.z.c, true",
        "a.#.b.#.c, a.x.c, false",
        "#.#, '', true",
        "#.#, a.b, true",
        "#.*, '', true",
        "#.*, a.b, true",
        "a..b, a..b, true",
        "a..b, a.b, false",
        "a.*.b, a..b, true",
        "a.#.b, a..b, true",
        "sys.hello, sys.hello, true",
        "sys.hello, sys.hellox, false"
    })
    void matchesAsAnAmqpTopicExchangeDoes(String pattern, String routingKey, boolean expected) {
        assertEquals(expected, new TopicPattern(pattern).matches(routingKey));
    }
}
