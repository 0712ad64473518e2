package io.orcagent.runtime.sandbox;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * A deterministic dataset that exercises what a seed must carry over: three schemas; InnoDB,
 * MyISAM and Aria tables; foreign keys; a table without a primary key; a view, a trigger, a stored
 * function and procedure, and an event; BLOBs (incompressible bytes, every byte value, empty) and
 * utf8mb4 text (emoji, CJK, right-to-left, combining marks). The same row count always produces the
 * same rows, so two servers loaded alike have equal {@link Checksums}.
 *
 * <p>Each row unit weighs about {@value #APPROX_BYTES_PER_ROW} bytes on disk, so
 * {@code ofApproximateBytes(1L << 30)} gives a dataset of about 1 GiB for benchmarks (about 1.3
 * million row units; multi-row INSERTs of 500 rows, one commit each).
 */
public final class SampleDataset {

    /** The schemas it creates. */
    public static final List<String> SCHEMAS = List.of("sample_shop", "sample_logs", "sample_misc");
    /**
     * Approximate bytes per row unit as information_schema counts them (data + index + free), measured
     * on MariaDB 10.11 with 100,000 rows: 80 MB, loaded in about 12 s on 2 shared cores.
     */
    public static final long APPROX_BYTES_PER_ROW = 800;

    private static final int ROWS_PER_INSERT = 500;
    private static final long SEED = 0x5EED_DA7AL;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final List<String> NAMES = List.of(
            "Ada Lovelace", "Jürgen Groß", "山田太郎", "李小龙", "김민준", "Zoë O'Brien", "José Ñúñez",
            "Ωmega 😀", "Renée \\ \"quoted\"", "أحمد", "דוד", "Søren Kierkegaard", "🚀 Rocket Team");
    private static final List<String> TEXTS = List.of(
            "plain ASCII", "Grüße aus Köln", "日本語のテキスト", "简体中文字符", "한국어 문장",
            "emoji 😀🚀🎉👩‍👩‍👧", "עברית מימין לשמאל", "العربية", "combining e\u0301 vs \u00e9",
            "4-byte 𝄞 𐍈 𠜎", "quote ' double \" backslash \\ tab\t", "");

    private final long rows;

    /**
     * A dataset with {@code rows} orders, log events, metrics and half as many lines; customers and
     * products scale down from it.
     *
     * @param rows the row count, at least 1
     */
    public SampleDataset(long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        this.rows = rows;
    }

    /**
     * A dataset of about the given size on disk.
     *
     * @param bytes the wanted size
     * @return the dataset
     */
    public static SampleDataset ofApproximateBytes(long bytes) {
        return new SampleDataset(Math.max(1, bytes / APPROX_BYTES_PER_ROW));
    }

    /**
     * The row count.
     *
     * @return rows
     */
    public long rows() {
        return rows;
    }

    /**
     * Creates the schemas and loads the rows; fails when a schema already exists.
     *
     * @param dataSource an account allowed to create schemas, routines, triggers and events
     * @throws SQLException when a statement fails
     */
    public void load(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
                for (String ddl : schemaDdl()) {
                    statement.execute(ddl);
                }
            }
            connection.setAutoCommit(false);
            loadShop(connection);
            loadLogs(connection);
            loadMisc(connection);
            connection.setAutoCommit(true);
        }
    }

    /**
     * Drops the schemas (when they exist).
     *
     * @param dataSource an account allowed to drop them
     * @throws SQLException when a statement fails
     */
    public static void drop(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("DROP DATABASE IF EXISTS " + schema);
            }
        }
    }

    private static List<String> schemaDdl() {
        return List.of(
                "CREATE DATABASE sample_shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "CREATE DATABASE sample_logs CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
                "CREATE DATABASE sample_misc CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                """
                CREATE TABLE sample_shop.customers (
                  id INT NOT NULL PRIMARY KEY,
                  name VARCHAR(100) NOT NULL,
                  email VARCHAR(200) NOT NULL,
                  created DATETIME(6) NOT NULL,
                  balance DECIMAL(12,2) NOT NULL,
                  UNIQUE KEY email (email)
                ) ENGINE=InnoDB""",
                """
                CREATE TABLE sample_shop.products (
                  id INT NOT NULL PRIMARY KEY,
                  sku CHAR(12) NOT NULL,
                  title VARCHAR(200) NOT NULL,
                  price DECIMAL(10,2) NOT NULL,
                  picture MEDIUMBLOB NOT NULL
                ) ENGINE=InnoDB""",
                """
                CREATE TABLE sample_shop.orders (
                  id BIGINT NOT NULL PRIMARY KEY,
                  customer_id INT NOT NULL,
                  product_id INT NOT NULL,
                  quantity SMALLINT NOT NULL,
                  ordered_at DATETIME NOT NULL,
                  note VARCHAR(255) NOT NULL DEFAULT '',
                  KEY customer (customer_id),
                  KEY product (product_id),
                  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES sample_shop.customers (id),
                  CONSTRAINT fk_orders_product FOREIGN KEY (product_id) REFERENCES sample_shop.products (id)
                ) ENGINE=InnoDB""",
                """
                CREATE TRIGGER sample_shop.orders_trim_note BEFORE INSERT ON sample_shop.orders
                FOR EACH ROW SET NEW.note = TRIM(NEW.note)""",
                """
                CREATE VIEW sample_shop.customer_totals AS
                SELECT c.id, c.name, COUNT(o.id) AS orders, COALESCE(SUM(o.quantity * p.price), 0) AS total
                FROM sample_shop.customers c
                LEFT JOIN sample_shop.orders o ON o.customer_id = c.id
                LEFT JOIN sample_shop.products p ON p.id = o.product_id
                GROUP BY c.id, c.name""",
                """
                CREATE FUNCTION sample_shop.order_value(order_id BIGINT) RETURNS DECIMAL(14,2)
                READS SQL DATA
                RETURN (SELECT o.quantity * p.price FROM sample_shop.orders o
                        JOIN sample_shop.products p ON p.id = o.product_id WHERE o.id = order_id)""",
                """
                CREATE PROCEDURE sample_shop.place_order(IN order_id BIGINT, IN customer INT, IN product INT,
                                                         IN amount SMALLINT)
                MODIFIES SQL DATA
                INSERT INTO sample_shop.orders (id, customer_id, product_id, quantity, ordered_at)
                VALUES (order_id, customer, product, amount, '2024-06-01 12:00:00')""",
                """
                CREATE EVENT sample_shop.purge_marked_notes ON SCHEDULE EVERY 1 DAY DISABLE
                DO UPDATE sample_shop.orders SET note = '' WHERE note = 'purge'""",
                """
                CREATE TABLE sample_logs.events (
                  id BIGINT NOT NULL PRIMARY KEY,
                  logged_at DATETIME NOT NULL,
                  level ENUM('debug','info','warn','error') NOT NULL,
                  message VARCHAR(255) NOT NULL,
                  KEY logged_at (logged_at)
                ) ENGINE=MyISAM""",
                """
                CREATE TABLE sample_logs.metrics (
                  id BIGINT NOT NULL PRIMARY KEY,
                  name VARCHAR(64) NOT NULL,
                  value DOUBLE NOT NULL,
                  payload BLOB NOT NULL
                ) ENGINE=Aria""",
                """
                CREATE TABLE sample_logs.raw_lines (
                  seq INT NOT NULL,
                  line TEXT NOT NULL
                ) ENGINE=InnoDB""",
                """
                CREATE TABLE sample_misc.texts (
                  id INT NOT NULL PRIMARY KEY,
                  body TEXT NOT NULL
                ) ENGINE=InnoDB""",
                """
                CREATE TABLE sample_misc.binaries (
                  id INT NOT NULL PRIMARY KEY,
                  data LONGBLOB NOT NULL
                ) ENGINE=InnoDB""",
                """
                CREATE TABLE sample_misc.settings (
                  name VARCHAR(64) NOT NULL PRIMARY KEY,
                  value JSON NOT NULL
                ) ENGINE=Aria""",
                """
                CREATE TABLE sample_misc.tally (
                  id INT NOT NULL PRIMARY KEY,
                  hits BIGINT UNSIGNED NOT NULL
                ) ENGINE=MyISAM""");
    }

    private void loadShop(Connection connection) throws SQLException {
        long customers = Math.max(1, rows / 10);
        long products = Math.max(1, rows / 100);
        SplittableRandom random = new SplittableRandom(SEED);
        insert(connection, "sample_shop.customers", 5, customers, (i, row) -> {
            row[0] = (int) i + 1;
            row[1] = NAMES.get((int) (i % NAMES.size())) + " #" + (i + 1);
            row[2] = "customer" + (i + 1) + "@example.com";
            row[3] = EPOCH.plusSeconds(i * 37).plusNanos((i % 1000) * 1000);
            row[4] = BigDecimal.valueOf(random.nextLong(-100_000, 10_000_000), 2);
        });
        insert(connection, "sample_shop.products", 5, products, (i, row) -> {
            row[0] = (int) i + 1;
            row[1] = String.format("SKU%09d", i + 1);
            row[2] = TEXTS.get((int) (i % TEXTS.size())) + " product " + (i + 1);
            row[3] = BigDecimal.valueOf(random.nextLong(1, 1_000_000), 2);
            row[4] = bytes(random, 2048);
        });
        insert(connection, "sample_shop.orders", 6, rows, (i, row) -> {
            row[0] = i + 1;
            row[1] = (int) random.nextLong(1, customers + 1);
            row[2] = (int) random.nextLong(1, products + 1);
            row[3] = (short) random.nextInt(1, 100);
            row[4] = EPOCH.plusMinutes(i);
            row[5] = i % 7 == 0 ? "  gift wrap  " : "";
        });
    }

    private void loadLogs(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        String[] levels = {"debug", "info", "warn", "error"};
        insert(connection, "sample_logs.events", 4, rows, (i, row) -> {
            row[0] = i + 1;
            row[1] = EPOCH.plusSeconds(i * 3);
            row[2] = levels[random.nextInt(levels.length)];
            row[3] = "event " + (i + 1) + ": " + TEXTS.get(random.nextInt(TEXTS.size()));
        });
        insert(connection, "sample_logs.metrics", 4, rows, (i, row) -> {
            row[0] = i + 1;
            row[1] = "metric_" + (i % 50);
            row[2] = random.nextDouble() * 1e6;
            row[3] = bytes(random, 256);
        });
        insert(connection, "sample_logs.raw_lines", 2, Math.max(1, rows / 2), (i, row) -> {
            row[0] = (int) (i % 1000); // duplicates on purpose: this table has no key at all
            row[1] = "line " + i + " " + TEXTS.get((int) (i % TEXTS.size()));
        });
    }

    private static void loadMisc(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        insert(connection, "sample_misc.texts", 2, TEXTS.size() + NAMES.size(), (i, row) -> {
            row[0] = (int) i + 1;
            row[1] = i < TEXTS.size() ? TEXTS.get((int) i) : NAMES.get((int) i - TEXTS.size());
        });
        byte[] everyByte = new byte[256];
        for (int b = 0; b < 256; b++) {
            everyByte[b] = (byte) b;
        }
        List<byte[]> blobs = List.of(new byte[0], everyByte, new byte[4096], bytes(random, 1 << 20));
        insert(connection, "sample_misc.binaries", 2, blobs.size(), (i, row) -> {
            row[0] = (int) i + 1;
            row[1] = blobs.get((int) i);
        });
        insert(connection, "sample_misc.settings", 2, 3, (i, row) -> {
            row[0] = List.of("feature_flags", "limits", "owner").get((int) i);
            row[1] = List.of("{\"seed\": true, \"dump\": [1, 2, 3]}", "{\"max\": 18446744073709551615}",
                    "{\"name\": \"山田 😀\"}").get((int) i);
        });
        insert(connection, "sample_misc.tally", 2, 100, (i, row) -> {
            row[0] = (int) i + 1;
            row[1] = Long.toUnsignedString(random.nextLong());
        });
    }

    /** Fills one row's values for row number {@code i} (0-based). */
    private interface RowFiller {
        void fill(long i, Object[] row);
    }

    /** Multi-row INSERTs of ROWS_PER_INSERT rows, one transaction per statement. */
    private static void insert(Connection connection, String table, int columns, long count, RowFiller filler)
            throws SQLException {
        long done = 0;
        PreparedStatement full = null;
        try {
            Object[] row = new Object[columns];
            while (done < count) {
                int batch = (int) Math.min(ROWS_PER_INSERT, count - done);
                PreparedStatement statement;
                if (batch == ROWS_PER_INSERT) {
                    if (full == null) {
                        full = connection.prepareStatement(insertSql(table, columns, batch));
                    }
                    statement = full;
                } else {
                    statement = connection.prepareStatement(insertSql(table, columns, batch));
                }
                try {
                    int parameter = 1;
                    for (int r = 0; r < batch; r++) {
                        filler.fill(done + r, row);
                        for (Object value : row) {
                            statement.setObject(parameter++, value);
                        }
                    }
                    statement.executeUpdate();
                    connection.commit();
                } finally {
                    if (statement != full) {
                        statement.close();
                    }
                }
                done += batch;
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }

    private static String insertSql(String table, int columns, int rows) {
        String tuple = "(" + "?,".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ",").append(tuple);
        }
        return sql.toString();
    }

    private static byte[] bytes(SplittableRandom random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }
}
