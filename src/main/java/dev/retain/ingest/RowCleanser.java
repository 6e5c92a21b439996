package dev.retain.ingest;

import dev.retain.commerce.OrderStatus;
import dev.retain.customers.Email;
import dev.retain.customers.Phone;
import dev.retain.ingest.cleansing.Amount;
import dev.retain.ingest.cleansing.AmountReader;
import dev.retain.ingest.cleansing.CellProblem;
import dev.retain.ingest.cleansing.CompanyNames;
import dev.retain.ingest.cleansing.DateReader;
import dev.retain.ingest.cleansing.MissingValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns one row of cells into the clean values of {@code staged_rows}, or says per field what is wrong with it. One
 * instance per job; it is called for every row, so it allocates little.
 */
final class RowCleanser {

    /** The staging table's columns, in the order of {@link Cleansed#values()}. */
    static final List<String> STAGED_COLUMNS = List.of(
            "row_number",
            "reason",
            "original",
            "ext_ref",
            "phone",
            "email",
            "company_key",
            "kind",
            "name",
            "gender",
            "birthday",
            "city",
            "region",
            "industry",
            "contact_name",
            "signed_up_at",
            "order_ref",
            "returns_ref",
            "ordered_at",
            "status",
            "currency",
            "amount",
            "coupon_code",
            "sku",
            "product_name",
            "category",
            "quantity",
            "unit_price",
            "event_type",
            "occurred_at",
            "properties");

    /** Where each field's clean value is staged, where the names differ. */
    private static final Map<String, String> STAGED_AS = Map.of(
            "customer_id",
            "ext_ref",
            "order_id",
            "order_ref",
            "original_order_id",
            "returns_ref",
            "order_date",
            "ordered_at",
            "company_name",
            "company_key");

    /** The staged column holding a field's clean value. */
    static int stagedColumnOf(String field) {
        return STAGED_COLUMNS.indexOf(STAGED_AS.getOrDefault(field, field));
    }

    /**
     * Orders and events belong to a customer (every customer-keyed table is keyed and distributed by it), so a row
     * that names nobody is rejected rather than kept as an anonymous order.
     */
    static final String NO_CUSTOMER_IDENTITY = "no customer identity: customer id, phone and email are all missing";

    private static final Map<String, String> ORDER_STATUSES = orderStatuses();
    private static final Map<String, String> GENDERS =
            Map.of("f", "F", "female", "F", "女", "F", "女士", "F", "m", "M", "male", "M", "男", "M", "先生", "M");

    /** The outcome for one row: values to stage, and the problems by field (empty when the row is clean). */
    record Cleansed(Object[] values, Map<String, String> problems) {
        boolean rejected() {
            return !problems.isEmpty();
        }
    }

    private final ImportKind kind;
    private final ColumnMapping mapping;
    private final List<String> headers;
    private final DateReader dates;
    private final String defaultRegion;
    private final String defaultCurrency;
    private final Set<String> currencies;
    private final ObjectMapper json;

    RowCleanser(
            ImportKind kind,
            ColumnMapping mapping,
            List<String> headers,
            DateReader dates,
            String defaultRegion,
            String defaultCurrency,
            Set<String> currencies,
            ObjectMapper json) {
        this.kind = kind;
        this.mapping = mapping;
        this.headers = headers;
        this.dates = dates;
        this.defaultRegion = defaultRegion;
        this.defaultCurrency = defaultCurrency;
        this.currencies = currencies;
        this.json = json;
    }

    /**
     * The row as read: refused with the reader's reason when it could not be read whole (see
     * {@link dev.retain.ingest.files.TableReader#rowProblem()}), else cleansed.
     */
    Cleansed cleanse(long rowNumber, String[] cells, String readProblem) {
        if (readProblem == null) {
            return cleanse(rowNumber, cells);
        }
        Object[] v = new Object[STAGED_COLUMNS.size()];
        v[0] = rowNumber;
        v[1] = readProblem;
        v[2] = Arrays.asList(cells);
        return new Cleansed(v, Map.of("row", readProblem));
    }

    Cleansed cleanse(long rowNumber, String[] cells) {
        var problems = new LinkedHashMap<String, String>(2);
        Object[] v = new Object[STAGED_COLUMNS.size()];
        v[0] = rowNumber;
        v[3] = mapping.cell(cells, "customer_id");
        v[4] = read(
                cells, "phone", problems, raw -> Phone.parse(raw, defaultRegion).e164());
        v[5] = read(cells, "email", problems, raw -> Email.parse(raw).address());
        String company = mapping.cell(cells, "company_name");
        v[8] = mapping.cell(cells, "name");
        if (company != null) {
            v[6] = read(cells, "company_name", problems, CompanyNames::normalise);
            v[7] = "COMPANY";
            v[8] = company;
        }
        v[9] = read(cells, "gender", problems, RowCleanser::gender);
        v[10] = read(cells, "birthday", problems, dates::readDate);
        v[11] = mapping.cell(cells, "city");
        v[12] = mapping.cell(cells, "region");
        if (v[6] != null && v[12] != null) {
            v[6] = v[6] + "|" + v[12];
        }
        v[13] = mapping.cell(cells, "industry");
        v[14] = mapping.cell(cells, "contact_name");
        v[15] = read(cells, "signed_up_at", problems, dates::readInstant);
        if (v[3] == null
                && v[4] == null
                && v[5] == null
                && v[6] == null
                && !problems.containsKey("phone")
                && !problems.containsKey("email")
                && !problems.containsKey("company_name")) {
            problems.put(
                    "customer_id",
                    kind == ImportKind.CUSTOMERS
                            ? "no customer id, phone, email or company name"
                            : NO_CUSTOMER_IDENTITY);
        }
        switch (kind) {
            case ORDERS -> cleanseOrder(cells, v, problems);
            case EVENTS -> cleanseEvent(cells, v, problems);
            case CUSTOMERS -> {}
        }
        if (!problems.isEmpty()) {
            v[1] = reason(problems);
            v[2] = Arrays.asList(cells);
        }
        return new Cleansed(v, problems);
    }

    private void cleanseOrder(String[] cells, Object[] v, Map<String, String> problems) {
        v[18] = requiredRead(cells, "order_date", problems, dates::readInstant);
        v[19] = read(cells, "status", problems, RowCleanser::orderStatus);
        if (v[19] == null) {
            v[19] = "PAID";
        }
        String currency = read(cells, "currency", problems, raw -> raw.toUpperCase(Locale.ROOT));
        Amount amount = read(cells, "amount", problems, AmountReader::read);
        if (amount != null) {
            v[21] = amount.value();
            if (currency == null) {
                currency = amount.currency();
            }
        }
        v[20] = currency != null ? currency : defaultCurrency;
        if (!currencies.contains((String) v[20])) {
            problems.put("currency", "no exchange rate for '" + v[20] + "'");
        }
        v[22] = mapping.cell(cells, "coupon_code");
        v[23] = mapping.cell(cells, "sku");
        v[24] = mapping.cell(cells, "product_name");
        v[25] = mapping.cell(cells, "category");
        v[26] = read(cells, "quantity", problems, RowCleanser::quantity);
        Amount unitPrice = read(cells, "unit_price", problems, AmountReader::read);
        v[27] = unitPrice == null ? null : unitPrice.value();
        if (v[21] == null && v[27] == null && !problems.containsKey("amount") && !problems.containsKey("unit_price")) {
            problems.put("amount", "is empty");
        }
        v[16] = mapping.has("order_id") ? required(cells, "order_id", problems) : derivedOrderRef(v);
        if (isReturn(v)) {
            recordAsReturn(cells, v);
        }
    }

    /** ERPs write returns and credit notes as negative quantities or amounts instead of a status. */
    private static boolean isReturn(Object[] v) {
        return (v[21] != null && ((BigDecimal) v[21]).signum() < 0)
                || (v[26] != null && (Integer) v[26] < 0)
                || (v[27] != null && ((BigDecimal) v[27]).signum() < 0);
    }

    /**
     * A return is stored as an order of its own with status RETURNED and negative amounts, whatever sign each column
     * used, and names the order it returns: the mapped original order id, or else the order id without the
     * {@code C} that ERPs put before a cancelling invoice's number ({@code C536379} returns {@code 536379}).
     */
    private void recordAsReturn(String[] cells, Object[] v) {
        v[19] = OrderStatus.RETURNED.name();
        if (v[21] != null) {
            v[21] = ((BigDecimal) v[21]).abs().negate();
        }
        if (v[26] != null) {
            v[26] = -Math.abs((Integer) v[26]);
        } else {
            v[26] = -1;
        }
        if (v[27] != null) {
            v[27] = ((BigDecimal) v[27]).abs();
        }
        String original = mapping.cell(cells, "original_order_id");
        String orderRef = (String) v[16];
        if (original == null
                && mapping.has("order_id")
                && orderRef != null
                && orderRef.length() > 1
                && (orderRef.charAt(0) == 'C' || orderRef.charAt(0) == 'c')) {
            original = orderRef.substring(1);
        }
        v[17] = original;
    }

    /**
     * Transaction exports often have no order id: the customer, time and amount then identify the order, so that
     * importing the file again finds the same orders.
     */
    private static String derivedOrderRef(Object[] v) {
        String key = v[3] + "|" + v[4] + "|" + v[5] + "|" + v[18] + "|" + v[21] + "|" + v[23] + "|" + v[26];
        return "row:" + java.util.HexFormat.of().formatHex(sha256(key), 0, 12);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void cleanseEvent(String[] cells, Object[] v, Map<String, String> problems) {
        v[28] = required(cells, "event_type", problems);
        v[29] = requiredRead(cells, "occurred_at", problems, dates::readInstant);
        // Columns not mapped to a field travel with the event as its properties.
        var properties = new LinkedHashMap<String, String>();
        for (int column = 0; column < cells.length && column < headers.size(); column++) {
            if (!mapping.isMappedColumn(column) && !MissingValues.isMissing(cells[column])) {
                properties.put(headers.get(column), cells[column].strip());
            }
        }
        v[30] = json.writeValueAsString(properties);
    }

    private interface Reader<T> {
        T read(String raw);
    }

    private <T> T read(String[] cells, String field, Map<String, String> problems, Reader<T> reader) {
        String raw = mapping.cell(cells, field);
        if (raw == null) {
            return null;
        }
        try {
            return reader.read(raw);
        } catch (IllegalArgumentException e) {
            problems.put(field, e.getMessage());
            return null;
        }
    }

    private <T> T requiredRead(String[] cells, String field, Map<String, String> problems, Reader<T> reader) {
        if (mapping.cell(cells, field) == null) {
            problems.put(field, "is empty");
            return null;
        }
        return read(cells, field, problems, reader);
    }

    private String required(String[] cells, String field, Map<String, String> problems) {
        return requiredRead(cells, field, problems, raw -> raw);
    }

    private static String reason(Map<String, String> problems) {
        var reason = new StringBuilder();
        problems.forEach((field, problem) -> {
            if (reason.length() > 0) {
                reason.append("; ");
            }
            reason.append(field).append(": ").append(problem);
        });
        return reason.toString();
    }

    private static String gender(String raw) {
        String gender = GENDERS.get(raw.toLowerCase(Locale.ROOT));
        if (gender == null) {
            throw new CellProblem(raw, "is not a gender (F/M, 女/男)");
        }
        return gender;
    }

    private static String orderStatus(String raw) {
        String status = ORDER_STATUSES.get(raw.toLowerCase(Locale.ROOT).replace(" ", ""));
        if (status == null) {
            throw new CellProblem(raw, "is not an order status (paid, refunded, cancelled)");
        }
        return status;
    }

    /** A whole number of units; below 0 for a returned line. */
    private static Integer quantity(String raw) {
        try {
            BigDecimal quantity = AmountReader.read(raw).value();
            if (quantity.signum() == 0 || quantity.stripTrailingZeros().scale() > 0) {
                throw new CellProblem(raw, "is not a whole number other than 0");
            }
            return quantity.intValueExact();
        } catch (ArithmeticException e) {
            throw new CellProblem(raw, "is too large");
        }
    }

    private static Map<String, String> orderStatuses() {
        var statuses = new HashMap<String, String>();
        for (String paid : List.of(
                "paid",
                "completed",
                "complete",
                "success",
                "shipped",
                "delivered",
                "已付款",
                "已支付",
                "已完成",
                "交易成功",
                "交易完成",
                "已发货",
                "已签收",
                "待发货",
                "已收货")) {
            statuses.put(paid, "PAID");
        }
        for (String refunded : List.of("refunded", "refund", "returned", "已退款", "退款成功", "退款", "已退货", "退货")) {
            statuses.put(refunded, "REFUNDED");
        }
        for (String cancelled : List.of("cancelled", "canceled", "closed", "void", "已取消", "取消", "交易关闭", "已关闭", "关闭")) {
            statuses.put(cancelled, "CANCELLED");
        }
        return Map.copyOf(statuses);
    }
}
