package dev.tsflink.core.codec;

import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.types.Row;

/** The Order type of the orders-basic graph, and rows of it. */
final class OrdersFixture {

    static final JobGraph GRAPH = JobGraphLoader.load(RepoFiles.read(RepoFiles.ORDERS_BASIC));
    static final RecordType ORDER = (RecordType) GRAPH.types().get("Order");

    private OrdersFixture() {}

    static Row order(String id, String customer, double amount, int quantity, String status, long createdAt,
            String coupon, Row[] lines, Row shipping) {
        return Row.of(id, customer, amount, quantity, status, createdAt, coupon, lines, shipping);
    }

    static Row sample() {
        return order("o-1", "c-1", 120.5, 3, "PAID", 1_700_000_000_000L, null,
                new Row[] {Row.of("sku-1", 40.5), Row.of("sku-2", 80.0)}, Row.of("Lyon", "FR"));
    }
}
