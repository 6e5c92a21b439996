package dev.retain.ingest;

import dev.retain.commerce.OrderImport;
import dev.retain.customers.CustomerImport;
import dev.retain.events.EventImport;
import dev.retain.ingest.files.TableReader;
import dev.retain.platform.PostgresCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based heart of every import, inside the caller's transaction: each row is cleansed and streamed with
 * {@code COPY} into the temporary table {@code staged_rows} (rejected rows keep their reason and original cells),
 * then the owning modules resolve customers and upsert orders or events. Files and bulk API calls both come through
 * here.
 */
@Component
class StagedImport {

    private static final Logger log = LoggerFactory.getLogger(StagedImport.class);

    private static final int REPORT_EVERY_ROWS = 20_000;
    private static final String REF_KEY =
            "coalesce(ext_ref, '') || chr(1) || coalesce(phone, '') || chr(1) || coalesce(email, '')";

    /** Told how far reading has got; answers true to stop (the import was cancelled). */
    interface ReadProgress {
        boolean report(long rowsRead, long bytesRead, long bytesTotal);
    }

    private final JdbcClient jdbc;
    private final PostgresCopy copy;
    private final CustomerImport customers;
    private final OrderImport orders;
    private final EventImport events;
    private final Cleansing cleansing;

    StagedImport(
            JdbcClient jdbc,
            PostgresCopy copy,
            CustomerImport customers,
            OrderImport orders,
            EventImport events,
            Cleansing cleansing) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.customers = customers;
        this.orders = orders;
        this.events = events;
        this.cleansing = cleansing;
    }

    /** The result: rows read, and the temporary table whose {@code outcome} column says what became of each row. */
    record Staged(long rowsRead, String outcomes) {}

    Staged importRows(
            ImportKind kind,
            String source,
            Map<String, String> mapping,
            ImportOptions options,
            TableReader reader,
            ReadProgress progress) {
        // Sorts and hashes over a whole file stay in memory instead of spilling to disk.
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("create temp table staged_rows (" + stagedColumnTypes() + ") on commit drop")
                .update();
        long started = System.nanoTime();
        long rowsRead = stage(kind, mapping, options, reader, progress);
        long staged = System.nanoTime();
        String outcomes = switch (kind) {
            case CUSTOMERS -> importCustomers(source);
            case ORDERS -> importOrders(source);
            case EVENTS -> importEvents(source);
        };
        log.debug(
                "{} rows of {}: read, cleansed and staged in {} ms; resolved and stored in {} ms",
                rowsRead,
                kind,
                (staged - started) / 1_000_000,
                (System.nanoTime() - staged) / 1_000_000);
        return new Staged(rowsRead, outcomes);
    }

    /** Reads, cleanses and copies every row into {@code staged_rows}; returns the number of rows read. */
    private long stage(
            ImportKind kind,
            Map<String, String> fieldToHeader,
            ImportOptions options,
            TableReader reader,
            ReadProgress progress) {
        var mapping = ColumnMapping.of(kind, fieldToHeader, reader.headers());
        var cleanser = cleansing.cleanser(kind, mapping, reader.headers(), options);
        long[] rows = {0};
        copy.into("staged_rows", String.join(", ", RowCleanser.STAGED_COLUMNS), sink -> {
            try {
                for (String[] cells = reader.next(); cells != null; cells = reader.next()) {
                    sink.row(cleanser.cleanse(reader.rowNumber(), cells, reader.rowProblem())
                            .values());
                    if (++rows[0] % REPORT_EVERY_ROWS == 0
                            && progress.report(rows[0], reader.bytesRead(), reader.totalBytes())) {
                        throw new ImportCancelled();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        jdbc.sql("analyze staged_rows").update();
        return rows[0];
    }

    private String importCustomers(String source) {
        customers.createStaging();
        jdbc.sql("insert into staged_customers (" + CustomerImport.STAGING_COLUMNS + ") select "
                        + CustomerImport.STAGING_COLUMNS + " from staged_rows where reason is null")
                .update();
        customers.resolve(source);
        return "staged_customers";
    }

    private String importOrders(String source) {
        long started = System.nanoTime();
        resolveCustomerReferences(source);
        log.debug("customers resolved in {} ms", (System.nanoTime() - started) / 1_000_000);
        orders.createStaging();
        jdbc.sql("insert into staged_orders (" + OrderImport.STAGING_COLUMNS + ", customer_id) select "
                        + qualified(OrderImport.STAGING_COLUMNS) + ", c.customer_id from " + rowsWithCustomers())
                .update();
        orders.upsert(source);
        return OrderImport.OUTCOMES;
    }

    private String importEvents(String source) {
        resolveCustomerReferences(source);
        events.createStaging();
        jdbc.sql("""
                        insert into staged_events (row_number, type, occurred_at, properties, customer_id)
                        select r.row_number, r.event_type, r.occurred_at, r.properties::jsonb, c.customer_id from\s""" + rowsWithCustomers()).update();
        events.append();
        return "staged_events";
    }

    /** The customers of an order or event file: each distinct reference once, resolved or created from its ids. */
    private void resolveCustomerReferences(String source) {
        jdbc.sql("create temp table customer_refs on commit drop as select " + REF_KEY
                        + " as ref_key, min(row_number) as row_number, min(ext_ref) as ext_ref, min(phone) as phone,"
                        + " min(email) as email, (array_agg(name) filter (where name is not null))[1] as name"
                        + " from staged_rows where reason is null group by 1")
                .update();
        customers.createStaging();
        jdbc.sql("""
                        insert into staged_customers (row_number, ext_ref, phone, email, name)
                        select row_number, ext_ref, phone, email, name from customer_refs""").update();
        customers.resolve(source);
        jdbc.sql("create index on customer_refs (ref_key)").update();
    }

    private static String rowsWithCustomers() {
        return "staged_rows r join customer_refs f on f.ref_key = " + REF_KEY.replace("coalesce(", "coalesce(r.")
                + " join staged_customers c on c.row_number = f.row_number where r.reason is null";
    }

    private static String qualified(String columns) {
        return "r." + columns.replace(", ", ", r.");
    }

    private static String stagedColumnTypes() {
        return """
                row_number bigint primary key, reason text, original text[], ext_ref text, phone text, email text,
                company_key text, kind text, name text, gender text, birthday date, city text, region text,
                industry text, contact_name text, signed_up_at timestamptz, order_ref text, returns_ref text,
                ordered_at timestamptz,
                status text, currency text, amount numeric(14, 2), coupon_code text, sku text, product_name text,
                category text, quantity int, unit_price numeric(14, 2), event_type text, occurred_at timestamptz,
                properties text""";
    }
}
