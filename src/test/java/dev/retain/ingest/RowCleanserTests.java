package dev.retain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ingest.cleansing.DateReader;
import dev.retain.ingest.cleansing.DayMonthOrder;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Every way a row can be rejected, with the reason the user reads. */
class RowCleanserTests {

    private static final List<String> ORDER_HEADERS =
            List.of("order", "customer", "phone", "email", "date", "amount", "currency", "status", "qty");
    private static final List<String> CUSTOMER_HEADERS = List.of("id", "name", "company", "gender", "birthday");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no customer at all        | A1 |    |            |          | 2026-01-05 | 10     |     |        |   | customer_id: no customer identity: customer id, phone and email are all missing",
                "only placeholders for them| A1 | NA | N/A        | null     | 2026-01-05 | 10     |     |        |   | customer_id: no customer identity: customer id, phone and email are all missing",
                "a phone that is not one   | A1 |    | 12345      |          | 2026-01-05 | 10     |     |        |   | phone: '12345' is not a valid phone number",
                "an email that is not one  | A1 |    |            | wang@    | 2026-01-05 | 10     |     |        |   | email: 'wang@' is not a valid email address",
                "no date                   | A1 | C1 |            |          |            | 10     |     |        |   | order_date: is empty",
                "a date that is not one    | A1 | C1 |            |          | 2026-02-30 | 10     |     |        |   | order_date: '2026-02-30' is not a date",
                "no amount                 | A1 | C1 |            |          | 2026-01-05 |        |     |        |   | amount: is empty",
                "an amount that is not one | A1 | C1 |            |          | 2026-01-05 | ten    |     |        |   | amount: 'ten' is not an amount",
                "a currency without a rate | A1 | C1 |            |          | 2026-01-05 | 10     | XYZ |        |   | currency: no exchange rate for 'XYZ'",
                "an unknown status         | A1 | C1 |            |          | 2026-01-05 | 10     |     | lost   |   | status: 'lost' is not an order status (paid, refunded, cancelled)",
                "a quantity of nothing     | A1 | C1 |            |          | 2026-01-05 | 10     |     |        | 0 | quantity: '0' is not a whole number other than 0",
                "a fractional quantity     | A1 | C1 |            |          | 2026-01-05 | 10     |     |        | 1.5 | quantity: '1.5' is not a whole number other than 0",
                "a quantity that is no number | A1 | C1 |         |          | 2026-01-05 | 10     |     |        | two | quantity: 'two' is not an amount",
            })
    void anOrderRowIsRejectedWithItsReason(
            String why,
            String order,
            String customer,
            String phone,
            String email,
            String date,
            String amount,
            String currency,
            String status,
            String quantity,
            String reason) {
        var cleanser = cleanser(
                ImportKind.ORDERS,
                ORDER_HEADERS,
                "order_id=order,customer_id=customer,phone=phone,email=email,order_date=date,amount=amount,"
                        + "currency=currency,status=status,quantity=qty");

        var result =
                cleanser.cleanse(2, cells(order, customer, phone, email, date, amount, currency, status, quantity));

        assertThat(result.rejected()).as(why).isTrue();
        assertThat(result.values()[1]).as(why).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no identity at all        |    | 王芳 |          |   |            | customer_id: no customer id, phone, email or company name",
                "a company name that is only a legal form | | | 有限公司 | | | company_name: '有限公司' has no company name",
                "a gender that is not one  | C1 | 王芳 |          | X |            | gender: 'X' is not a gender (F/M, 女/男)",
                "a birthday that is not one| C1 | 王芳 |          | F | 1990-13-01 | birthday: '1990-13-01' is not a date",
            })
    void aCustomerRowIsRejectedWithItsReason(
            String why, String id, String name, String company, String gender, String birthday, String reason) {
        var cleanser = cleanser(
                ImportKind.CUSTOMERS,
                CUSTOMER_HEADERS,
                "customer_id=id,name=name,company_name=company,gender=gender,birthday=birthday");

        var result = cleanser.cleanse(2, cells(id, name, company, gender, birthday));

        assertThat(result.rejected()).as(why).isTrue();
        assertThat(result.values()[1]).as(why).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"no event type |  | 2026-01-05 | event_type: is empty", "no time | login | | occurred_at: is empty"
            })
    void anEventRowIsRejectedWithItsReason(String why, String type, String time, String reason) {
        var cleanser = cleanser(
                ImportKind.EVENTS,
                List.of("user", "type", "time"),
                "customer_id=user,event_type=type,occurred_at=time");

        var result = cleanser.cleanse(2, cells("U1", type, time));

        assertThat(result.values()[1]).as(why).isEqualTo(reason);
    }

    private static RowCleanser cleanser(ImportKind kind, List<String> headers, String mapping) {
        return new RowCleanser(
                kind,
                ColumnMapping.of(kind, MappingText.parse(mapping), headers),
                headers,
                new DateReader(ZoneId.of("Asia/Shanghai"), DayMonthOrder.MONTH_FIRST),
                "CN",
                "CNY",
                Set.of("CNY", "USD"),
                JsonMapper.builder().build());
    }

    private static String[] cells(String... values) {
        return Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new);
    }
}
