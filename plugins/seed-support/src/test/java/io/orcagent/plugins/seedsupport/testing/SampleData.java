package io.orcagent.plugins.seedsupport.testing;

import java.io.IOException;
import java.util.List;

/**
 * A small data set that exercises what a logical seed must carry: InnoDB and MyISAM tables, a row
 * with id 0 in an AUTO_INCREMENT column, binary data, utf8mb4 text, NULLs, a view, a trigger, a
 * procedure, a function and an event.
 */
public final class SampleData {

    /** Rows in {@code shop.items}: the id-0 row, the generated ones, one inserted after the trigger. */
    public static final int ITEMS = 5002;
    private static final int GENERATED_ITEMS = ITEMS - 2;

    private SampleData() {
    }

    /**
     * Creates the data on a server.
     *
     * @param server the server
     * @throws IOException when a statement fails
     * @throws InterruptedException when interrupted
     */
    public static void load(MariaDbServer server) throws IOException, InterruptedException {
        server.sql("""
                CREATE DATABASE shop;
                SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO', SESSION max_recursive_iterations = 100000;
                CREATE TABLE shop.items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL,
                  price DECIMAL(10,2), photo BLOB, created DATETIME) ENGINE=InnoDB;
                INSERT INTO shop.items VALUES (0, 'the id-0 row', 0.00, NULL, '2020-01-01 00:00:00');
                INSERT INTO shop.items (name, price, photo, created)
                  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                  SELECT CONCAT('item ', i), i / 7, UNHEX(SHA2(i, 256)), '2021-02-03 04:05:06' + INTERVAL i MINUTE FROM n;
                CREATE TABLE shop.audit (id INT AUTO_INCREMENT PRIMARY KEY, item_id INT, note VARCHAR(100)) ENGINE=MyISAM;
                CREATE TRIGGER shop.items_ai AFTER INSERT ON shop.items FOR EACH ROW
                  INSERT INTO shop.audit (item_id, note) VALUES (NEW.id, 'created');
                INSERT INTO shop.items (name, price) VALUES ('after the trigger', 1.50);
                CREATE VIEW shop.cheap AS SELECT id, name FROM shop.items WHERE price < 10;
                CREATE PROCEDURE shop.touch() UPDATE shop.items SET price = price WHERE id = 0;
                CREATE FUNCTION shop.twice(x INT) RETURNS INT DETERMINISTIC RETURN 2 * x;
                CREATE EVENT shop.nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM shop.audit WHERE id < 0;
                CREATE DATABASE crm CHARACTER SET utf8mb4;
                CREATE TABLE crm.notes (id INT PRIMARY KEY, body TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                INSERT INTO crm.notes VALUES (1, 'naïve café ☕ 🚀'), (2, 'tab\\tnew line\\nquote\\''), (3, NULL);
                """.formatted(GENERATED_ITEMS));
    }

    /**
     * The schema objects besides tables, as {@code kind schema.name} lines.
     *
     * @param server the server
     * @return sorted lines
     * @throws IOException when the query fails
     * @throws InterruptedException when interrupted
     */
    public static List<String> schemaObjects(MariaDbServer server) throws IOException, InterruptedException {
        return server.sql("""
                SELECT CONCAT('routine ', routine_schema, '.', routine_name) AS o FROM information_schema.routines
                  WHERE routine_schema IN ('shop', 'crm')
                UNION ALL SELECT CONCAT('trigger ', trigger_schema, '.', trigger_name) FROM information_schema.triggers
                  WHERE trigger_schema IN ('shop', 'crm')
                UNION ALL SELECT CONCAT('event ', event_schema, '.', event_name) FROM information_schema.events
                  WHERE event_schema IN ('shop', 'crm')
                UNION ALL SELECT CONCAT('view ', table_schema, '.', table_name) FROM information_schema.views
                  WHERE table_schema IN ('shop', 'crm')
                ORDER BY o
                """).lines().filter(line -> !line.isBlank()).toList();
    }
}
