package io.orcagent.plugins.clone;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import java.io.EOFException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A scripted, recording stand-in for the JDBC side of a MySQL 8.0 server. It records every statement the
 * plugin runs (text, bound parameters, connection number, escape processing) and answers with the result
 * sets and errors a test scripts for it: {@code VERSION()}, {@code information_schema.PLUGINS},
 * {@code performance_schema.clone_status} rows, the error a refused {@code CLONE INSTANCE} returns, the
 * dropped connection of a clone that restarts the server, and refused connections while it is down.
 *
 * <p>This double exists only because MySQL 8 (and so the clone plugin) cannot be installed on this
 * machine; everything that runs here is tested for real. The replies follow the MySQL 8.0 manual
 * (clone_status columns and states, error 3707, KILL QUERY on cancel) and Connector/J's exception types
 * ({@link CommunicationsException} for a lost link), but nothing proves a live server answers exactly so.
 */
final class RecordingMysql {

    /**
     * One statement the plugin ran.
     *
     * @param connection the connection's number, from 1 in the order they were opened
     * @param sql the statement text
     * @param parameters the bound values, by position
     * @param escapeProcessing whether JDBC escape processing was on
     */
    record Executed(int connection, String sql, List<Object> parameters, boolean escapeProcessing) {

        @Override
        public String toString() {
            return parameters.isEmpty() ? sql : sql + " <- " + parameters;
        }
    }

    /**
     * A statement as the server receives it, with a way to wait for its cancellation.
     *
     * @param executed what was run
     * @param cancel counted down when the statement is cancelled
     */
    record Call(Executed executed, CountDownLatch cancel) {
    }

    /** What the server answers to a statement: rows (queries) or nothing, or it throws. */
    @FunctionalInterface
    interface Reply {
        /**
         * Answers.
         *
         * @param call the statement
         * @return the result
         * @throws SQLException the server's error
         * @throws InterruptedException when a blocking reply is interrupted
         */
        Result answer(Call call) throws SQLException, InterruptedException;
    }

    /**
     * A statement's result.
     *
     * @param rows the rows (empty for statements without a result set)
     */
    record Result(List<List<Object>> rows) {
    }

    private final List<Executed> log = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> replies = new TreeMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();

    /**
     * Scripts the replies to statements starting with a prefix, used in turn; the last one keeps answering.
     *
     * @param sqlPrefix the statement text, or its start (the longest matching prefix wins)
     * @param answers the replies
     * @return this
     */
    synchronized RecordingMysql on(String sqlPrefix, Reply... answers) {
        replies.put(sqlPrefix, new ConcurrentLinkedDeque<>(Arrays.asList(answers)));
        return this;
    }

    /**
     * The next connection attempts fail as they do while the server is down (e.g. restarting).
     *
     * @param attempts how many attempts fail
     */
    void goDown(int attempts) {
        refusals.set(attempts);
    }

    /**
     * The plugin's view of the server.
     *
     * @return a data source opening recording connections
     */
    DataSource dataSource() {
        return proxy(DataSource.class, (self, method, args) -> switch (method.getName()) {
            case "getConnection" -> connect();
            case "toString" -> "RecordingMysql";
            default -> objectMethod(self, method, args);
        });
    }

    /**
     * Everything run so far, in order.
     *
     * @return the statements
     */
    List<Executed> executed() {
        return List.copyOf(log);
    }

    /**
     * The statements as text ({@code sql <- [params]}), leaving out the progress polls, whose number
     * depends on timing.
     *
     * @return the statements
     */
    List<String> statements() {
        return log.stream().filter(e -> !e.sql().equals(CloneWatcher.PROGRESS_QUERY)).map(Executed::toString).toList();
    }

    /**
     * How many statements were cancelled.
     *
     * @return the count
     */
    int cancels() {
        return cancels.get();
    }

    /**
     * Rows for a query.
     *
     * @param rows each row's column values
     * @return a reply
     */
    @SafeVarargs
    static Reply rows(List<Object>... rows) {
        List<List<Object>> copy = List.of(rows);
        return call -> new Result(copy);
    }

    /**
     * A server error.
     *
     * @param code the MySQL error number
     * @param sqlState the SQLState
     * @param message the text
     * @return a reply
     */
    static Reply error(int code, String sqlState, String message) {
        return call -> {
            throw new SQLException(message, sqlState, code);
        };
    }

    /**
     * Connector/J's exception for a link that broke during the statement (what a client sees when the
     * server shuts down under it).
     *
     * @return the exception
     */
    static SQLException lostConnection() {
        return new CommunicationsException("Communications link failure\n\nThe last packet successfully received"
                + " from the server was 12 milliseconds ago.", new EOFException("Can not read response from server."));
    }

    /**
     * Blocks until the statement is cancelled, then fails as MySQL does for a query killed by
     * {@code KILL QUERY} (error 1317).
     *
     * @return a reply
     */
    static Reply blockUntilCancelled() {
        return call -> {
            // the bound only ends a test whose statement is never cancelled; a cancel ends the wait at once
            if (!call.cancel().await(60, TimeUnit.SECONDS)) {
                throw new SQLException("the test double waited 60 s and the statement was never cancelled");
            }
            throw new SQLException("Query execution was interrupted", "70100", 1317);
        };
    }

    /**
     * Waits for a latch, then answers with another reply.
     *
     * @param latch what to wait for
     * @param limit how long at most
     * @param then the reply after it
     * @return a reply
     */
    static Reply after(CountDownLatch latch, Duration limit, Reply then) {
        return call -> {
            if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("the test double's latch was never released");
            }
            return then.answer(call);
        };
    }

    private Connection connect() throws SQLException {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLNonTransientConnectionException("Could not create connection to database server."
                    + " Attempt to connect: Connection refused", "08001");
        }
        int number = connections.incrementAndGet();
        return proxy(Connection.class, (self, method, args) -> switch (method.getName()) {
            case "createStatement" -> statement(number, null);
            case "prepareStatement" -> statement(number, (String) args[0]);
            case "close", "setAutoCommit" -> null;
            case "isClosed" -> false;
            case "toString" -> "RecordingConnection#" + number;
            default -> objectMethod(self, method, args);
        });
    }

    private PreparedStatement statement(int connection, String preparedSql) {
        List<Object> parameters = new ArrayList<>();
        CountDownLatch cancel = new CountDownLatch(1);
        boolean[] escapeProcessing = {true};
        return proxy(PreparedStatement.class, (self, method, args) -> switch (method.getName()) {
            case "setString", "setLong", "setInt", "setBoolean" -> {
                int index = (Integer) args[0];
                while (parameters.size() < index) {
                    parameters.add(null);
                }
                parameters.set(index - 1, args[1]);
                yield null;
            }
            case "setEscapeProcessing" -> {
                escapeProcessing[0] = (Boolean) args[0];
                yield null;
            }
            case "execute", "executeQuery", "executeUpdate" -> {
                String sql = args == null ? preparedSql : (String) args[0];
                Executed executed = new Executed(connection, sql, List.copyOf(parameters), escapeProcessing[0]);
                log.add(executed);
                Result result = replyTo(sql).answer(new Call(executed, cancel));
                yield switch (method.getName()) {
                    case "executeQuery" -> resultSet(result);
                    case "executeUpdate" -> 0;
                    default -> !result.rows().isEmpty();
                };
            }
            case "cancel" -> {
                cancels.incrementAndGet();
                cancel.countDown();
                yield null;
            }
            case "close" -> null;
            case "toString" -> "RecordingStatement";
            default -> objectMethod(self, method, args);
        });
    }

    private synchronized Reply replyTo(String sql) {
        Deque<Reply> queue = replies.entrySet().stream()
                .filter(e -> sql.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(null);
        if (queue == null) {
            if (sql.startsWith("SELECT")) {
                return error(0, "HY000", "the test double has no recorded result for: " + sql);
            }
            return call -> new Result(List.of());
        }
        return queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
    }

    private static ResultSet resultSet(Result result) {
        int[] row = {-1};
        boolean[] lastNull = {false};
        return proxy(ResultSet.class, (self, method, args) -> {
            switch (method.getName()) {
                case "next":
                    row[0]++;
                    return row[0] < result.rows().size();
                case "getString", "getLong", "getInt":
                    Object value = result.rows().get(row[0]).get((Integer) args[0] - 1);
                    lastNull[0] = value == null;
                    return convert(value, method.getReturnType());
                case "wasNull":
                    return lastNull[0];
                case "close":
                    return null;
                case "toString":
                    return "RecordingResultSet";
                default:
                    return objectMethod(self, method, args);
            }
        });
    }

    private static Object convert(Object value, Class<?> type) {
        if (type == String.class) {
            return value == null ? null : String.valueOf(value);
        }
        long number = value == null ? 0 : ((Number) value).longValue();
        return type == int.class ? (Object) (int) number : (Object) number;
    }

    private static Object objectMethod(Object self, Method method, Object[] args) {
        return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> throw new UnsupportedOperationException("the test double does not offer " + method);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(RecordingMysql.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
