package dev.babeldesk.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connection handling shared by the JDBC stores: reads on their own connection, writes in one
 * transaction each. Writes through one instance are serialised in the process, which keeps
 * SQLite's single writer from busy-waiting; on PostgreSQL the database does the real locking.
 */
final class Jdbc {
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    interface Row<T> {
        T read(ResultSet row) throws Exception;
    }

    private final DataSource dataSource;
    private final String what;
    private final ReentrantLock writes = new ReentrantLock();

    /** @param what what the store keeps, for error messages ("reading insight failed") */
    Jdbc(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (Exception e) {
            throw new StorageException("reading " + what + " failed", e);
        }
    }

    <T> T write(Work<T> work) {
        writes.lock();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        } catch (Exception e) {
            throw new StorageException("writing " + what + " failed", e);
        } finally {
            writes.unlock();
        }
    }

    /** Every row of a query, in order. */
    <T> List<T> list(String sql, Row<T> row, Object... params) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
                List<T> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(row.read(r));
                }
                return out;
            }
        });
    }

    /** One statement with parameters, in its own transaction; the number of rows it changed. */
    int update(String sql, Object... params) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
                return s.executeUpdate();
            }
        });
    }
}
