package dev.babeldesk.storage;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A data source that refuses new connections once closed. When the server stops, a websocket
 * handler still finishing (Jetty runs close handlers after the server has stopped accepting) gets
 * a clear error instead of reopening the database file behind the operator's back.
 */
final class ClosableDataSource implements DataSource, AutoCloseable {
    private final DataSource delegate;
    private volatile boolean closed;

    ClosableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) throw new SQLException("the database is closed: the server is stopping");
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        if (closed) throw new SQLException("the database is closed: the server is stopping");
        return delegate.getConnection(user, password);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (delegate instanceof AutoCloseable pool) pool.close();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
