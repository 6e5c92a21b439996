package dev.retain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportPreviewTests {

    @Test
    void suggestsAMappingFromChineseHeaders() {
        assertThat(ImportPreview.suggest(ImportKind.ORDERS, List.of("订单号", "客户编号", "下单时间", "实付金额")))
                .containsEntry("order_id", "订单号")
                .containsEntry("customer_id", "客户编号")
                .containsEntry("order_date", "下单时间")
                .containsEntry("amount", "实付金额");
    }

    @Test
    void suggestsAMappingFromEnglishHeaders() {
        assertThat(ImportPreview.suggest(ImportKind.ORDERS, List.of("InvoiceNo", "CustomerID", "InvoiceDate", "Total")))
                .containsEntry("order_id", "InvoiceNo")
                .containsEntry("customer_id", "CustomerID")
                .containsEntry("order_date", "InvoiceDate")
                .containsEntry("amount", "Total");
    }
}
