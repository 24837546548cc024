package dev.babeldesk.storage;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A throw-away schema on the machine's local PostgreSQL (database {@code test}; another server
 * with {@code BABELDESK_TEST_POSTGRES_URL}, a URL with parameters). Where no PostgreSQL answers,
 * the calling tests are skipped and say so.
 */
public final class PostgresSchema implements AutoCloseable {
    private static final String SERVER = System.getenv().getOrDefault("BABELDESK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** Creates the schema, or aborts the test (skipped) when no PostgreSQL answers. */
    public static PostgresSchema createOrSkip() {
        DriverManager.setLoginTimeout(3);
        String name = "babeldesk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            String why = "no PostgreSQL at " + SERVER + " (" + e.getMessage() + "): PostgreSQL tests skipped";
            System.out.println(why);
            Assumptions.abort(why);
        }
        return new PostgresSchema(name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of the schema, as {@code storage.database} takes it. */
    public String url() {
        return SERVER + "&currentSchema=" + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
