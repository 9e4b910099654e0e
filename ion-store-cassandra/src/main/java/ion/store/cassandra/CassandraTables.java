package ion.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/** The two tables of one store and the prepared statements on them; shared by every handle on the store. */
record CassandraTables(
        CqlSession session,
        ConsistencyLevel consistency,
        String data,
        PreparedStatement getValue,
        PreparedStatement getValues,
        PreparedStatement getEntries,
        PreparedStatement getAttributes,
        PreparedStatement insert,
        PreparedStatement delete,
        PreparedStatement count,
        PreparedStatement indexInsert,
        PreparedStatement indexDelete,
        PreparedStatement indexScan) {

    /** Creates the tables if needed and prepares the statements. */
    static CassandraTables create(CqlSession session, String keyspace, String id, ConsistencyLevel consistency) {
        String data = keyspace + ".d_" + id;
        String index = keyspace + ".i_" + id;
        CassandraBackend.execute("create the tables of " + data, () -> {
            session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + data
                    + " (p int, k blob, v blob, attrs map<text, text>, PRIMARY KEY (p, k))"));
            return session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + index
                    + " (a text, v text, k blob, PRIMARY KEY ((a, v), k))"));
        });
        return CassandraBackend.execute("prepare the statements on " + data, () -> new CassandraTables(
                session,
                consistency,
                data,
                session.prepare("SELECT v FROM " + data + " WHERE p = 0 AND k = ?"),
                session.prepare("SELECT k, v FROM " + data + " WHERE p = 0 AND k IN ?"),
                session.prepare("SELECT k, v, attrs FROM " + data + " WHERE p = 0 AND k IN ?"),
                session.prepare("SELECT k, attrs FROM " + data + " WHERE p = 0 AND k IN ?"),
                session.prepare("INSERT INTO " + data + " (p, k, v, attrs) VALUES (0, ?, ?, ?) USING TIMESTAMP ?"),
                session.prepare("DELETE FROM " + data + " USING TIMESTAMP ? WHERE p = 0 AND k = ?"),
                session.prepare("SELECT count(*) FROM " + data + " WHERE p = 0"),
                session.prepare("INSERT INTO " + index + " (a, v, k) VALUES (?, ?, ?) USING TIMESTAMP ?"),
                session.prepare("DELETE FROM " + index + " USING TIMESTAMP ? WHERE a = ? AND v = ? AND k = ?"),
                session.prepare("SELECT k FROM " + index + " WHERE a = ? AND v = ?")));
    }
}
