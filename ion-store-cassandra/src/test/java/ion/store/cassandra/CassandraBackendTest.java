package ion.store.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CassandraBackendTest {
    @Test
    void plainNamesAreTheirOwnKeyspace() {
        assertEquals("ion_test", CassandraBackend.keyspaceFor("ion_test"));
    }

    @Test
    void otherNamesAreSanitizedAndHashed() {
        String a = CassandraBackend.keyspaceFor("My-System.1");
        assertTrue(a.matches("ion_my_system_1_[0-9a-f]{16}"), a);
        assertNotEquals(a, CassandraBackend.keyspaceFor("My_System.1"));
        assertTrue(CassandraBackend.keyspaceFor("system_auth").startsWith("ion_system_auth_"));
        String longName = CassandraBackend.keyspaceFor("x".repeat(200));
        assertEquals(48, longName.length());
        assertTrue(CassandraBackend.keyspaceFor("9lives").matches("ion_9lives_[0-9a-f]{16}"));
    }

    @Test
    void blankSystemNamesAndBadSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CassandraBackend.builder(" "));
        assertThrows(NullPointerException.class, () -> CassandraBackend.builder(null));
        assertThrows(IllegalArgumentException.class, () -> CassandraBackend.builder("s").replicationFactor(0));
        assertThrows(IllegalArgumentException.class, () -> CassandraBackend.builder("s").replication("rf=1"));
    }
}
