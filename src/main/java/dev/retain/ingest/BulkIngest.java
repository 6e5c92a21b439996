package dev.retain.ingest;

import dev.retain.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers, orders and events sent by other systems through the API, up to {@link #MAX_RECORDS} per call: the same
 * cleansing and identity resolution as a file import, in one transaction, answered record by record. Sending the same
 * records again changes nothing, so a client may retry freely.
 */
@Service
public class BulkIngest {

    public static final int MAX_RECORDS = 10_000;

    private final StagedImport stagedImport;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final ApiDailyAccounts accounts;

    BulkIngest(
            StagedImport stagedImport,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            ApiDailyAccounts accounts) {
        this.stagedImport = stagedImport;
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /**
     * What became of one record: {@code created}; {@code merged} (a customer that existed already, or an event
     * already recorded); {@code updated} (an order that existed, now as sent); or {@code rejected} with the reason.
     */
    public record RecordResult(int index, String result, Long customerId, String reason) {}

    /** Ingests the records; {@code unreadable} holds records that could not even be parsed, by index, with why. */
    public List<RecordResult> ingest(
            ImportKind kind, String source, List<Map<String, Object>> records, Map<Integer, String> unreadable) {
        if (records.size() + unreadable.size() > MAX_RECORDS) {
            throw new InvalidInputException(
                    "records", "at most " + MAX_RECORDS + " records per request; split the batch");
        }
        var table = new RecordTable(kind, records);
        Map<String, String> mapping = RecordTable.mapping(kind);
        return transaction.execute(status -> {
            List<RecordResult> staged = List.of();
            long futureDates = 0;
            if (!records.isEmpty()) {
                var result = stagedImport.importRows(
                        kind, source, mapping, ImportOptions.defaults(), table, (rows, bytes, total) -> false);
                futureDates = jdbc.sql(DataQuality.FUTURE_DATES_IN_STAGED_ROWS)
                        .query(Long.class)
                        .single();
                staged = jdbc.sql(
                                "select r.row_number, r.reason, o.outcome, o.customer_id from staged_rows r left join "
                                        + result.outcomes()
                                        + " o on o.row_number = r.row_number order by r.row_number")
                        .query((rs, row) -> new RecordResult(
                                rs.getInt(1) - 1,
                                rs.getString(2) != null ? "rejected" : answer(kind, rs.getString(3)),
                                rs.getObject(4, Long.class),
                                rs.getString(2)))
                        .list();
            }
            List<RecordResult> results = inOrderSent(staged, records.size(), unreadable);
            accounts.add(kind, source, figures(results, futureDates));
            return results;
        });
    }

    private static ApiDailyAccounts.CallFigures figures(List<RecordResult> results, long futureDates) {
        long created =
                results.stream().filter(r -> r.result().equals("created")).count();
        long rejected =
                results.stream().filter(r -> r.result().equals("rejected")).count();
        return new ApiDailyAccounts.CallFigures(
                results.size(), created, results.size() - created - rejected, rejected, futureDates);
    }

    private static String answer(ImportKind kind, String outcome) {
        if ("imported".equals(outcome)) {
            return "created";
        }
        return kind == ImportKind.ORDERS ? "updated" : "merged";
    }

    /** Puts the parsed records' results and the unreadable ones back in the order they were sent. */
    private static List<RecordResult> inOrderSent(
            List<RecordResult> staged, int parsed, Map<Integer, String> unreadable) {
        var results = new ArrayList<RecordResult>(parsed + unreadable.size());
        int parsedIndex = 0;
        for (int index = 0; index < parsed + unreadable.size(); index++) {
            String problem = unreadable.get(index);
            if (problem != null) {
                results.add(new RecordResult(index, "rejected", null, problem));
            } else {
                RecordResult result = staged.get(parsedIndex++);
                results.add(new RecordResult(index, result.result(), result.customerId(), result.reason()));
            }
        }
        return results;
    }
}
