package ion.services.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicNamesTest {
    @Test
    void starMatchesOneWordAndHashMatchesZeroOrMore() {
        assertTrue(TopicNames.matches("ocean.*.temp", "ocean.ctd.temp"));
        assertFalse(TopicNames.matches("ocean.*.temp", "ocean.temp"));
        assertFalse(TopicNames.matches("ocean.*.temp", "ocean.a.b.temp"));
        assertTrue(TopicNames.matches("ocean.#", "ocean"));
        assertTrue(TopicNames.matches("ocean.#", "ocean.a.b"));
        assertTrue(TopicNames.matches("#.temp", "temp"));
        assertTrue(TopicNames.matches("#", "a.b.c"));
        assertTrue(TopicNames.matches("a.#.c", "a.c"));
        assertTrue(TopicNames.matches("a.#.c", "a.x.y.c"));
        assertFalse(TopicNames.matches("a.#.c", "a.x.y"));
        assertFalse(TopicNames.matches("ocean", "oceans"));
    }

    @Test
    void wellFormedNamesAndPatternsPass() {
        for (String ok : List.of("a", "ocean.ctd-1.temp_2", "A.B")) {
            assertEquals(Optional.empty(), TopicNames.topicProblem(ok), ok);
            assertEquals(Optional.empty(), TopicNames.patternProblem(ok), ok);
        }
        for (String ok : List.of("*", "#", "a.*.#", "#.b")) {
            assertEquals(Optional.empty(), TopicNames.patternProblem(ok), ok);
        }
    }

    @Test
    void malformedNamesAndPatternsAreExplained() {
        assertTrue(TopicNames.patternProblem("a..b").orElseThrow().contains("word 2 is empty"));
        assertTrue(TopicNames.patternProblem("a.b*").orElseThrow().contains("word 'b*'"));
        assertTrue(TopicNames.patternProblem("").orElseThrow().contains("must not be empty"));
        assertTrue(TopicNames.patternProblem("a.").orElseThrow().contains("word 2 is empty"));
        assertTrue(TopicNames.topicProblem("a.*").orElseThrow().contains("wildcards"));
        assertTrue(TopicNames.topicProblem("a b").orElseThrow().contains("word 'a b'"));
    }
}
