package dev.retain.ingest;

import static dev.retain.ingest.ImportFiles.csv;
import static dev.retain.ingest.ImportFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerRequests;
import dev.retain.customers.Customers;
import dev.retain.customers.Identity;
import dev.retain.ingest.ImportJobs.ImportRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ImportJobsTests {

    @Autowired
    Customers customers;

    @Autowired
    ImportJobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path directory;

    @Test
    void aMinimalOrdersFileImportsOnItsOwnAndCreatesCustomersFromTheirIds() throws IOException {
        String c = unique();
        Path file = csv(directory, "invoices.csv", """
                CustomerID,InvoiceDate,Total
                %1$s-1,2026-01-05 10:00,100.00
                %1$s-1,2026/2/7,"1,250.50"
                %1$s-2,2026年3月1日,¥88
                %1$s-3,not a date,10
                ,2026-01-05,10
                %1$s-4,2026-01-05,-5
                """.formatted(c));

        ImportJob job = importFile(
                ImportKind.ORDERS, "erp", file, "customer_id=CustomerID,order_date=InvoiceDate,amount=Total");

        assertThat(job.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(job.rowsRead()).isEqualTo(6);
        assertThat(job.rowsImported()).isEqualTo(4);
        assertThat(job.rowsRejected()).isEqualTo(2);
        assertThat(job.rowsImported() + job.rowsMerged() + job.rowsRejected()).isEqualTo(job.rowsRead());
        assertThat(count("select count(*) from customer_identities where kind = 'erp' and value like ?", c + "-%"))
                .isEqualTo(3);
        assertThat(jdbc.sql("""
                        select sum(o.base_amount) from orders o join customer_identities i on i.customer_id = o.customer_id
                        where i.kind = 'erp' and i.value = ?""").param(c + "-1").query(BigDecimal.class).single())
                .isEqualByComparingTo("1350.50");
    }

    @Test
    void everyRejectedRowComesBackWithItsOriginalColumnsAndTheReason() throws IOException {
        String c = unique();
        Path file = csv(directory, "orders.csv", """
                订单号,客户编号,下单时间,实付金额,币种
                %1$s-A,%1$s,2026-04-01,100,CNY
                %1$s-B,%1$s,2026-13-01,"1,00",CNY
                %1$s-C,,2026-04-01,5,XYZ
                """.formatted(c));

        ImportJob job = importFile(
                ImportKind.ORDERS,
                "shop",
                file,
                "order_id=订单号,customer_id=客户编号,order_date=下单时间,amount=实付金额,currency=币种");
        var bytes = new ByteArrayOutputStream();
        jobs.writeRejectedCsv(job.id(), bytes);
        String csv = bytes.toString(StandardCharsets.UTF_8).substring(1);

        assertThat(job.rowsRejected()).isEqualTo(2);
        assertThat(csv.lines().toList())
                .containsExactly(
                        "订单号,客户编号,下单时间,实付金额,币种,reason",
                        c + "-B," + c + ",2026-13-01,\"1,00\",CNY,\"order_date: '2026-13-01' is not a date; amount: "
                                + "'1,00' is not an amount\"",
                        c + "-C,,2026-04-01,5,XYZ,\"customer_id: no customer identity: customer id, phone and email are"
                                + " all missing; currency: no exchange rate for 'XYZ'\"");
    }

    @Test
    void importingTheSameFileAgainChangesNothingAndAChangedRowUpdates() throws IOException {
        String c = unique();
        String rows = """
                order_no,customer,date,amount,status
                %1$s-1,%1$s,2026-05-01 09:30,199.00,已付款
                %1$s-2,%1$s,2026-05-03 12:00,59.90,已退款
                """.formatted(c);
        String mapping = "order_id=order_no,customer_id=customer,order_date=date,amount=amount,status=status";
        ImportJob first = importFile(ImportKind.ORDERS, "erp", csv(directory, "a.csv", rows), mapping);
        long ordersAfterFirst = count("select count(*) from orders where external_id like ?", c + "-%");

        ImportJob again = importFile(ImportKind.ORDERS, "erp", csv(directory, "b.csv", rows), mapping);
        ImportJob changed = importFile(
                ImportKind.ORDERS, "erp", csv(directory, "c.csv", rows.replace("199.00", "189.00")), mapping);

        assertThat(first.rowsImported()).isEqualTo(2);
        assertThat(again.rowsImported()).isZero();
        assertThat(again.rowsMerged()).isEqualTo(2);
        assertThat(count("select count(*) from orders where external_id like ?", c + "-%"))
                .isEqualTo(ordersAfterFirst)
                .isEqualTo(2);
        assertThat(count("select count(*) from customer_identities where kind = 'erp' and value = ?", c))
                .isEqualTo(1);
        assertThat(changed.rowsMerged()).isEqualTo(2);
        assertThat(jdbc.sql("select amount from orders where source = 'erp' and external_id = ?")
                        .param(c + "-1")
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("189.00");
        assertThat(jdbc.sql("select status from orders where source = 'erp' and external_id = ?")
                        .param(c + "-2")
                        .query(String.class)
                        .single())
                .isEqualTo("REFUNDED");
    }

    @Test
    void rowsOfOneOrderBecomeItsLines() throws IOException {
        String c = unique();
        Path file = csv(directory, "lines.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID
                %1$s,85123A,WHITE HANGING HEART,6,2026-12-01 08:26,2.55,%1$s-17850
                %1$s,71053,WHITE METAL LANTERN,6,2026-12-01 08:26,3.39,%1$s-17850
                """.formatted(c));

        ImportJob job = importFile(
                ImportKind.ORDERS,
                "shop",
                file,
                "order_id=InvoiceNo,sku=StockCode,product_name=Description,quantity=Quantity,order_date=InvoiceDate,"
                        + "unit_price=UnitPrice,customer_id=CustomerID");

        assertThat(job.rowsImported()).isEqualTo(1);
        assertThat(job.rowsMerged()).isEqualTo(1);
        assertThat(jdbc.sql("select amount from orders where source = 'shop' and external_id = ?")
                        .param(c)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("35.64");
        assertThat(count(
                        "select count(*) from order_lines l join orders o on o.id = l.order_id where o.external_id = ?",
                        c))
                .isEqualTo(2);
        assertThat(jdbc.sql("select sum(line_amount) from paid_order_lines_view l join orders o on o.id = l.order_id"
                                + " where o.external_id = ?")
                        .param(c)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("35.64");
    }

    @Test
    void customersSharingAPhoneEmailOrCompanyNameBecomeOneCustomer() throws IOException {
        String c = unique();
        String mobile = CustomerRequests.aFreshMobile();
        String digits = mobile.replace(" ", "");
        Path file = csv(directory, "customers.csv", """
                客户名称,手机号,邮箱,公司名称,城市,地区
                王芳,%2$s,%1$s.wang@qq.com,,上海,华东
                王芳,+86 %3$s,,,上海,华东
                Fang Wang,,%1$s.WANG@QQ.COM ,,上海,华东
                ,,,上海%1$s机械设备有限公司,上海,华东
                ,,,上海%1$s机械设备 股份有限公司,上海,华东
                李雷,12345,,,北京,华北
                """.formatted(c, digits, mobile));

        ImportJob job = importFile(
                ImportKind.CUSTOMERS, "crm", file, "name=客户名称,phone=手机号,email=邮箱,company_name=公司名称,city=城市,region=地区");

        assertThat(job.rowsImported()).isEqualTo(2);
        assertThat(job.rowsMerged()).isEqualTo(3);
        assertThat(job.rowsRejected()).isEqualTo(1);
        long person = customers.idOf(new Identity("phone", "+86" + digits)).orElseThrow();
        assertThat(customers.idOf(new Identity("email", c + ".wang@qq.com"))).contains(person);
        assertThat(jdbc.sql("select name from customers where id = ?")
                        .param(person)
                        .query(String.class)
                        .single())
                .as("the most recent non-empty value wins")
                .isEqualTo("Fang Wang");
        assertThat(count("select count(*) from customers where kind = 'COMPANY' and name like ?", "%" + c + "%"))
                .isEqualTo(1);
        assertThat(count("select count(*) from import_merges where job_id = ? and customer_id = ?", job.id(), person))
                .isEqualTo(2);
    }

    @Test
    void aCustomerImportedAgainFromAnotherSourceIsMergedIntoTheExistingOne() throws IOException {
        String c = unique();
        String mobile = CustomerRequests.aFreshMobile();
        importFile(
                ImportKind.CUSTOMERS,
                "shop",
                csv(directory, "shop.csv", """
                member_id,name,mobile
                %1$s,赵敏,%2$s
                """.formatted(c, mobile)),
                "customer_id=member_id,name=name,phone=mobile");

        ImportJob erp = importFile(
                ImportKind.CUSTOMERS,
                "erp",
                csv(directory, "erp.csv", """
                客户代码,客户名称,电话,城市
                E-%1$s,赵敏,%2$s,杭州
                """.formatted(c, mobile.replace(" ", "-"))),
                "customer_id=客户代码,name=客户名称,phone=电话,city=城市");

        assertThat(erp.rowsMerged()).isEqualTo(1);
        long customer = jdbc.sql("select customer_id from customer_identities where kind = 'shop' and value = ?")
                .param(c)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select customer_id from customer_identities where kind = 'erp' and value = ?")
                        .param("E-" + c)
                        .query(Long.class)
                        .single())
                .isEqualTo(customer);
        assertThat(jdbc.sql("select city from customers where id = ?")
                        .param(customer)
                        .query(String.class)
                        .single())
                .isEqualTo("杭州");
    }

    @Test
    void eventsAreRecordedOnceHoweverOftenTheFileIsImported() throws IOException {
        String c = unique();
        String rows = """
                user_id,event,time,page
                %1$s,page_view,2026-06-01 10:00:00,/product/1
                %1$s,login,2026-06-01 10:05:00,
                """.formatted(c);
        String mapping = "customer_id=user_id,event_type=event,occurred_at=time";

        ImportJob first = importFile(ImportKind.EVENTS, "app", csv(directory, "e1.csv", rows), mapping);
        ImportJob again = importFile(ImportKind.EVENTS, "app", csv(directory, "e2.csv", rows), mapping);

        assertThat(first.rowsImported()).isEqualTo(2);
        assertThat(again.rowsMerged()).isEqualTo(2);
        assertThat(jdbc.sql("""
                        select e.properties::text from events e join customer_identities i on i.customer_id = e.customer_id
                        where i.kind = 'app' and i.value = ? and e.type = 'page_view'""").param(c).query(String.class).list()).containsExactly("{\"page\": \"/product/1\"}");
    }

    @Test
    void aGbkCsvExportedByChineseExcelImportsWithoutBeingToldItsEncoding() throws IOException {
        Path file = copyOf("customers-gbk.csv");

        ImportJob job = importFile(
                ImportKind.CUSTOMERS, "excel", file, "name=客户名称,phone=手机号,email=邮箱,city=城市,signed_up_at=注册时间");

        assertThat(job.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(job.rowsRead()).isEqualTo(10);
        assertThat(job.rowsImported() + job.rowsMerged() + job.rowsRejected()).isEqualTo(10);
        long zhang = customers.idOf(new Identity("phone", "+8613812345678")).orElseThrow();
        assertThat(jdbc.sql("""
                        select c.name || ' ' || c.city || ' ' || to_char(c.signed_up_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')
                        from customers c where c.id = ?""").param(zhang).query(String.class).single()).isEqualTo("张伟 北京 2024-01-05");
    }

    @Test
    void anXlsxSavedByLibreOfficeImports() throws IOException {
        Path file = copyOf("customers-libreoffice.xlsx");

        ImportJob job = importFile(ImportKind.CUSTOMERS, "excel", file, "name=客户名称,phone=手机号,birthday=生日");

        assertThat(job.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(job.rowsRead()).isPositive();
        assertThat(job.rowsImported() + job.rowsMerged() + job.rowsRejected()).isEqualTo(job.rowsRead());
        assertThat(customers.idOf(new Identity("phone", "+8613987654321"))).isPresent();
    }

    private Path copyOf(String fixture) throws IOException {
        try (var in = getClass().getResourceAsStream("/ingest/" + fixture)) {
            Path file = directory.resolve(fixture);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void aQueuedJobCanBeCancelled() throws IOException {
        Path file = csv(directory, "x.csv", "CustomerID,InvoiceDate,Total\n" + unique() + ",2026-01-01,1\n");
        // queued and cancelled before the workers can see it, as while they are busy with other jobs
        ImportJob cancelled = new TransactionTemplate(transactions).execute(status -> {
            try {
                ImportJob job = submit(
                        ImportKind.ORDERS, "erp", file, "customer_id=CustomerID,order_date=InvoiceDate,amount=Total");
                assertThat(job.status()).isEqualTo(ImportStatus.QUEUED);
                return jobs.cancel(job.id());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(cancelled.status()).isEqualTo(ImportStatus.CANCELLED);
        assertThat(jobs.runNow(cancelled.id()).status()).isEqualTo(ImportStatus.CANCELLED);
    }

    @Test
    void aRunningJobThatIsCancelledLeavesNothingBehind() throws Exception {
        String c = unique();
        var rows = new StringBuilder("order_no,customer,date,amount\n");
        for (int i = 0; i < 300_000; i++) {
            rows.append(c)
                    .append('-')
                    .append(i)
                    .append(',')
                    .append(c)
                    .append(i % 1000)
                    .append(",2026-03-01,")
                    .append(i % 500 + 1)
                    .append('\n');
        }
        Path file = csv(directory, "big.csv", rows.toString());
        ImportJob job = submit(
                ImportKind.ORDERS, "erp", file, "order_id=order_no,customer_id=customer,order_date=date,amount=amount");
        long id = job.id();
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> jobs.runNow(id));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> jobs.find(id).rowsRead() > 0);

        jobs.cancel(id);

        ImportJob cancelled = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(cancelled.status()).isEqualTo(ImportStatus.CANCELLED);
        assertThat(count("select count(*) from orders where external_id like ?", c + "-%"))
                .isZero();
        assertThat(count("select count(*) from customer_identities where kind = 'erp' and value like ?", c + "%"))
                .isZero();
    }

    @Test
    void aJobWhoseServerDiedIsFailedAndSaysNothingWasCommitted() throws IOException {
        Path file = csv(directory, "y.csv", "CustomerID,InvoiceDate,Total\n" + unique() + ",2026-01-01,1\n");
        ImportJob job =
                submit(ImportKind.ORDERS, "erp", file, "customer_id=CustomerID,order_date=InvoiceDate,amount=Total");
        jdbc.sql("update import_jobs set status = 'RUNNING', heartbeat_at = now() - interval '1 hour' where id = ?")
                .param(job.id())
                .update();

        jobs.failAbandoned(Duration.ofSeconds(30));

        ImportJob failed = jobs.find(job.id());
        assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(failed.error()).contains("nothing of this import was committed");
    }

    private ImportJob importFile(ImportKind kind, String source, Path file, String mapping) throws IOException {
        return jobs.runNow(submit(kind, source, file, mapping).id());
    }

    private ImportJob submit(ImportKind kind, String source, Path file, String mapping) throws IOException {
        try (var content = Files.newInputStream(file)) {
            return jobs.submit(request(kind, source, file, mapping), content);
        }
    }

    private static ImportRequest request(ImportKind kind, String source, Path file, String mapping) {
        return new ImportRequest(
                kind, source, file.getFileName().toString(), MappingText.parse(mapping), ImportOptions.defaults());
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
    }
}
